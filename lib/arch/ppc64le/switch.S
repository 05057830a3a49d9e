/* Stack slicing for ppc64le: the stack-switch primitive the portable
 * slicing (lib/slice.c) is built on, the start trampoline of the
 * contexts it makes, and the stack pointer queries.  64-bit ELF V2 ABI
 * 1.5, 2.2: r14-r31, f14-f31, v20-v31, VRSAVE and CR fields 2-4
 * preserved, sp 16-byte aligned, a 32-byte linkage area at the bottom
 * of every frame that calls. */
#include "save.h"

/* void *ucc_current_sp(void): the caller's (a call pushes nothing). */
PUBLIC(ucc_current_sp)
	mr	%r3, %r1
	blr
END(ucc_current_sp)

/* int ucc_base_init(ucc_base_t *base): the rest is C, given the caller's
 * stack pointer. */
PUBLIC(ucc_base_init)
	mr	%r4, %r1
	TAIL_C(__ucc_base_init)
END(ucc_base_init)

/* void __ucc_stack_switch(void *(*save)(void *arg, void *sp),
 *			   void (*restore)(void *arg), void *arg)
 *
 * The frame this pushes (offsets.def's SF_*), the same in every
 * suspended switch, so the CFI below describes whichever one is on the
 * stack after the move:
 *   +0   back chain   +32  lr   +40 cr   +48 vrsave   +56 fpscr
 *   +64  r14-r31      +208 f14-f31       +352 v20-v31
 *   +544 the caller's sp
 * The fpscr goes with the context (control bits and flags), as in
 * glibc's.  restore and arg are kept in r15 and r16, pushed with the
 * rest. */
ENTRY(__ucc_stack_switch)
	.cfi_remember_state
	mflr	%r0
	stdu	%r1, -544(%r1)
	.cfi_def_cfa_offset 544
	std	%r0, 32(%r1)
	.cfi_offset lr, -512
	mfcr	%r0
	std	%r0, 40(%r1)
	mfvrsave %r0
	std	%r0, 48(%r1)
	mffs	%f0
	stfd	%f0, 56(%r1)
	.irp i, 14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	std	%r\i, 64 + 8 * (\i - 14)(%r1)
	.cfi_offset r\i, -480 + 8 * (\i - 14)
	stfd	%f\i, 208 + 8 * (\i - 14)(%r1)
	.cfi_offset f\i, -336 + 8 * (\i - 14)
	.endr
	.irp i, 20,21,22,23,24,25,26,27,28,29,30,31
	li	%r0, 352 + 16 * (\i - 20)
	stvx	%v\i, %r1, %r0
	.endr

	mr	%r12, %r3		/* save */
	mr	%r15, %r4		/* restore */
	mr	%r16, %r5		/* arg */
	mr	%r3, %r5
	mr	%r4, %r1
	mtctr	%r12
	bctrl				/* next = save(arg, sp) */
	/* restore runs below the next stack pointer, with a linkage area
	 * of its own: a function saves its lr and cr in its caller's frame,
	 * where restore's copy would overwrite them */
	addi	%r1, %r3, -32
	mr	%r3, %r16
	mr	%r12, %r15
	mtctr	%r12
	bctrl				/* restore(arg) copies the stack back */
	addi	%r1, %r1, 32

	lfd	%f0, 56(%r1)
	mtfsf	0xff, %f0, 1, 0
	ld	%r0, 48(%r1)
	mtvrsave %r0
	ld	%r0, 40(%r1)
	mtcr	%r0
	.irp i, 20,21,22,23,24,25,26,27,28,29,30,31
	li	%r0, 352 + 16 * (\i - 20)
	lvx	%v\i, %r1, %r0
	.endr
	.irp i, 31,30,29,28,27,26,25,24,23,22,21,20,19,18,17,16,15,14
	lfd	%f\i, 208 + 8 * (\i - 14)(%r1)
	ld	%r\i, 64 + 8 * (\i - 14)(%r1)
	.endr
	ld	%r0, 32(%r1)
	mtlr	%r0
	addi	%r1, %r1, 544
	.cfi_restore_state	/* as at the entry */
	blr
END(__ucc_stack_switch)

/* void __ucc_slice_fpctl(void *slot): the running FP state, as the
 * SF_FPCTL slot holds it: fpscr, as mffs gives it. */
ENTRY(__ucc_slice_fpctl)
	mffs	%f0
	stfd	%f0, 0(%r3)
	blr
END(__ucc_slice_fpctl)

/* Where a context made by ucc_slice_make starts, returned to by the
 * switch's pop of the frame ucc_slice_make built: r14 = fn, r15 = arg,
 * r16 = link, r17 = the context, r31 = 0, r2 our TOC (the switch's);
 * sp aligned.  Reached by blr only: no local entry. */
TRAMPOLINE(__ucc_slice_start_frame, __ucc_slice_start)
	/* a frame below the slice's top, its back chain 0: the linkage
	 * area alone (fn is prototyped, not variadic: no parameter save
	 * area), so that the slice's top word is the TOC saved across the
	 * call */
	li	%r0, 0
	stdu	%r0, -32(%r1)
	mr	%r3, %r15
	mr	%r12, %r14
	mtctr	%r12
	std	%r2, 24(%r1)
	bctrl				/* fn(arg) */
	ld	%r2, 24(%r1)
	mr	%r3, %r17
	mr	%r4, %r16
	CALL_C(__ucc_slice_return)	/* link, or exit: lib/slice.c */
	trap
TRAMPOLINE_END(__ucc_slice_start_frame, __ucc_slice_start)

	.section .note.GNU-stack,"",%progbits
