/* swapcontext for 32-bit Arm: save as getcontext does, resume as
 * setcontext, refusing before saving anything, so a failed call changes
 * nothing.  AAPCS, sections 5.1.1 and 5.1.2.1.  Unlike glibc's, the
 * saved pc is the caller's return address, not a label inside the
 * function; and the posix library makes one rt_sigprocmask call to swap
 * the masks where glibc makes two (a query, then the set). */
#include "save.h"

SWITCH_ENTRY(swapcontext)
	cmp	r0, #0
	cmpne	r1, #0
	beq	8f
	ldr	ip, [r1, #UC_SP]
	cmp	ip, #0
	beq	7f
	SAVE_CONTEXT
	SIG_TEST(3f)
	mov	ip, r1
	RESTORE_CONTEXT
3:	TAIL_C(__ucc_sig_resume)	/* the masks, then ucp, from C */
7:	TAIL_C(__ucc_einval)
8:	TAIL_C(__ucc_efault)
SWITCH_END(swapcontext)

	.section .note.GNU-stack,"",%progbits
