/* setcontext for ppc64le: fpscr, the preserved FP and vector registers,
 * cr, lr, the general registers makecontext fills and the preserved
 * ones, sp, then a jump to the saved nip (save.h).  64-bit ELF V2 ABI
 * 1.5, 2.2. */
#include "save.h"

SWITCH_ENTRY(setcontext)
	cmpdi	%r3, 0
	beq	8f
	ld	%r11, UC_SP(%r3)
	cmpdi	%r11, 0
	beq	7f			/* never saved, or makecontext refused it */
	SIG_TEST(3f)
	mr	%r11, %r3
	RESTORE_CONTEXT
3:	mr	%r4, %r3		/* lib/signal.c sets the mask, then */
	li	%r3, 0			/* resumes with __ucc_resume */
	TAIL_C(__ucc_sig_resume)
7:	TAIL_C(__ucc_einval)
8:	TAIL_C(__ucc_efault)
SWITCH_END(setcontext)

/* __ucc_resume(ucp): setcontext's restore alone (lib/internal.h). */
ENTRY(__ucc_resume)
	mr	%r11, %r3
	RESTORE_CONTEXT
END(__ucc_resume)

	.section .note.GNU-stack,"",%progbits
