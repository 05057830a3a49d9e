/* The start trampoline for x86_64: makecontext makes it the return address
 * of the context's function, so that returning resumes uc_link, or ends
 * the process with exit(0) when uc_link is NULL, as glibc does: the C
 * of that is __ucc_start_return (lib/makecontext.c).
 * System V AMD64 psABI 1.0, section 3.4 (the end of the unwind chain). */
#include "asm.h"
#include "abi.h"

/* __ucc_start_frame spans the whole trampoline, the nop included, so that
 * debuggers, which look up the return address minus one, name it. */
TRAMPOLINE(__ucc_start_frame, __ucc_start)
	/* rbx holds uc_link, kept by the function as a callee-saved register.
	 * rsp is 16-byte aligned again now that the return address is popped;
	 * step below that slot before calling anything, so that the frame
	 * makecontext built stays intact and the context can run again. */
	sub	$16, %rsp
#ifdef HAVE_VALGRIND_VALGRIND_H
	lea	8(%rsp), %rdi
	CALL_C(__ucc_valgrind_frame_kept)
#endif
	mov	%rbx, %rdi
	CALL_C(__ucc_start_return)
	ud2
TRAMPOLINE_END(__ucc_start_frame, __ucc_start)

	.section .note.GNU-stack,"",%progbits
