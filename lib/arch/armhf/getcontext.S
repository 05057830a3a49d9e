/* getcontext for 32-bit Arm: the registers and VFP state glibc saves,
 * at glibc's offsets.  AAPCS, sections 5.1.1 (r4-r11, sp callee-saved)
 * and 5.1.2.1 (d8-d15; FPSCR's modes preserved, its flags kept with the
 * context as glibc does). */
#include "save.h"

API_ENTRY(getcontext)
	cmp	r0, #0
	beq	8f
	SAVE_CONTEXT
	SIG_TEST(2f)
	mov	r0, #0
	bx	lr
2:	mov	r1, #0			/* lib/signal.c reads the mask */
	TAIL_C(__ucc_sig_switch)
8:	TAIL_C(__ucc_efault)
API_END(getcontext)

	.section .note.GNU-stack,"",%progbits
