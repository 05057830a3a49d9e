/* Register probes for the tests (see arch.h).  System V i386 psABI 1.1.
 * The functions under test are called through their GOT entries: a PIE's
 * PLT needs the GOT's address in ebx, which holds test values here. */
#include "asm.h"

/* ecx = the caller's return address. */
ENTRY(probe_pc_ecx)
	mov	(%esp), %ecx
	ret
END(probe_pc_ecx)

/* \reg = the address of function \fn, from the GOT.  Clobbers ecx. */
.macro FN_ADDRESS fn, reg
	call	probe_pc_ecx
	addl	$_GLOBAL_OFFSET_TABLE_, %ecx
	mov	\fn@GOT(%ecx), \reg
.endm

.macro PUSH_CALLEE_SAVED
	push	%ebp
	push	%ebx
	push	%esi
	push	%edi
.endm

.macro POP_CALLEE_SAVED
	pop	%edi
	pop	%esi
	pop	%ebx
	pop	%ebp
.endm

/* Load the registers a context keeps (arch.h, ARCH_NCALLEE: the four
 * callee-saved ones and edx) from the array at \base, which must not be
 * one of them. */
.macro LOAD_CALLEE_SAVED base
	mov	0(\base), %ebx
	mov	4(\base), %esi
	mov	8(\base), %edi
	mov	12(\base), %ebp
	mov	16(\base), %edx
.endm

.macro STORE_CALLEE_SAVED base
	mov	%ebx, 0(\base)
	mov	%esi, 4(\base)
	mov	%edi, 8(\base)
	mov	%ebp, 12(\base)
	mov	%edx, 16(\base)
.endm

/* int probe_swap(o, u, in, out); after the pushes: o 20(%esp), u 24,
 * in 28, out 32. */
ENTRY(probe_swap)
	PUSH_CALLEE_SAVED
	FN_ADDRESS ucc_swapcontext, %eax
	mov	28(%esp), %ecx
	sub	$4, %esp		/* 16-byte aligned at the call */
	pushl	28(%esp)		/* u */
	pushl	28(%esp)		/* o */
	LOAD_CALLEE_SAVED %ecx
	call	*%eax
	add	$12, %esp
	mov	32(%esp), %ecx
	STORE_CALLEE_SAVED %ecx
	POP_CALLEE_SAVED
	ret
END(probe_swap)

/* The same through ucc_slice_swap(from, to). */
ENTRY(probe_slice_swap)
	PUSH_CALLEE_SAVED
	FN_ADDRESS ucc_slice_swap, %eax
	mov	28(%esp), %ecx
	sub	$4, %esp		/* 16-byte aligned at the call */
	pushl	28(%esp)		/* u */
	pushl	28(%esp)		/* o */
	LOAD_CALLEE_SAVED %ecx
	call	*%eax
	add	$12, %esp
	mov	32(%esp), %ecx
	STORE_CALLEE_SAVED %ecx
	POP_CALLEE_SAVED
	ret
END(probe_slice_swap)

/* int probe_getset(uc, in, out, junk).  Frame: 0 the callee's argument,
 * 4 returns so far, 8 setcontext's address, then the four saved
 * registers and the return address; uc 32(%esp), in 36, out 40,
 * junk 44. */
ENTRY(probe_getset)
	PUSH_CALLEE_SAVED
	sub	$12, %esp
	movl	$0, 4(%esp)
	FN_ADDRESS ucc_setcontext, %eax
	mov	%eax, 8(%esp)
	FN_ADDRESS ucc_getcontext, %eax
	mov	32(%esp), %edx
	mov	%edx, (%esp)
	mov	36(%esp), %ecx
	LOAD_CALLEE_SAVED %ecx
	call	*%eax
	incl	4(%esp)
	cmpl	$1, 4(%esp)
	jne	1f
	mov	32(%esp), %eax		/* first return: scramble, then resume */
	mov	%eax, (%esp)
	mov	44(%esp), %ecx
	LOAD_CALLEE_SAVED %ecx
	call	*8(%esp)
	mov	$-1, %eax		/* setcontext failed */
	jmp	2f
1:	mov	40(%esp), %ecx
	STORE_CALLEE_SAVED %ecx
	xor	%eax, %eax
2:	add	$12, %esp
	POP_CALLEE_SAVED
	ret
END(probe_getset)

/* int probe_getcontext_all(uc, vals): load vals[0..5] into ebx esi edi
 * ebp edx ecx, then ucc_getcontext(uc); returns its result. */
ENTRY(probe_getcontext_all)
	PUSH_CALLEE_SAVED
	FN_ADDRESS ucc_getcontext, %eax
	sub	$12, %esp
	mov	32(%esp), %edx
	mov	%edx, (%esp)
	mov	36(%esp), %ecx
	LOAD_CALLEE_SAVED %ecx		/* and edx */
	mov	20(%ecx), %ecx
	call	*%eax
	add	$12, %esp
	POP_CALLEE_SAVED
	ret
END(probe_getcontext_all)

ENTRY(probe_entry)
	mov	%esp, %eax
	mov	%ebp, %edx
	call	probe_pc_ecx
1:	mov	%eax, probe_entry_sp - 1b(%ecx)
	mov	%edx, probe_entry_fp - 1b(%ecx)
	ret
END(probe_entry)

	.bss
	.p2align 2
	.globl probe_entry_sp, probe_entry_fp
	.hidden probe_entry_sp, probe_entry_fp
probe_entry_sp:	.long 0
probe_entry_fp:	.long 0

	.section .note.GNU-stack,"",%progbits
