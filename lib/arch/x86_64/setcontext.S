/* setcontext for x86_64, and the restore path swapcontext shares.
 * System V AMD64 psABI 1.0, sections 3.2.1 and 3.2.3: the callee-saved
 * registers, rsp, the x87 control word and MXCSR, then the argument
 * registers makecontext filled, and a jump to the saved rip. */
#include "asm.h"
#include "abi.h"
#include "save.h"

SWITCH_ENTRY(setcontext)
	SHSTK_CHECK(__ucc_enotsup)
	test	%rdi, %rdi
	jz	__ucc_efault
	cmpq	$0, UC_SP(%rdi)		/* never saved, or makecontext refused it */
	je	__ucc_einval
	mov	%rdi, %rsi
#ifndef UCC_POSIX_MASK
	SIG_TEST(__ucc_setcontext_sig)
#endif

#ifdef UCC_POSIX_MASK
	/* rt_sigprocmask(SIG_SETMASK, &ucp->uc_sigmask, NULL, 8), as glibc,
	 * before anything else changes. */
	mov	$K_SIG_SETMASK, %edi
	lea	UC_SIGMASK(%rsi), %rsi
	xor	%edx, %edx
	mov	$K_SIGSET_SIZE, %r10d
	mov	$K_NR_SIGPROCMASK, %eax
	syscall				/* keeps rsi */
	cmp	$-4095, %rax
	jae	9f
	sub	$UC_SIGMASK, %rsi
#endif
	RESTORE_CONTEXT
#ifdef UCC_POSIX_MASK
9:	mov	%rax, %rdi
	TAIL_C(__ucc_syscall_error)
#endif
SWITCH_END(setcontext)

#ifndef UCC_POSIX_MASK
/* setcontext while a signal handler runs somewhere (lib/signal.c). */
ENTRY(__ucc_setcontext_sig)
	CALL_KEEPING_ARGS __ucc_sig_switch, "xor %edi, %edi"
	RESTORE_CONTEXT
END(__ucc_setcontext_sig)
#endif

/* The restore as a function, for the slice switch (slice.S). */
ENTRY(__ucc_restore)
	RESTORE_CONTEXT
END(__ucc_restore)

	.section .note.GNU-stack,"",%progbits
