/* getcontext for ppc64le: the registers, FP and vector state glibc
 * saves, at glibc's offsets (save.h).  64-bit ELF V2 ABI 1.5, 2.2. */
#include "save.h"

API_ENTRY(getcontext)
	cmpdi	%r3, 0
	beq	8f
	SAVE_CONTEXT
	SIG_TEST(2f)			/* after the save, whose r11 is the caller's */
	li	%r3, 0
	blr
2:	li	%r4, 0			/* lib/signal.c reads the mask */
	TAIL_C(__ucc_sig_switch)
8:	TAIL_C(__ucc_efault)
API_END(getcontext)

	.section .note.GNU-stack,"",%progbits
