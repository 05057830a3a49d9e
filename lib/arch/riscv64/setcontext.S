/* setcontext for riscv64: fcsr, fs0-fs11, the callee-saved registers,
 * the argument registers makecontext filled, sp, then a jump to the
 * saved pc (save.h).  RISC-V ELF psABI (lp64d). */
#include "asm.h"
#include "abi.h"
#include "save.h"

SWITCH_ENTRY(setcontext)
	beqz	a0, 8f
	ld	t0, UC_SP(a0)
	beqz	t0, 7f			/* never saved, or makecontext refused it */
#ifndef UCC_POSIX_MASK
	SIG_TEST(__ucc_setcontext_sig)
#endif
	mv	t0, a0

#ifdef UCC_POSIX_MASK
	/* rt_sigprocmask(SIG_SETMASK, &ucp->uc_sigmask, NULL, 8), as glibc,
	 * before anything else changes; the kernel keeps t0. */
	addi	a1, a0, UC_SIGMASK
	li	a0, K_SIG_SETMASK
	li	a2, 0
	li	a3, K_SIGSET_SIZE
	li	a7, K_NR_SIGPROCMASK
	ecall
	bnez	a0, 9f
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
	CALL_KEEPING_ARGS __ucc_sig_switch, "mv a1, a0; li a0, 0"
	mv	t0, a0
	RESTORE_CONTEXT
END(__ucc_setcontext_sig)
#endif

	.section .note.GNU-stack,"",%progbits
