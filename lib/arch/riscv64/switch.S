/* Stack slicing for riscv64: the stack-switch primitive the portable
 * slicing (lib/slice.c) is built on, the start trampoline of the
 * contexts it makes, and the stack pointer queries.  RISC-V ELF psABI
 * (lp64d): s0-s11 and fs0-fs11 callee-saved, sp 16-byte aligned. */
#include "save.h"

/* void *ucc_current_sp(void): the caller's (a call pushes nothing). */
PUBLIC(ucc_current_sp)
	mv	a0, sp
	ret
END(ucc_current_sp)

/* int ucc_base_init(ucc_base_t *base): the rest is C, given the caller's
 * stack pointer. */
PUBLIC(ucc_base_init)
	mv	a1, sp
	TAIL_C(__ucc_base_init)
END(ucc_base_init)

/* void __ucc_stack_switch(void *(*save)(void *arg, void *sp),
 *			   void (*restore)(void *arg), void *arg)
 *
 * The frame this pushes (offsets.def's SF_*), the same in every
 * suspended switch, so the CFI below describes whichever one is on the
 * stack after the move:
 *   +0   ra        +8   s0-s11      +104 fs0-fs11
 *   +200 fcsr (the flags go with the context, as in glibc's)
 *   +208 the caller's sp
 * save, restore and arg are kept in s1-s3, pushed with the rest. */
ENTRY(__ucc_stack_switch)
	.cfi_remember_state
	addi	sp, sp, -208
	.cfi_def_cfa_offset 208
	sd	ra, 0(sp)
	.cfi_offset ra, -208
	.irp i, 0,1,2,3,4,5,6,7,8,9,10,11
	sd	s\i, 8 + 8 * \i(sp)
	.cfi_offset s\i, -200 + 8 * \i
	fsd	fs\i, 104 + 8 * \i(sp)
	.cfi_offset fs\i, -104 + 8 * \i
	.endr
	frcsr	t0
	sw	t0, 200(sp)

	mv	s1, a0			/* save */
	mv	s2, a1			/* restore */
	mv	s3, a2			/* arg */
	mv	a0, s3
	mv	a1, sp
	jalr	s1			/* next = save(arg, sp) */
	mv	sp, a0
	mv	a0, s3
	jalr	s2			/* restore(arg) copies the stack back */

	lw	t0, 200(sp)
	fscsr	t0
	.irp i, 11,10,9,8,7,6,5,4,3,2,1,0
	fld	fs\i, 104 + 8 * \i(sp)
	ld	s\i, 8 + 8 * \i(sp)
	.endr
	ld	ra, 0(sp)
	addi	sp, sp, 208
	.cfi_restore_state	/* as at the entry */
	ret
END(__ucc_stack_switch)

/* void __ucc_slice_fpctl(void *slot): the running FP state, as the
 * SF_FPCTL slot holds it: fcsr. */
ENTRY(__ucc_slice_fpctl)
	frcsr	t0
	sw	t0, 0(a0)
	ret
END(__ucc_slice_fpctl)

/* Where a context made by ucc_slice_make starts, returned to by the
 * switch's pop of the frame ucc_slice_make built: s1 = fn, s2 = arg,
 * s3 = link, s4 = the context, s0 = 0; sp aligned.  Reached by ret only. */
TRAMPOLINE(__ucc_slice_start_frame, __ucc_slice_start)
	mv	a0, s2
	jalr	s1
	mv	a0, s4
	mv	a1, s3
	CALL_C(__ucc_slice_return)	/* link, or exit: lib/slice.c */
	unimp
TRAMPOLINE_END(__ucc_slice_start_frame, __ucc_slice_start)

	.section .note.GNU-stack,"",%progbits
