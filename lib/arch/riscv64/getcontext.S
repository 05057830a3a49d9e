/* getcontext for riscv64: the registers and FP state glibc saves, at
 * glibc's offsets (save.h).  RISC-V ELF psABI (lp64d), integer and
 * floating-point calling conventions. */
#include "save.h"

API_ENTRY(getcontext)
	beqz	a0, 8f
	SAVE_CONTEXT
	SIG_TEST(2f)
	li	a0, 0
	ret
2:	li	a1, 0			/* lib/signal.c reads the mask */
	TAIL_C(__ucc_sig_switch)
8:	TAIL_C(__ucc_efault)
API_END(getcontext)

	.section .note.GNU-stack,"",%progbits
