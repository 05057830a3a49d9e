/* Stack slicing for s390x: the stack-switch primitive the portable
 * slicing (lib/slice.c) is built on, the start trampoline of the
 * contexts it makes, and the stack pointer queries.  ELF Application
 * Binary Interface s390x Supplement: r6-r15 and f8-f15 preserved by a
 * call, which leaves its callee a 160-byte register save area at r15. */
#include "save.h"

/* void *ucc_current_sp(void): the caller's (a call pushes nothing). */
PUBLIC(ucc_current_sp)
	lgr	%r2, %r15
	br	%r14
END(ucc_current_sp)

/* int ucc_base_init(ucc_base_t *base): the rest is C, given the caller's
 * stack pointer. */
PUBLIC(ucc_base_init)
	lgr	%r3, %r15
	TAIL_C(__ucc_base_init)
END(ucc_base_init)

/* void __ucc_stack_switch(void *(*save)(void *arg, void *sp),
 *			   void (*restore)(void *arg), void *arg)
 *
 * The frame this pushes (offsets.def's SF_*), the same in every
 * suspended switch, so the CFI below describes whichever one is on the
 * stack after the move:
 *   +0   r6-r14    +72  f8-f15
 *   +136 fpc (the flags go with the context, as in glibc's)
 *   +144 the caller's sp
 * save, restore and arg are kept in r7-r9, pushed with the rest.  The
 * calls are made 160 bytes below the frame, with their register save
 * area there: restore's would otherwise lie in the bytes it copies. */
ENTRY(__ucc_stack_switch)
	.cfi_remember_state
	aghi	%r15, -144
	.cfi_adjust_cfa_offset 144
	stmg	%r6, %r14, 0(%r15)
	.irp i, 6,7,8,9,10,11,12,13,14
	.cfi_offset %r\i, -304 + 8 * (\i - 6)
	.endr
	.irp i, 8,9,10,11,12,13,14,15
	std	%f\i, 72 + 8 * (\i - 8)(%r15)
	.cfi_offset %f\i, -232 + 8 * (\i - 8)
	.endr
	stfpc	136(%r15)

	lgr	%r7, %r2		/* save */
	lgr	%r8, %r3		/* restore */
	lgr	%r9, %r4		/* arg */
	lgr	%r2, %r9
	lgr	%r3, %r15
	aghi	%r15, -160
	.cfi_adjust_cfa_offset 160
	basr	%r14, %r7		/* next = save(arg, sp) */
	lay	%r15, -160(%r2)
	lgr	%r2, %r9
	basr	%r14, %r8		/* restore(arg) copies the stack back */
	aghi	%r15, 160
	.cfi_adjust_cfa_offset -160

	lfpc	136(%r15)
	.irp i, 15,14,13,12,11,10,9,8
	ld	%f\i, 72 + 8 * (\i - 8)(%r15)
	.endr
	lmg	%r6, %r14, 0(%r15)
	aghi	%r15, 144
	.cfi_restore_state	/* as at the entry */
	br	%r14
END(__ucc_stack_switch)

/* void __ucc_slice_fpctl(void *slot): the running FP state, as the
 * SF_FPCTL slot holds it: the FPC. */
ENTRY(__ucc_slice_fpctl)
	stfpc	0(%r2)
	br	%r14
END(__ucc_slice_fpctl)

/* Where a context made by ucc_slice_make starts, returned to by the
 * switch's pop of the frame ucc_slice_make built: r7 = fn, r8 = arg,
 * r9 = link, r10 = the context, r11 = 0; r15 = the top of the frame.
 * fn gets a register save area below that, inside the slice: above it
 * lies no slice's memory.  Reached by br only. */
TRAMPOLINE(__ucc_slice_start_frame, __ucc_slice_start)
	aghi	%r15, -160
	.cfi_adjust_cfa_offset 160
	lgr	%r2, %r8
	basr	%r14, %r7
	lgr	%r2, %r10
	lgr	%r3, %r9
	CALL_C(__ucc_slice_return)	/* link, or exit: lib/slice.c */
	j	.+2			/* never reached: an illegal instruction */
TRAMPOLINE_END(__ucc_slice_start_frame, __ucc_slice_start)

	.section .note.GNU-stack,"",%progbits
