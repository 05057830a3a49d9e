/* getcontext for x86_64: the registers glibc saves, the x87 control word
 * and MXCSR.  System V AMD64 psABI 1.0, section 3.2.1 (registers) and
 * 3.2.3 (x87 CW and MXCSR control bits are callee-saved). */
#include "asm.h"
#include "abi.h"

API_ENTRY(getcontext)
	test	%rdi, %rdi
	jz	__ucc_einval

	mov	%rbx, UC_RBX(%rdi)
	mov	%rbp, UC_RBP(%rdi)
	mov	%r12, UC_R12(%rdi)
	mov	%r13, UC_R13(%rdi)
	mov	%r14, UC_R14(%rdi)
	mov	%r15, UC_R15(%rdi)
	mov	%rdi, UC_RDI(%rdi)
	mov	%rsi, UC_RSI(%rdi)
	mov	%rdx, UC_RDX(%rdi)
	mov	%rcx, UC_RCX(%rdi)
	mov	%r8, UC_R8(%rdi)
	mov	%r9, UC_R9(%rdi)
	lea	8(%rsp), %rax		/* rsp without our return address */
	mov	%rax, UC_SP(%rdi)
	mov	(%rsp), %rax
	mov	%rax, UC_PC(%rdi)

	/* The control word and MXCSR alone, not fnstenv (tens of ns), but
	 * laid out so that glibc's fldenv of this area loads a clean x87
	 * environment: status 0, every register tagged empty. */
	lea	UC_FPMEM(%rdi), %rax
	mov	%rax, UC_FPREGS(%rdi)
	fnstcw	FP_CWD(%rax)
	movw	$0xffff, 2(%rax)
	movl	$0xffff0000, 4(%rax)
	movl	$0xffffffff, 8(%rax)
	stmxcsr	FP_MXCSR(%rax)

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
	jmp	__ucc_syscall_error
#endif
API_END(getcontext)

	.section .note.GNU-stack,"",%progbits
