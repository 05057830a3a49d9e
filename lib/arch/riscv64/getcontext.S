/* getcontext for riscv64: the registers and FP state glibc saves, at
 * glibc's offsets (save.h).  RISC-V ELF psABI (lp64d), integer and
 * floating-point calling conventions. */
#include "asm.h"
#include "abi.h"
#include "save.h"

API_ENTRY(getcontext)
	beqz	a0, 8f
#ifndef UCC_POSIX_MASK
	SIG_TEST(2f)
#endif

	SAVE_CONTEXT

#ifdef UCC_POSIX_MASK
	/* rt_sigprocmask(SIG_BLOCK, NULL, &ucp->uc_sigmask, 8), as glibc */
	addi	a2, a0, UC_SIGMASK
	li	a0, K_SIG_BLOCK
	li	a1, 0
	li	a3, K_SIGSET_SIZE
	li	a7, K_NR_SIGPROCMASK
	ecall
	bnez	a0, 9f			/* -errno */
#endif
	li	a0, 0
	ret
#ifdef UCC_POSIX_MASK
9:	TAIL_C(__ucc_syscall_error)
#else
2:	/* inside a handler, lib/signal.c marks the context with its mask */
	SAVE_CONTEXT
	CALL_KEEPING_ARGS __ucc_sig_switch, "li a1, 0"
	li	a0, 0
	ret
#endif
8:	TAIL_C(__ucc_efault)
API_END(getcontext)

	.section .note.GNU-stack,"",%progbits
