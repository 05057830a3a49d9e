/* The start trampoline for i386: makecontext makes it the return address
 * of the context's function, so that returning resumes uc_link, or ends
 * the process with exit(0) when uc_link is NULL, as glibc does: the C
 * of that is __ucc_start_return (lib/makecontext.c).
 * System V i386 psABI 1.1, sections 2.2.3 (the stack at a call) and
 * 2.3.3 (the end of the unwind chain).
 *
 * The frame makecontext built, as the function's ret leaves it:
 *   esp + 4·i   argument i+1 (i < argc), from the aligned args address
 *   esp - 4     this trampoline's address (the function's return slot)
 * esp is a multiple of 16 here.  glibc's trampoline finds uc_link above
 * the arguments through argc in ebx; ours has uc_link in ebx itself. */
#include "asm.h"
#include "abi.h"

/* __ucc_start_frame spans the whole trampoline, the nop included, so that
 * debuggers, which look up the return address minus one, name it. */
TRAMPOLINE(__ucc_start_frame, __ucc_start)
	/* Step below the return slot at esp - 4 before writing anything, so
	 * that the frame stays intact and the context can run again: the
	 * argument goes at esp - 16, aligned for the call. */
	sub	$16, %esp
#ifdef HAVE_VALGRIND_VALGRIND_H
	lea	12(%esp), %eax
	mov	%eax, (%esp)
	CALL_C(__ucc_valgrind_frame_kept)
#endif
	mov	%ebx, (%esp)
	CALL_C(__ucc_start_return)
	ud2
TRAMPOLINE_END(__ucc_start_frame, __ucc_start)

	.section .note.GNU-stack,"",%progbits
