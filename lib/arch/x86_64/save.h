/* Macros the x86_64 assembly shares.  SAVE_CONTEXT, the save shared by
 * getcontext and swapcontext: into the ucontext_t at %rdi, for a caller
 * whose return address is at (%rsp).  Leaves %rax pointing at the saved
 * FP state.  Clobbers %rax. */
#ifndef UCC_X86_64_SAVE_H
#define UCC_X86_64_SAVE_H

.macro SAVE_CONTEXT
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
.endm

/* CALL_KEEPING_ARGS fn, setup: call fn after the instructions `setup`
 * (which may read rdi and rsi and set fn's arguments), keeping rdi and
 * rsi as they were.  Inside setup, the caller's stack pointer (before
 * its call to us) is 32(%rsp). */
.macro CALL_KEEPING_ARGS fn, setup
	push	%rdi
	.cfi_adjust_cfa_offset 8
	push	%rsi
	.cfi_adjust_cfa_offset 8
	sub	$8, %rsp		/* aligned for the call */
	.cfi_adjust_cfa_offset 8
	\setup
	call	\fn
	add	$8, %rsp
	.cfi_adjust_cfa_offset -8
	pop	%rsi
	.cfi_adjust_cfa_offset -8
	pop	%rdi
	.cfi_adjust_cfa_offset -8
.endm

#endif
