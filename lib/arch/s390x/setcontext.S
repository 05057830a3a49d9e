/* setcontext for s390x: the FPC, f0-f15, a2-a15, then r0-r15 and a
 * branch to r14, as glibc's (save.h).  ELF Application Binary Interface
 * s390x Supplement. */
#include "asm.h"
#include "abi.h"
#include "save.h"

SWITCH_ENTRY(setcontext)
	ltgr	%r2, %r2
	jz	8f
	ltg	%r0, UC_SP(%r2)
	jz	7f			/* never saved, or makecontext refused it */
#ifndef UCC_POSIX_MASK
	SIG_TEST(__ucc_setcontext_sig)
#endif
	lgr	%r1, %r2

#ifdef UCC_POSIX_MASK
	/* rt_sigprocmask(SIG_SETMASK, &ucp->uc_sigmask, NULL, 8), as glibc,
	 * before anything else changes; the kernel keeps r1. */
	lghi	%r2, K_SIG_SETMASK
	la	%r3, UC_SIGMASK(%r1)
	lghi	%r4, 0
	lghi	%r5, K_SIGSET_SIZE
	svc	K_NR_SIGPROCMASK
	ltgr	%r2, %r2
	jnz	9f
#endif
	RESTORE_CONTEXT
#ifdef UCC_POSIX_MASK
9:	TAIL_C(__ucc_syscall_error)
#endif
7:	TAIL_C(__ucc_einval)
8:	TAIL_C(__ucc_efault)
SWITCH_END(setcontext)

#ifndef UCC_POSIX_MASK
/* setcontext while a signal handler runs somewhere (lib/signal.c). */
ENTRY(__ucc_setcontext_sig)
	CALL_KEEPING_ARGS __ucc_sig_switch, "lgr %r3, %r2; lghi %r2, 0"
	lgr	%r1, %r2
	RESTORE_CONTEXT
END(__ucc_setcontext_sig)
#endif

	.section .note.GNU-stack,"",%progbits
