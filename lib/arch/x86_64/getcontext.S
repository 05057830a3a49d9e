/* getcontext for x86_64: the registers glibc saves, the x87 control word
 * and MXCSR.  System V AMD64 psABI 1.0, section 3.2.1 (registers) and
 * 3.2.3 (x87 CW and MXCSR control bits are callee-saved; the exception
 * flags go with the context too, as in glibc). */
#include "asm.h"
#include "abi.h"
#include "save.h"

API_ENTRY(getcontext)
	test	%rdi, %rdi
	jz	__ucc_efault
#ifndef UCC_POSIX_MASK
	SIG_TEST(2f)
#endif

	SAVE_CONTEXT

#ifdef UCC_POSIX_MASK
	/* rt_sigprocmask(SIG_BLOCK, NULL, &ucp->uc_sigmask, 8), as glibc */
	lea	UC_SIGMASK(%rdi), %rdx
	xor	%esi, %esi
	mov	$K_SIG_BLOCK, %edi
	mov	$K_SIGSET_SIZE, %r10d
	mov	$K_NR_SIGPROCMASK, %eax
	syscall
	cmp	$-4095, %rax
	jae	1f
#endif
	xor	%eax, %eax
	ret
#ifdef UCC_POSIX_MASK
1:	mov	%rax, %rdi
	TAIL_C(__ucc_syscall_error)
#else
2:	/* inside a handler, lib/signal.c marks the context with its mask */
	SAVE_CONTEXT
	CALL_KEEPING_ARGS __ucc_sig_switch, "xor %esi, %esi"
	xor	%eax, %eax
	ret
#endif
API_END(getcontext)

	.section .note.GNU-stack,"",%progbits
