/* Stack slicing for 32-bit Arm: the stack-switch primitive the portable
 * slicing (lib/slice.c) is built on, the start trampoline of the
 * contexts it makes, and the stack pointer queries.  AAPCS, sections
 * 5.1.1 and 5.1.2.1 (r4-r11, d8-d15 callee-saved; FPSCR's modes
 * preserved across calls). */
#include "save.h"

/* void *ucc_current_sp(void): the caller's (a call pushes nothing). */
PUBLIC(ucc_current_sp)
	mov	r0, sp
	bx	lr
END(ucc_current_sp)

/* int ucc_base_init(ucc_base_t *base): the rest is C, given the caller's
 * stack pointer. */
PUBLIC(ucc_base_init)
	mov	r1, sp
	TAIL_C(__ucc_base_init)
END(ucc_base_init)

/* void __ucc_stack_switch(void *(*save)(void *arg, void *sp),
 *			   void (*restore)(void *arg), void *arg)
 *
 * The frame this pushes, the same in every suspended switch, so the CFI
 * below describes whichever one is on the stack after the move (offsets
 * from sp; offsets.def's SF_*):
 *   +0   fpscr (the flags go with the context, as in glibc's)
 *   +4   unused      +8   d8-d15
 *   +72  r3 (unused: keeps sp 8-aligned)
 *   +76  r4-r11      +108 lr
 *   +112 the caller's sp */
ENTRY(__ucc_stack_switch)
	.cfi_remember_state
	push	{r3-r11, lr}
	.cfi_def_cfa_offset 40
	.cfi_offset r4, -36
	.cfi_offset r5, -32
	.cfi_offset r6, -28
	.cfi_offset r7, -24
	.cfi_offset r8, -20
	.cfi_offset r9, -16
	.cfi_offset r10, -12
	.cfi_offset r11, -8
	.cfi_offset lr, -4
	sub	sp, sp, #72
	.cfi_def_cfa_offset 112
	VFP_SKIP 1f, r3
	add	r3, sp, #8
	vstmia	r3, {d8-d15}
	.cfi_offset d8, -104
	.cfi_offset d9, -96
	.cfi_offset d10, -88
	.cfi_offset d11, -80
	.cfi_offset d12, -72
	.cfi_offset d13, -64
	.cfi_offset d14, -56
	.cfi_offset d15, -48
	vmrs	r3, fpscr
	str	r3, [sp]
1:	mov	r4, r0			/* save */
	mov	r5, r1			/* restore */
	mov	r6, r2			/* arg */
	mov	r0, r6
	mov	r1, sp
	blx	r4			/* next = save(arg, sp) */
	mov	sp, r0
	mov	r0, r6
	blx	r5			/* restore(arg) copies the stack back */

	VFP_SKIP 2f, r3
	ldr	r3, [sp]
	vmsr	fpscr, r3
	add	r3, sp, #8
	vldmia	r3, {d8-d15}
2:	add	sp, sp, #72
	.cfi_def_cfa_offset 40
	pop	{r3-r11, lr}
	.cfi_restore_state	/* as at the entry */
	RESUME(lr)
END(__ucc_stack_switch)

/* void __ucc_slice_fpctl(void *slot): the running FP state, as the
 * SF_FPCTL slot holds it: fpscr (0 without VFP). */
ENTRY(__ucc_slice_fpctl)
	mov	r1, #0
	VFP_SKIP 1f, r2
	vmrs	r1, fpscr
1:	str	r1, [r0]
	bx	lr
END(__ucc_slice_fpctl)

/* Where a context made by ucc_slice_make starts, returned to by the
 * switch's pop of the frame ucc_slice_make built: r4 = fn, r5 = arg,
 * r6 = link, r7 = the context; sp 8-aligned.  Reached by bx lr only. */
TRAMPOLINE(__ucc_slice_start_frame, __ucc_slice_start)
	mov	r0, r5
	blx	r4
	mov	r0, r7
	mov	r1, r6
	CALL_C(__ucc_slice_return)	/* link, or exit: lib/slice.c */
	udf	#1000
TRAMPOLINE_END(__ucc_slice_start_frame, __ucc_slice_start)

	.section .note.GNU-stack,"",%progbits
