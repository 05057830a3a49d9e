/* Register probes for the tests (see arch.h).  System V AMD64 psABI 1.0. */
#include "asm.h"

ENTRY(probe_swap)
	push	%rbx
	push	%rbp
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	push	%rcx			/* out; rsp is now 16-byte aligned */
	mov	0(%rdx), %rbx
	mov	8(%rdx), %rbp
	mov	16(%rdx), %r12
	mov	24(%rdx), %r13
	mov	32(%rdx), %r14
	mov	40(%rdx), %r15
	call	ucc_swapcontext@PLT
	pop	%rcx
	mov	%rbx, 0(%rcx)
	mov	%rbp, 8(%rcx)
	mov	%r12, 16(%rcx)
	mov	%r13, 24(%rcx)
	mov	%r14, 32(%rcx)
	mov	%r15, 40(%rcx)
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbp
	pop	%rbx
	ret
END(probe_swap)

/* Frame: 0 padding, 8 returns so far, 16 junk, 24 out, 32 uc, then the
 * six saved registers and the return address. */
ENTRY(probe_getset)
	push	%rbx
	push	%rbp
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	push	%rdi
	push	%rdx
	push	%rcx
	push	$0
	sub	$8, %rsp
	mov	0(%rsi), %rbx
	mov	8(%rsi), %rbp
	mov	16(%rsi), %r12
	mov	24(%rsi), %r13
	mov	32(%rsi), %r14
	mov	40(%rsi), %r15
	call	ucc_getcontext@PLT
	incq	8(%rsp)
	cmpq	$1, 8(%rsp)
	jne	1f
	mov	16(%rsp), %rax		/* first return: scramble, then resume */
	mov	0(%rax), %rbx
	mov	8(%rax), %rbp
	mov	16(%rax), %r12
	mov	24(%rax), %r13
	mov	32(%rax), %r14
	mov	40(%rax), %r15
	mov	32(%rsp), %rdi
	call	ucc_setcontext@PLT
	mov	$-1, %eax		/* setcontext failed */
	jmp	2f
1:	mov	24(%rsp), %rax
	mov	%rbx, 0(%rax)
	mov	%rbp, 8(%rax)
	mov	%r12, 16(%rax)
	mov	%r13, 24(%rax)
	mov	%r14, 32(%rax)
	mov	%r15, 40(%rax)
	xor	%eax, %eax
2:	add	$40, %rsp
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbp
	pop	%rbx
	ret
END(probe_getset)

ENTRY(probe_entry)
	mov	%rsp, probe_entry_sp(%rip)
	mov	%rbp, probe_entry_fp(%rip)
	ret
END(probe_entry)

	.bss
	.p2align 3
	.globl probe_entry_sp, probe_entry_fp
	.hidden probe_entry_sp, probe_entry_fp
probe_entry_sp:	.quad 0
probe_entry_fp:	.quad 0

	.section .note.GNU-stack,"",%progbits
