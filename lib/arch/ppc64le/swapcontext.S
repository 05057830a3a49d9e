/* swapcontext for ppc64le: save as getcontext does, resume as setcontext
 * (save.h), refusing before saving anything, so a failed call changes
 * nothing.  64-bit ELF V2 ABI 1.5, 2.2. */
#include "save.h"

SWITCH_ENTRY(swapcontext)
	cmpdi	%r3, 0
	beq	8f
	cmpdi	%r4, 0
	beq	8f
	ld	%r11, UC_SP(%r4)
	cmpdi	%r11, 0
	beq	7f
	SAVE_CONTEXT
	SIG_TEST(3f)
	mr	%r11, %r4
	RESTORE_CONTEXT
3:	TAIL_C(__ucc_sig_resume)	/* the masks, then ucp, from C */
7:	TAIL_C(__ucc_einval)
8:	TAIL_C(__ucc_efault)
SWITCH_END(swapcontext)

	.section .note.GNU-stack,"",%progbits
