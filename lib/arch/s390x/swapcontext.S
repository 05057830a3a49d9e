/* swapcontext for s390x: save as getcontext does, resume as setcontext
 * (save.h), refusing before saving anything, so a failed call changes
 * nothing.  ELF Application Binary Interface s390x Supplement. */
#include "save.h"

SWITCH_ENTRY(swapcontext)
	ltgr	%r2, %r2
	jz	8f
	ltgr	%r3, %r3
	jz	8f
	ltg	%r0, UC_SP(%r3)
	jz	7f
	lgr	%r1, %r2
	lgr	%r0, %r3		/* saved as glibc's: r0 = ucp, r1 = oucp */
	SAVE_CONTEXT
	SIG_TEST(3f)
	lgr	%r1, %r3
	RESTORE_CONTEXT
3:	TAIL_C(__ucc_sig_resume)	/* the masks, then ucp, from C */
7:	TAIL_C(__ucc_einval)
8:	TAIL_C(__ucc_efault)
SWITCH_END(swapcontext)

	.section .note.GNU-stack,"",%progbits
