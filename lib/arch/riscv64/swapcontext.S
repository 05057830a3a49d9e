/* swapcontext for riscv64: save as getcontext does, resume as setcontext
 * (save.h).  RISC-V ELF psABI (lp64d).  In the posix mask mode one
 * rt_sigprocmask call swaps the masks, as glibc's does. */
#include "asm.h"
#include "abi.h"
#include "save.h"

/* Refuse before saving anything, so a failed call changes nothing.
 * Clobbers t0. */
.macro CHECK_SWAP_ARGS
	beqz	a0, 8f
	beqz	a1, 8f
	ld	t0, UC_SP(a1)
	beqz	t0, 7f
.endm

SWITCH_ENTRY(swapcontext)
#ifndef UCC_POSIX_MASK
	SIG_TEST(__ucc_swapcontext_sig)
#endif
	CHECK_SWAP_ARGS

	SAVE_CONTEXT

#ifdef UCC_POSIX_MASK
	/* One rt_sigprocmask(SIG_SETMASK, &ucp->mask, &oucp->mask, 8) */
	mv	t0, a1
	addi	a2, a0, UC_SIGMASK
	addi	a1, a1, UC_SIGMASK
	li	a0, K_SIG_SETMASK
	li	a3, K_SIGSET_SIZE
	li	a7, K_NR_SIGPROCMASK
	ecall
	bnez	a0, 9f
#else
	mv	t0, a1
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
	SAVE_CONTEXT
	CALL_KEEPING_ARGS __ucc_sig_switch, ""
	mv	t0, a1
	RESTORE_CONTEXT
7:	TAIL_C(__ucc_einval)
8:	TAIL_C(__ucc_efault)
END(__ucc_swapcontext_sig)
#endif

	.section .note.GNU-stack,"",%progbits
