/* Stack slicing for x86_64, tuned: the switch between sliced and
 * ordinary contexts, in place of lib/slice.c's portable switch (port.h
 * says why); the start trampoline of ucc_slice_make is switch.S's.  System V AMD64 psABI 1.0, sections 3.2.1-3.2.3 (callee-saved
 * registers, x87 CW and MXCSR) and 3.4 (unwinding).
 *
 * A suspended sliced context keeps its registers at the start of its
 * buffer (layout in offsets.def, SF_*), followed by its stack bytes, so a
 * context costs its slice and nothing else.  The registers go straight
 * between registers and buffer: pushing them and copying them back out
 * would stall on store-to-load forwarding. */
#include "asm.h"
#include "abi.h"
#include "save.h"

/* Copy rcx bytes from rsi to rdi, upward, using no stack.  Stack slices
 * are multiples of 16 bytes: the short ones most switches move go 64,
 * then 16 bytes at a time; long ones, and any other length, by rep movsb
 * (fast on every CPU with ERMS).  Clobbers rcx, rsi, rdi, xmm0-xmm3. */
.macro COPY
	test	$15, %cl
	jnz	97f
	cmp	$1024, %rcx
	jae	97f
	sub	$64, %rcx
	jb	95f
98:	movdqu	(%rsi), %xmm0
	movdqu	16(%rsi), %xmm1
	movdqu	32(%rsi), %xmm2
	movdqu	48(%rsi), %xmm3
	movdqu	%xmm0, (%rdi)
	movdqu	%xmm1, 16(%rdi)
	movdqu	%xmm2, 32(%rdi)
	movdqu	%xmm3, 48(%rdi)
	add	$64, %rsi
	add	$64, %rdi
	sub	$64, %rcx
	jae	98b
95:	add	$64, %rcx		/* 0, 16, 32 or 48 left */
	jz	99f
94:	movdqu	(%rsi), %xmm0
	movdqu	%xmm0, (%rdi)
	add	$16, %rsi
	add	$16, %rdi
	sub	$16, %rcx
	jnz	94b
	jmp	99f
97:	rep movsb
99:
.endm

/* int ucc_slice_swap(ucc_slice_t *from, ucc_slice_t *to)
 *
 * Checks first (__ucc_slice_prepare, which also grows from's buffer and
 * sets the inplace flags), so that a failure changes nothing; then saves
 * from, into its buffer straight from the registers (sliced: its stack
 * bytes too, unless they stay on a shared stack) or into its ucontext_t
 * (ordinary), and resumes to. */
SLICE_ENTRY(slice_swap)
	SHSTK_CHECK(__ucc_enotsup)
	test	%rdi, %rdi
	jz	__ucc_efault
	test	%rsi, %rsi
	jz	__ucc_efault
	/* __ucc_slice_prepare(from, to, the caller's stack pointer) */
	CALL_KEEPING_ARGS __ucc_slice_prepare, "lea 32(%rsp), %rdx"
	test	%eax, %eax
	jz	1f
	mov	%eax, %edi
	TAIL_C(__ucc_slice_fail)

1:	mov	%rsi, %r8		/* to */
	cmpq	$0, SL_BASE(%rdi)
	je	2f
	/* from is sliced: its registers, then its stack down to the base */
	mov	SL_BUF(%rdi), %rax
	stmxcsr	SF_FPCTL(%rax)
	fnstcw	SF_FPCTL+4(%rax)
	mov	%r15, 8(%rax)
	mov	%r14, 16(%rax)
	mov	%r13, 24(%rax)
	mov	%r12, 32(%rax)
	mov	%rbp, 40(%rax)
	mov	%rbx, 48(%rax)
	mov	(%rsp), %rcx
	mov	%rcx, SF_RA(%rax)
	cmpb	$0, SL_INPLACE(%rdi)	/* kept on its shared stack: no copy */
	jne	__ucc_slice_resume
	mov	SL_LEN(%rdi), %ecx
	sub	$SF_SIZE, %rcx
	lea	8(%rsp), %rsi		/* = from->sp, set by prepare */
	lea	SF_SIZE(%rax), %rdi
	COPY
	jmp	__ucc_slice_resume

2:	/* from is ordinary: as swapcontext saves */
	mov	SL_UCP(%rdi), %rdi
	SAVE_CONTEXT
	jmp	__ucc_slice_resume
SLICE_END(slice_swap)

/* int ucc_slice_set(ucc_slice_t *to) */
SLICE_ENTRY(slice_set)
	SHSTK_CHECK(__ucc_enotsup)
	test	%rdi, %rdi
	jz	__ucc_efault
	push	%rdi
	.cfi_adjust_cfa_offset 8
	mov	%rdi, %rsi
	xor	%edi, %edi
	lea	16(%rsp), %rdx		/* the caller's stack pointer */
	CALL_C(__ucc_slice_prepare)
	pop	%r8
	.cfi_adjust_cfa_offset -8
	test	%eax, %eax
	jz	1f
	mov	%eax, %edi
	TAIL_C(__ucc_slice_fail)
1:	jmp	__ucc_slice_resume
SLICE_END(slice_set)
#ifndef UCC_SANITIZER_FIBERS	/* fiber.S defines it then */
	.globl __ucc_slice_set
	.hidden __ucc_slice_set
	.type __ucc_slice_set, %function
	.set __ucc_slice_set, ucc_slice_set
#endif

/* Resume r8 = to.  Nothing on the running stack is needed any more. */
ENTRY(__ucc_slice_resume)
	cmpq	$0, SL_BASE(%r8)
	je	3f
	/* to is sliced: move below its stack bytes first (so that nothing,
	 * not even a signal frame, lands in the bytes being restored), copy
	 * them back, then load its registers from the buffer. */
	mov	SL_BUF(%r8), %r11
	mov	SL_SP(%r8), %rdi
	lea	-SF_SIZE(%rdi), %rsp
#ifdef UCC_SANITIZER_FIBERS
	/* below the slice, tell the sanitizer the switch is done (fiber.c) */
	.cfi_remember_state
	.cfi_undefined rip
	mov	%rsp, %rax
	and	$-16, %rsp
	push	%rax
	push	%r8
	push	%r11
	push	%rdi
	CALL_C(__ucc_fiber_arrived)
	pop	%rdi
	pop	%r11
	pop	%r8
	pop	%rsp
	.cfi_restore_state
#endif
	cmpb	$0, SL_INPLACE(%r8)	/* its bytes are still in place */
	jne	4f
	mov	SL_LEN(%r8), %ecx
	lea	SF_SIZE(%r11), %rsi
	sub	$SF_SIZE, %rcx
	COPY
4:
	ldmxcsr	SF_FPCTL(%r11)
	fldcw	SF_FPCTL+4(%r11)
	mov	8(%r11), %r15
	mov	16(%r11), %r14
	mov	24(%r11), %r13
	mov	32(%r11), %r12
	mov	40(%r11), %rbp
	mov	48(%r11), %rbx
	add	$SF_SIZE, %rsp		/* = to->sp */
	.cfi_def_cfa rsp, 0
	mov	SF_RA(%r11), %r11
	.cfi_register rip, r11
	xor	%eax, %eax
	RESUME(%r11)

3:	/* to is ordinary: as setcontext */
	.cfi_def_cfa rsp, 8
	.cfi_offset rip, -8
	mov	SL_UCP(%r8), %rsi
	jmp	__ucc_restore
END(__ucc_slice_resume)

	.section .note.GNU-stack,"",%progbits
