/* setcontext for riscv64: fcsr, fs0-fs11, the callee-saved registers,
 * the argument registers makecontext filled, sp, then a jump to the
 * saved pc (save.h).  RISC-V ELF psABI (lp64d). */
#include "save.h"

SWITCH_ENTRY(setcontext)
	beqz	a0, 8f
	ld	t0, UC_SP(a0)
	beqz	t0, 7f			/* never saved, or makecontext refused it */
	SIG_TEST(3f)
	mv	t0, a0
	RESTORE_CONTEXT
3:	mv	a1, a0			/* lib/signal.c sets the mask, then */
	li	a0, 0			/* resumes with __ucc_resume */
	TAIL_C(__ucc_sig_resume)
7:	TAIL_C(__ucc_einval)
8:	TAIL_C(__ucc_efault)
SWITCH_END(setcontext)

/* __ucc_resume(ucp): setcontext's restore alone (lib/internal.h). */
ENTRY(__ucc_resume)
	mv	t0, a0
	RESTORE_CONTEXT
END(__ucc_resume)

	.section .note.GNU-stack,"",%progbits
