/* Register probes for the tests (see arch.h).  System V AMD64 psABI 1.0. */
#include "asm.h"

.macro PUSH_CALLEE_SAVED
	push	%rbx
	push	%rbp
	push	%r12
	push	%r13
	push	%r14
	push	%r15
.endm

.macro POP_CALLEE_SAVED
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbp
	pop	%rbx
.endm

/* Load the six callee-saved registers from the array at \base. */
.macro LOAD_CALLEE_SAVED base
	mov	0(\base), %rbx
	mov	8(\base), %rbp
	mov	16(\base), %r12
	mov	24(\base), %r13
	mov	32(\base), %r14
	mov	40(\base), %r15
.endm

/* Store them into the array at \base. */
.macro STORE_CALLEE_SAVED base
	mov	%rbx, 0(\base)
	mov	%rbp, 8(\base)
	mov	%r12, 16(\base)
	mov	%r13, 24(\base)
	mov	%r14, 32(\base)
	mov	%r15, 40(\base)
.endm

ENTRY(probe_swap)
	PUSH_CALLEE_SAVED
	push	%rcx			/* out; rsp is now 16-byte aligned */
	LOAD_CALLEE_SAVED %rdx
	call	ucc_swapcontext@PLT
	pop	%rcx
	STORE_CALLEE_SAVED %rcx
	POP_CALLEE_SAVED
	ret
END(probe_swap)

/* The same through ucc_slice_swap(from, to). */
ENTRY(probe_slice_swap)
	PUSH_CALLEE_SAVED
	push	%rcx			/* out; rsp is now 16-byte aligned */
	LOAD_CALLEE_SAVED %rdx
	call	ucc_slice_swap@PLT
	pop	%rcx
	STORE_CALLEE_SAVED %rcx
	POP_CALLEE_SAVED
	ret
END(probe_slice_swap)

/* Frame: 0 padding, 8 returns so far, 16 junk, 24 out, 32 uc, then the
 * six saved registers and the return address. */
ENTRY(probe_getset)
	PUSH_CALLEE_SAVED
	push	%rdi
	push	%rdx
	push	%rcx
	push	$0
	sub	$8, %rsp
	LOAD_CALLEE_SAVED %rsi
	call	ucc_getcontext@PLT
	incq	8(%rsp)
	cmpq	$1, 8(%rsp)
	jne	1f
	mov	16(%rsp), %rax		/* first return: scramble, then resume */
	LOAD_CALLEE_SAVED %rax
	mov	32(%rsp), %rdi
	call	ucc_setcontext@PLT
	mov	$-1, %eax		/* setcontext failed */
	jmp	2f
1:	mov	24(%rsp), %rax
	STORE_CALLEE_SAVED %rax
	xor	%eax, %eax
2:	add	$40, %rsp
	POP_CALLEE_SAVED
	ret
END(probe_getset)

/* Load vals[0..10] into rbx rbp r12 r13 r14 r15 rdx rcx r8 r9 rsi, then
 * ucc_getcontext(uc); returns its result.  Every register the context
 * keeps holds a known value when it is saved. */
ENTRY(probe_getcontext_all)
	PUSH_CALLEE_SAVED
	sub	$8, %rsp		/* aligned for the call */
	LOAD_CALLEE_SAVED %rsi
	mov	48(%rsi), %rdx
	mov	56(%rsi), %rcx
	mov	64(%rsi), %r8
	mov	72(%rsi), %r9
	mov	80(%rsi), %rsi
	call	ucc_getcontext@PLT
	add	$8, %rsp
	POP_CALLEE_SAVED
	ret
END(probe_getcontext_all)

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
