/* getcontext for s390x: the registers and FP state glibc saves, at
 * glibc's offsets (save.h).  ELF Application Binary Interface s390x
 * Supplement, register usage. */
#include "save.h"

API_ENTRY(getcontext)
	ltgr	%r2, %r2
	jz	8f
	lgr	%r1, %r2		/* where glibc's saves ucp too */
	SAVE_CONTEXT
	SIG_TEST(2f)
	lghi	%r2, 0
	br	%r14
2:	lghi	%r3, 0			/* lib/signal.c reads the mask */
	TAIL_C(__ucc_sig_switch)
8:	TAIL_C(__ucc_efault)
API_END(getcontext)

	.section .note.GNU-stack,"",%progbits
