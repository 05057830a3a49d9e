/* Stack slicing for x86_64: the stack pointer queries, the start
 * trampoline of ucc_slice_make, and the stack-switch primitive of the
 * portable slice switch (lib/slice.c).  System V AMD64 psABI
 * 1.0, sections 3.2.1-3.2.3: rbx, rbp, r12-r15, the x87 control word and
 * MXCSR's control bits are the callee's to preserve. */
#include "asm.h"

/* void *ucc_current_sp(void) */
PUBLIC(ucc_current_sp)
	lea	8(%rsp), %rax		/* the caller's, without our return address */
	ret
END(ucc_current_sp)

/* int ucc_base_init(ucc_base_t *base): the rest is C, given the caller's
 * stack pointer. */
PUBLIC(ucc_base_init)
	lea	8(%rsp), %rsi
	TAIL_C(__ucc_base_init)
END(ucc_base_init)

/* void __ucc_slice_fpctl(void *slot): the running FP control state, as
 * the SF_FPCTL slot holds it. */
ENTRY(__ucc_slice_fpctl)
	stmxcsr	0(%rdi)
	fnstcw	4(%rdi)
	ret
END(__ucc_slice_fpctl)

/* Where a context made by ucc_slice_make starts: rbx = fn, r12 = arg,
 * r13 = link, r14 = the context; rsp is aligned for a call. */
TRAMPOLINE(__ucc_slice_start_frame, __ucc_slice_start)
	mov	%r12, %rdi
	call	*%rbx
	mov	%r14, %rdi
	mov	%r13, %rsi
	CALL_C(__ucc_slice_return)	/* link, or exit: lib/slice.c */
	ud2
TRAMPOLINE_END(__ucc_slice_start_frame, __ucc_slice_start)

#ifndef UCC_PORT_SLICE
/* void __ucc_stack_switch(void *(*save)(void *arg, void *sp),
 *			   void (*restore)(void *arg), void *arg)
 * The frame pushed is offsets.def's SF_* (the tuned switch's too), so
 * that ucc_slice_make's frame starts __ucc_slice_start above: from the
 * stack pointer up, MXCSR (4 bytes), x87 control word (2), 2 unused,
 * r15, r14, r13, r12, rbp, rbx, the return address: 64 bytes, and the
 * calls below are aligned. */
ENTRY(__ucc_stack_switch)
	push	%rbx
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset rbx, 0
	push	%rbp
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset rbp, 0
	push	%r12
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset r12, 0
	push	%r13
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset r13, 0
	push	%r14
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset r14, 0
	push	%r15
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset r15, 0
	sub	$8, %rsp
	.cfi_adjust_cfa_offset 8
	stmxcsr	(%rsp)
	fnstcw	4(%rsp)
	mov	%rsi, %rbx		/* restore */
	mov	%rdx, %r12		/* arg */
	mov	%rdi, %rax
	mov	%rdx, %rdi
	mov	%rsp, %rsi
	call	*%rax			/* next = save(arg, sp) */
	mov	%rax, %rsp		/* the same frame, another context's */
	mov	%r12, %rdi
	call	*%rbx			/* restore(arg): its bytes back */
	ldmxcsr	(%rsp)
	fldcw	4(%rsp)
	add	$8, %rsp
	.cfi_adjust_cfa_offset -8
	pop	%r15
	.cfi_adjust_cfa_offset -8
	.cfi_restore r15
	pop	%r14
	.cfi_adjust_cfa_offset -8
	.cfi_restore r14
	pop	%r13
	.cfi_adjust_cfa_offset -8
	.cfi_restore r13
	pop	%r12
	.cfi_adjust_cfa_offset -8
	.cfi_restore r12
	pop	%rbp
	.cfi_adjust_cfa_offset -8
	.cfi_restore rbp
	pop	%rbx
	.cfi_adjust_cfa_offset -8
	.cfi_restore rbx
	ret
END(__ucc_stack_switch)
#endif

	.section .note.GNU-stack,"",%progbits
