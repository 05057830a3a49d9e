/* swapcontext for riscv64: save as getcontext does, resume as setcontext
 * (save.h), refusing before saving anything, so a failed call changes
 * nothing.  RISC-V ELF psABI (lp64d). */
#include "save.h"

SWITCH_ENTRY(swapcontext)
	beqz	a0, 8f
	beqz	a1, 8f
	ld	t0, UC_SP(a1)
	beqz	t0, 7f
	SAVE_CONTEXT
	SIG_TEST(3f)
	mv	t0, a1
	RESTORE_CONTEXT
3:	TAIL_C(__ucc_sig_resume)	/* the masks, then to, from C */
7:	TAIL_C(__ucc_einval)
8:	TAIL_C(__ucc_efault)
SWITCH_END(swapcontext)

	.section .note.GNU-stack,"",%progbits
