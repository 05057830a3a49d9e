/* The start trampoline for ppc64le: makecontext makes it the return
 * address (lr) of the context's function, so that returning resumes
 * uc_link, or ends the process with exit(0) when uc_link is NULL, as
 * glibc does: the C of that is __ucc_start_return (lib/makecontext.c).
 * 64-bit ELF V2 ABI 1.5: r30 preserved, 2.2.3 (the stack frame); the
 * unwind chain ends here (lr undefined). */
#include "save.h"

/* __ucc_start_frame spans the whole trampoline, the nop included, so that
 * debuggers, which look up the return address minus one, name it.  No
 * local entry: it is only ever reached by the function's blr. */
TRAMPOLINE(__ucc_start_frame, __ucc_start)
	/* The function may have left r2 its own module's TOC: ours again,
	 * from this instruction's address. */
	bcl	20, 31, 1f
1:	mflr	%r12
	addis	%r2, %r12, .TOC. - 1b@ha
	addi	%r2, %r2, .TOC. - 1b@l
	/* r30 holds ucp, kept by the function as a preserved register:
	 * uc_link is read now, as glibc's trampoline does.
	 * sp is where makecontext left it, 16-byte aligned, with the frame
	 * makecontext built above: the call below gets a frame of its own
	 * beneath it, whose back chain, 0, ends the frame chain, so the
	 * context can run again. */
	ld	%r3, UC_LINK(%r30)
	li	%r31, 0
	li	%r0, 0
	stdu	%r0, -32(%r1)
	CALL_C(__ucc_start_return)
	trap
TRAMPOLINE_END(__ucc_start_frame, __ucc_start)

	.section .note.GNU-stack,"",%progbits
