/* getcontext for s390x: the registers and FP state glibc saves, at
 * glibc's offsets (save.h).  ELF Application Binary Interface s390x
 * Supplement, register usage. */
#include "asm.h"
#include "abi.h"
#include "save.h"

API_ENTRY(getcontext)
	ltgr	%r2, %r2
	jz	8f
#ifndef UCC_POSIX_MASK
	SIG_TEST(2f)
#endif
	lgr	%r1, %r2		/* where glibc's saves ucp too */

#ifdef UCC_POSIX_MASK
	/* rt_sigprocmask(SIG_BLOCK, NULL, &ucp->uc_sigmask, 8), as glibc */
	lghi	%r2, K_SIG_BLOCK
	lghi	%r3, 0
	la	%r4, UC_SIGMASK(%r1)
	lghi	%r5, K_SIGSET_SIZE
	svc	K_NR_SIGPROCMASK
	ltgr	%r2, %r2
	jnz	9f			/* -errno */
#endif
	SAVE_CONTEXT
	lghi	%r2, 0
	br	%r14
#ifdef UCC_POSIX_MASK
9:	TAIL_C(__ucc_syscall_error)
#else
2:	/* inside a handler, lib/signal.c marks the context with its mask */
	lgr	%r1, %r2
	SAVE_CONTEXT
	CALL_KEEPING_ARGS __ucc_sig_switch, "lghi %r3, 0"
	lghi	%r2, 0
	br	%r14
#endif
8:	TAIL_C(__ucc_efault)
API_END(getcontext)

	.section .note.GNU-stack,"",%progbits
