/* swapcontext for x86_64: save as getcontext does, resume as setcontext.
 * System V AMD64 psABI 1.0, sections 3.2.1 and 3.2.3. */
#include "asm.h"
#include "abi.h"

API_ENTRY(swapcontext)
	/* Refuse before saving anything, so a failed call changes nothing. */
	test	%rdi, %rdi
	jz	__ucc_einval
	test	%rsi, %rsi
	jz	__ucc_einval
	cmpq	$0, UC_SP(%rsi)
	je	__ucc_einval

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
	lea	8(%rsp), %rax
	mov	%rax, UC_SP(%rdi)
	mov	(%rsp), %rax
	mov	%rax, UC_PC(%rdi)
	lea	UC_FPMEM(%rdi), %rax
	mov	%rax, UC_FPREGS(%rdi)
	fnstcw	FP_CWD(%rax)
	movw	$0xffff, 2(%rax)
	movl	$0xffff0000, 4(%rax)
	movl	$0xffffffff, 8(%rax)
	stmxcsr	FP_MXCSR(%rax)

#ifdef UCC_POSIX_MASK
	/* One rt_sigprocmask(SIG_SETMASK, &ucp->mask, &oucp->mask, 8), as glibc */
	mov	%rdi, %r8
	mov	%rsi, %r9
	mov	$K_SIG_SETMASK, %edi
	lea	UC_SIGMASK(%r9), %rsi
	lea	UC_SIGMASK(%r8), %rdx
	mov	$K_SIGSET_SIZE, %r10d
	mov	$K_NR_SIGPROCMASK, %eax
	syscall
	cmp	$-4095, %rax
	jae	9f
	mov	%r8, %rdi
	mov	%r9, %rsi
	lea	UC_FPMEM(%rdi), %rax
#endif
	movzwl	FP_CWD(%rax), %ecx
	mov	FP_MXCSR(%rax), %edx
	jmp	__ucc_restore
#ifdef UCC_POSIX_MASK
9:	mov	%rax, %rdi
	jmp	__ucc_syscall_error
#endif
API_END(swapcontext)

	.section .note.GNU-stack,"",%progbits
