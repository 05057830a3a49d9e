/* The port's assembly: lib/arch/<abi>/machine.S, found through the
 * include path configure sets for the ABI it chose (lib/arch/README).
 * Its files carry their own CFI and each ends with a .note.GNU-stack;
 * the note is repeated here so that this object never asks for an
 * executable stack, whatever a port's files forget. */
#include <machine.S>

	.section .note.GNU-stack,"",%progbits
