/* Stack slicing for aarch64: the stack-switch primitive the portable
 * slicing (lib/slice.c) is built on, the start trampoline of the
 * contexts it makes, and the stack pointer queries.
 * AAPCS64, sections 6.1.1 and 6.1.2 (x19-x29, d8-d15 callee-saved;
 * FPCR's modes preserved across calls) and 6.4 (frame records). */
#include "asm.h"
#include "abi.h"

/* void *ucc_current_sp(void): the caller's (a call pushes nothing). */
PUBLIC(ucc_current_sp)
	mov	x0, sp
	ret
END(ucc_current_sp)

/* int ucc_base_init(ucc_base_t *base): the rest is C, given the caller's
 * stack pointer. */
PUBLIC(ucc_base_init)
	mov	x1, sp
	TAIL_C(__ucc_base_init)
END(ucc_base_init)

/* void __ucc_stack_switch(void *(*save)(void *arg, void *sp),
 *			   void (*restore)(void *arg), void *arg)
 *
 * The frame this pushes, the same in every suspended switch, so the CFI
 * below describes whichever one is on the stack after the move:
 *   +0   x29, x30 (a frame record)
 *   +16  x19-x28
 *   +96  d8-d15
 *   +160 fpcr, fpsr (the flags go with the context, as in glibc's)
 *   +176 the caller's sp */
ENTRY(__ucc_stack_switch)
	.cfi_remember_state
	stp	x29, x30, [sp, #-176]!
	.cfi_def_cfa_offset 176
	.cfi_offset x29, -176
	.cfi_offset x30, -168
	mov	x29, sp
	stp	x19, x20, [sp, #16]
	.cfi_offset x19, -160
	.cfi_offset x20, -152
	stp	x21, x22, [sp, #32]
	.cfi_offset x21, -144
	.cfi_offset x22, -136
	stp	x23, x24, [sp, #48]
	.cfi_offset x23, -128
	.cfi_offset x24, -120
	stp	x25, x26, [sp, #64]
	.cfi_offset x25, -112
	.cfi_offset x26, -104
	stp	x27, x28, [sp, #80]
	.cfi_offset x27, -96
	.cfi_offset x28, -88
	stp	d8, d9, [sp, #96]
	.cfi_offset d8, -80
	.cfi_offset d9, -72
	stp	d10, d11, [sp, #112]
	.cfi_offset d10, -64
	.cfi_offset d11, -56
	stp	d12, d13, [sp, #128]
	.cfi_offset d12, -48
	.cfi_offset d13, -40
	stp	d14, d15, [sp, #144]
	.cfi_offset d14, -32
	.cfi_offset d15, -24
	mrs	x9, fpcr
	mrs	x10, fpsr
	stp	w9, w10, [sp, #160]

	mov	x19, x0			/* save */
	mov	x20, x1			/* restore */
	mov	x21, x2			/* arg */
	mov	x0, x21
	mov	x1, sp
	blr	x19			/* next = save(arg, sp) */
	mov	sp, x0
	mov	x29, x0			/* the frame record there */
	mov	x0, x21
	blr	x20			/* restore(arg) copies the stack back */

	ldp	w9, w10, [sp, #160]
	msr	fpcr, x9
	msr	fpsr, x10
	ldp	d8, d9, [sp, #96]
	ldp	d10, d11, [sp, #112]
	ldp	d12, d13, [sp, #128]
	ldp	d14, d15, [sp, #144]
	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldp	x29, x30, [sp], #176
	.cfi_restore_state	/* as at the entry */
	ret
END(__ucc_stack_switch)

/* void __ucc_slice_fpctl(void *slot): the running FP state, as the
 * SF_FPCTL slot holds it: fpcr, then fpsr. */
ENTRY(__ucc_slice_fpctl)
	mrs	x9, fpcr
	mrs	x10, fpsr
	stp	w9, w10, [x0]
	ret
END(__ucc_slice_fpctl)

/* Where a context made by ucc_slice_make starts, returned to by the
 * switch's pop of the frame ucc_slice_make built: x19 = fn, x20 = arg,
 * x21 = link, x22 = the context; sp aligned.  Reached by ret only. */
TRAMPOLINE(__ucc_slice_start_frame, __ucc_slice_start)
	mov	x0, x20
	blr	x19
	mov	x0, x22
	mov	x1, x21
	CALL_C(__ucc_slice_return)	/* link, or exit: lib/slice.c */
	brk	#1000
TRAMPOLINE_END(__ucc_slice_start_frame, __ucc_slice_start)

	.section .note.GNU-stack,"",%progbits
