/* setcontext for x86_64, and the restore path swapcontext shares.
 * System V AMD64 psABI 1.0, sections 3.2.1 and 3.2.3: the callee-saved
 * registers, rsp, the x87 control word and MXCSR's control bits, then the
 * argument registers makecontext filled, and a jump to the saved rip. */
#include "asm.h"
#include "abi.h"

SWITCH_ENTRY(setcontext)
	SHSTK_CHECK(__ucc_enotsup)
	test	%rdi, %rdi
	jz	__ucc_efault
	cmpq	$0, UC_SP(%rdi)		/* never saved, or makecontext refused it */
	je	__ucc_einval
	mov	%rdi, %rsi

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
	fnstcw	-8(%rsp)
	movzwl	-8(%rsp), %ecx
	stmxcsr	-4(%rsp)
	mov	-4(%rsp), %edx
	jmp	__ucc_restore
#ifdef UCC_POSIX_MASK
9:	mov	%rax, %rdi
	jmp	__ucc_syscall_error
#endif
SWITCH_END(setcontext)

/* In: rsi = the context to resume, ecx = the running x87 control word,
 * edx = the running MXCSR.  A control word is reloaded only when it
 * differs: fldcw and ldmxcsr cost more than the compare, ldmxcsr far more
 * when the exception flags change.  Exception flags are never switched:
 * they stay the thread's, as the psABI makes only control bits callee-saved. */
ENTRY(__ucc_restore)
	mov	UC_FPREGS(%rsi), %rax
	test	%rax, %rax
	jz	2f
	cmp	FP_CWD(%rax), %cx
	jne	3f
1:	xor	FP_MXCSR(%rax), %edx
	test	$0xffc0, %edx
	jnz	4f
2:	.cfi_remember_state
#ifdef UCC_SANITIZER_FIBERS
	/* On the new stack, below the red zone of the code resumed (it may
	 * have been interrupted by a signal), tell the sanitizer the switch
	 * is done; nothing there is live.  No unwinding through this. */
	.cfi_undefined rip
	mov	UC_SP(%rsi), %rax
	lea	-128(%rax), %rsp
	and	$-16, %rsp
	push	%rsi
	push	%rsi
	call	__ucc_fiber_arrived
	pop	%rsi
	pop	%rsi
#endif
	mov	UC_PC(%rsi), %r11
	.cfi_register rip, r11
	mov	UC_SP(%rsi), %rsp
	.cfi_def_cfa rsp, 0
	mov	UC_RBX(%rsi), %rbx
	mov	UC_RBP(%rsi), %rbp
	mov	UC_R12(%rsi), %r12
	mov	UC_R13(%rsi), %r13
	mov	UC_R14(%rsi), %r14
	mov	UC_R15(%rsi), %r15
	mov	UC_RDI(%rsi), %rdi
	mov	UC_RDX(%rsi), %rdx
	mov	UC_RCX(%rsi), %rcx
	mov	UC_R8(%rsi), %r8
	mov	UC_R9(%rsi), %r9
	mov	UC_RSI(%rsi), %rsi
	xor	%eax, %eax
	RESUME(%r11)

	.cfi_restore_state
3:	fldcw	FP_CWD(%rax)
	jmp	1b
4:	/* the saved control bits with the running exception flags */
	stmxcsr	-8(%rsp)
	mov	-8(%rsp), %edx
	and	$0x3f, %edx
	mov	FP_MXCSR(%rax), %ecx
	and	$~0x3f, %ecx
	or	%edx, %ecx
	mov	%ecx, -8(%rsp)
	ldmxcsr	-8(%rsp)
	jmp	2b
END(__ucc_restore)

	.section .note.GNU-stack,"",%progbits
