/* setcontext for 32-bit Arm.  AAPCS, sections 5.1.1 and 5.1.2.1: the
 * VFP state glibc keeps (d8-d15, FPSCR), the callee-saved registers,
 * the argument registers makecontext filled, then sp, lr and pc. */
#include "save.h"

SWITCH_ENTRY(setcontext)
	cmp	r0, #0
	beq	8f
	ldr	ip, [r0, #UC_SP]
	cmp	ip, #0
	beq	7f			/* never saved, or makecontext refused it */
	SIG_TEST(3f)
	mov	ip, r0
	RESTORE_CONTEXT
3:	mov	r1, r0			/* lib/signal.c sets the mask, then */
	mov	r0, #0			/* resumes with __ucc_resume */
	TAIL_C(__ucc_sig_resume)
7:	TAIL_C(__ucc_einval)
8:	TAIL_C(__ucc_efault)
SWITCH_END(setcontext)

/* __ucc_resume(ucp): setcontext's restore alone (lib/internal.h). */
ENTRY(__ucc_resume)
	mov	ip, r0
	RESTORE_CONTEXT
END(__ucc_resume)

	.section .note.GNU-stack,"",%progbits
