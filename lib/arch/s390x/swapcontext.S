/* swapcontext for s390x: save as getcontext does, resume as setcontext
 * (save.h).  ELF Application Binary Interface s390x Supplement.  In the
 * posix mask mode one rt_sigprocmask call swaps the masks, as glibc's
 * does. */
#include "asm.h"
#include "abi.h"
#include "save.h"

/* Refuse before saving anything, so a failed call changes nothing.
 * Clobbers r0. */
.macro CHECK_SWAP_ARGS
	ltgr	%r2, %r2
	jz	8f
	ltgr	%r3, %r3
	jz	8f
	ltg	%r0, UC_SP(%r3)
	jz	7f
.endm

SWITCH_ENTRY(swapcontext)
#ifndef UCC_POSIX_MASK
	SIG_TEST(__ucc_swapcontext_sig)
#endif
	CHECK_SWAP_ARGS
	lgr	%r1, %r2
	lgr	%r0, %r3		/* saved as glibc's: r0 = ucp, r1 = oucp */

	SAVE_CONTEXT

#ifdef UCC_POSIX_MASK
	/* One rt_sigprocmask(SIG_SETMASK, &ucp->mask, &oucp->mask, 8) */
	la	%r4, UC_SIGMASK(%r1)
	lgr	%r1, %r3
	la	%r3, UC_SIGMASK(%r1)
	lghi	%r2, K_SIG_SETMASK
	lghi	%r5, K_SIGSET_SIZE
	svc	K_NR_SIGPROCMASK
	ltgr	%r2, %r2
	jnz	9f
#else
	lgr	%r1, %r3
#endif
	RESTORE_CONTEXT
#ifdef UCC_POSIX_MASK
9:	TAIL_C(__ucc_syscall_error)
#endif
7:	TAIL_C(__ucc_einval)
8:	TAIL_C(__ucc_efault)
SWITCH_END(swapcontext)

#ifndef UCC_POSIX_MASK
/* The same while a signal handler runs somewhere: lib/signal.c sets the
 * mask between the save and the restore, as glibc's would be. */
ENTRY(__ucc_swapcontext_sig)
	CHECK_SWAP_ARGS
	lgr	%r1, %r2
	lgr	%r0, %r3
	SAVE_CONTEXT
	CALL_KEEPING_ARGS __ucc_sig_switch, ""
	lgr	%r1, %r3
	RESTORE_CONTEXT
7:	TAIL_C(__ucc_einval)
8:	TAIL_C(__ucc_efault)
END(__ucc_swapcontext_sig)
#endif

	.section .note.GNU-stack,"",%progbits
