/* The port's assembly: lib/arch/<abi>/machine.S, found through the
 * include path configure sets for the ABI it chose (lib/arch/README). */
#include <machine.S>
