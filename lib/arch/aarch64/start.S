/* The start trampoline for aarch64: makecontext makes it the return
 * address (x30) of the context's function, so that returning resumes
 * uc_link, or ends the process with exit(0) when uc_link is NULL, as
 * glibc does: the C of that is __ucc_start_return (lib/makecontext.c).
 * AAPCS64, sections 6.1.1 (x19 callee-saved) and 6.4 (the frame chain;
 * the unwind chain ends here: x30 undefined). */
#include "asm.h"
#include "abi.h"

/* __ucc_start_frame spans the whole trampoline, the nop included, so that
 * debuggers, which look up the return address minus one, name it.  It is
 * reached by the function's ret, never by a branch, so needs no landing
 * pad. */
TRAMPOLINE(__ucc_start_frame, __ucc_start)
	/* x19 holds uc_link, kept by the function as a callee-saved
	 * register.  sp is where makecontext left it, 16-byte aligned, with
	 * the stack arguments above: the call below writes only beneath it,
	 * so the context can run again. */
	mov	x0, x19
	mov	x29, #0
	CALL_C(__ucc_start_return)
	brk	#1000
TRAMPOLINE_END(__ucc_start_frame, __ucc_start)

	.section .note.GNU-stack,"",%progbits
