/* setcontext for s390x: the FPC, f0-f15, a2-a15, then r0-r15 and a
 * branch to r14, as glibc's (save.h).  ELF Application Binary Interface
 * s390x Supplement. */
#include "save.h"

SWITCH_ENTRY(setcontext)
	ltgr	%r2, %r2
	jz	8f
	ltg	%r0, UC_SP(%r2)
	jz	7f			/* never saved, or makecontext refused it */
	SIG_TEST(3f)
	lgr	%r1, %r2
	RESTORE_CONTEXT
3:	lgr	%r3, %r2		/* lib/signal.c sets the mask, then */
	lghi	%r2, 0			/* resumes with __ucc_resume */
	TAIL_C(__ucc_sig_resume)
7:	TAIL_C(__ucc_einval)
8:	TAIL_C(__ucc_efault)
SWITCH_END(setcontext)

/* __ucc_resume(ucp): setcontext's restore alone (lib/internal.h). */
ENTRY(__ucc_resume)
	lgr	%r1, %r2
	RESTORE_CONTEXT
END(__ucc_resume)

	.section .note.GNU-stack,"",%progbits
