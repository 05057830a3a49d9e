/* The start trampoline for s390x: makecontext makes it the context's
 * r14, where setcontext resumes, as glibc's __makecontext_ret is; it
 * calls the function kept in r7, then resumes the uc_link kept in r8, or
 * ends the process with exit(0) when uc_link is NULL, as glibc does: the
 * C of that is __ucc_start_return (lib/makecontext.c).  ELF Application
 * Binary Interface s390x Supplement: r8 is preserved by the call; the
 * unwind chain ends here (r14 undefined). */
#include "save.h"

/* __ucc_start_frame spans the whole trampoline, the nopr included, as on
 * the other ports, so that debuggers name it. */
TRAMPOLINE(__ucc_start_frame, __ucc_start)
	/* r15 is where makecontext left it, a multiple of 8, the zeroed
	 * register save area and the stack arguments above: the function
	 * is entered as by any call. */
	basr	%r14, %r7
	/* Below that frame a save area of our own for the call, so that
	 * the context can run again. */
	aghi	%r15, -160
	.cfi_adjust_cfa_offset 160
	lgr	%r2, %r8
	CALL_C(__ucc_start_return)
	j	.+2			/* never reached: an illegal instruction */
TRAMPOLINE_END(__ucc_start_frame, __ucc_start)

	.section .note.GNU-stack,"",%progbits
