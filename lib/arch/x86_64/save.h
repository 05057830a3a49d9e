/* Macros the x86_64 assembly shares.  SAVE_CONTEXT, the save shared by
 * getcontext and swapcontext: into the ucontext_t at %rdi, for a caller
 * whose return address is at (%rsp).  Clobbers %rax.
 *
 * The floating-point state a context owns is glibc's: all of MXCSR
 * (control bits and exception flags) and the x87 control word.  stmxcsr
 * goes first: it is microcoded and slow to complete, and nothing waits
 * for its result, so the stores after it overlap with it (make bench:
 * 0.3 ns a switch against issuing it after the register stores). */
#ifndef UCC_X86_64_SAVE_H
#define UCC_X86_64_SAVE_H

.macro SAVE_CONTEXT
	stmxcsr	UC_FPMEM+FP_MXCSR(%rdi)
	fnstcw	UC_FPMEM+FP_CWD(%rdi)
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
	/* Only the control word and MXCSR, not fnstenv (tens of ns), but the
	 * rest of the x87 environment's first 12 bytes laid out so that
	 * glibc's fldenv of this area loads a clean one: status word 0,
	 * every register tagged empty. */
	lea	UC_FPMEM(%rdi), %rax
	mov	%rax, UC_FPREGS(%rdi)
	movw	$0xffff, UC_FPMEM+2(%rdi)
	movl	$0xffff0000, UC_FPMEM+4(%rdi)
	movl	$0xffffffff, UC_FPMEM+8(%rdi)
.endm

/* RESTORE_CONTEXT: resume the ucontext_t at %rsi; does not return.  As
 * glibc: the x87 control word through uc_mcontext.fpregs, all of MXCSR
 * from the structure's own __fpregs_mem, both unconditionally (a reload
 * costs about what a compare would); the x87 status word, and with it
 * the x87 exception flags, stays the thread's.  A NULL fpregs leaves the
 * floating-point state alone.  Inlined in swapcontext and setcontext: a
 * jump to a shared copy cost a cycle a switch (make bench). */
.macro RESTORE_CONTEXT
	.cfi_remember_state
	mov	UC_FPREGS(%rsi), %rax
	test	%rax, %rax
	jz	2f
	fldcw	FP_CWD(%rax)
	ldmxcsr	UC_FPMEM+FP_MXCSR(%rsi)
2:
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
.endm

/* SIG_TEST(label): jump to label while a signal handler the library
 * follows is running or suspended somewhere (lib/signal.c).  make bench
 * builds a copy of the library with the test replaced by no-ops of the
 * same length (UCC_BENCH_NO_SIG_TEST), to measure what it costs. */
#ifndef UCC_BENCH_NO_SIG_TEST
# define SIG_TEST(label)			\
	cmpl	$0, __ucc_sig_active(%rip);	\
	jne	label
#else
# define SIG_TEST(label)			\
	.byte 0x0f, 0x1f, 0x80, 0, 0, 0, 0;	\
	.byte 0x66, 0x0f, 0x1f, 0x44, 0, 0
#endif

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
	CALL_C(\fn)
	add	$8, %rsp
	.cfi_adjust_cfa_offset -8
	pop	%rsi
	.cfi_adjust_cfa_offset -8
	pop	%rdi
	.cfi_adjust_cfa_offset -8
.endm

#endif
