/* armel: armhf's assembly, VFP tested at run time (port.h).  The
 * included files carry their own CFI (.cfi_startproc ... .cfi_endproc
 * around every function); the note below keeps the stack
 * non-executable whatever they end with. */
#include "../armhf/machine.S"

	.section .note.GNU-stack,"",%progbits
