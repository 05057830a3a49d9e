/* getcontext for ppc64le: the registers, FP and vector state glibc
 * saves, at glibc's offsets (save.h).  64-bit ELF V2 ABI 1.5, 2.2. */
#include "asm.h"
#include "abi.h"
#include "save.h"

API_ENTRY(getcontext)
	cmpdi	%r3, 0
	beq	8f
	SAVE_CONTEXT
#ifndef UCC_POSIX_MASK
	/* after the save, whose r11 is the caller's, as glibc's */
	SIG_TEST(2f)
#endif

#ifdef UCC_POSIX_MASK
	/* rt_sigprocmask(SIG_BLOCK, NULL, &ucp->uc_sigmask, 8), as glibc */
	addi	%r5, %r3, UC_SIGMASK
	li	%r3, K_SIG_BLOCK
	li	%r4, 0
	li	%r6, K_SIGSET_SIZE
	li	%r0, K_NR_SIGPROCMASK
	sc
	bso	9f			/* errno in r3, cr0.SO set */
#endif
	li	%r3, 0
	blr
#ifdef UCC_POSIX_MASK
9:	neg	%r3, %r3
	TAIL_C(__ucc_syscall_error)
#else
2:	/* inside a handler, lib/signal.c marks the context with its mask */
	CALL_KEEPING_ARGS __ucc_sig_switch, "li %r4, 0"
	li	%r3, 0
	blr
#endif
8:	TAIL_C(__ucc_efault)
API_END(getcontext)

	.section .note.GNU-stack,"",%progbits
