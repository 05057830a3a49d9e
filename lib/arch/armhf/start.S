/* The start trampoline for 32-bit Arm: makecontext makes it the return
 * address (lr) of the context's function, so that returning resumes
 * uc_link, or ends the process with exit(0) when uc_link is NULL, as
 * glibc does: the C of that is __ucc_start_return (lib/makecontext.c).
 * AAPCS, sections 5.1.1 (r4 callee-saved) and 5.3 (the unwind chain ends
 * here: lr undefined for DWARF unwinders, EXIDX_CANTUNWIND for the Arm
 * EHABI's, which looks up the return address minus 2: the nop is inside
 * the entry).  An ARM-state function: a Thumb function returns
 * to it by bx lr or pop {pc}, which interwork. */
#include "save.h"

/* __ucc_start_frame spans the whole trampoline, the nop included, so
 * that debuggers, which look up the return address minus one, name it. */
TRAMPOLINE(__ucc_start_frame, __ucc_start)
	/* r4 holds uc_link, kept by the function as a callee-saved
	 * register.  sp is where makecontext left it, 8-byte aligned, with
	 * the stack arguments above: the call below writes only beneath it,
	 * so the context can run again. */
	mov	r0, r4
	mov	fp, #0
	CALL_C(__ucc_start_return)
	udf	#1000
TRAMPOLINE_END(__ucc_start_frame, __ucc_start)

	.section .note.GNU-stack,"",%progbits
