/* The start trampoline for riscv64: makecontext makes it the return
 * address (ra) of the context's function, so that returning resumes
 * uc_link, or ends the process with exit(0) when uc_link is NULL, as
 * glibc does: the C of that is __ucc_start_return (lib/makecontext.c).
 * RISC-V ELF psABI (lp64d): s2 callee-saved; the unwind chain ends here
 * (ra undefined). */
#include "save.h"

/* __ucc_start_frame spans the whole trampoline, the nop included, so that
 * debuggers, which look up the return address minus one, name it. */
TRAMPOLINE(__ucc_start_frame, __ucc_start)
	/* s2 holds uc_link, kept by the function as a callee-saved
	 * register.  sp is where makecontext left it, 16-byte aligned, with
	 * the stack arguments above: the call below writes only beneath it,
	 * so the context can run again. */
	mv	a0, s2
	li	s0, 0
	CALL_C(__ucc_start_return)
	unimp
TRAMPOLINE_END(__ucc_start_frame, __ucc_start)

	.section .note.GNU-stack,"",%progbits
