/* Register probes for the tests (see arch.h).  RISC-V ELF psABI (lp64d):
 * s0-s11 and fs0-fs11 are callee-saved. */
#include "asm.h"

/* The frame every probe opens: ra, then the callee-saved registers, then
 * room for the probe's own words from +200. */
.macro PUSH_CALLEE_SAVED size
	addi	sp, sp, -\size
	.cfi_def_cfa_offset \size
	sd	ra, 0(sp)
	.cfi_offset ra, -\size
	.irp i, 0,1,2,3,4,5,6,7,8,9,10,11
	sd	s\i, 8 + 8 * \i(sp)
	fsd	fs\i, 104 + 8 * \i(sp)
	.endr
.endm

.macro POP_CALLEE_SAVED size
	.irp i, 0,1,2,3,4,5,6,7,8,9,10,11
	ld	s\i, 8 + 8 * \i(sp)
	fld	fs\i, 104 + 8 * \i(sp)
	.endr
	ld	ra, 0(sp)
	addi	sp, sp, \size
	.cfi_def_cfa_offset 0
	.cfi_restore ra
.endm

/* Load s0-s11, fs0-fs11 from the array at \base (24 words). */
.macro LOAD_CALLEE_SAVED base
	.irp i, 0,1,2,3,4,5,6,7,8,9,10,11
	ld	s\i, 8 * \i(\base)
	fld	fs\i, 96 + 8 * \i(\base)
	.endr
.endm

/* Store them into the array at \base. */
.macro STORE_CALLEE_SAVED base
	.irp i, 0,1,2,3,4,5,6,7,8,9,10,11
	sd	s\i, 8 * \i(\base)
	fsd	fs\i, 96 + 8 * \i(\base)
	.endr
.endm

/* Frame: +200 out. */
ENTRY(probe_swap)
	PUSH_CALLEE_SAVED 208
	sd	a3, 200(sp)
	LOAD_CALLEE_SAVED a2
	call	ucc_swapcontext
	ld	a3, 200(sp)
	STORE_CALLEE_SAVED a3
	POP_CALLEE_SAVED 208
	ret
END(probe_swap)

/* The same through ucc_slice_swap(from, to). */
ENTRY(probe_slice_swap)
	PUSH_CALLEE_SAVED 208
	sd	a3, 200(sp)
	LOAD_CALLEE_SAVED a2
	call	ucc_slice_swap
	ld	a3, 200(sp)
	STORE_CALLEE_SAVED a3
	POP_CALLEE_SAVED 208
	ret
END(probe_slice_swap)

/* Frame: +200 uc, +208 junk, +216 out, +224 returns so far. */
ENTRY(probe_getset)
	PUSH_CALLEE_SAVED 240
	sd	a0, 200(sp)
	sd	a3, 208(sp)
	sd	a2, 216(sp)
	sd	zero, 224(sp)
	LOAD_CALLEE_SAVED a1
	call	ucc_getcontext
	ld	t0, 224(sp)
	addi	t0, t0, 1
	sd	t0, 224(sp)
	li	t1, 1
	bne	t0, t1, 1f
	ld	t0, 208(sp)		/* first return: scramble, then resume */
	LOAD_CALLEE_SAVED t0
	ld	a0, 200(sp)
	call	ucc_setcontext
	li	a0, -1			/* setcontext failed */
	j	2f
1:	ld	t0, 216(sp)
	STORE_CALLEE_SAVED t0
	li	a0, 0
2:	POP_CALLEE_SAVED 240
	ret
END(probe_getset)

/* Load vals[0..11] into s0, s1, s2-s11, then ucc_getcontext(uc); returns
 * its result. */
ENTRY(probe_getcontext_all)
	PUSH_CALLEE_SAVED 208
	.irp i, 0,1,2,3,4,5,6,7,8,9,10,11
	ld	s\i, 8 * \i(a1)
	.endr
	call	ucc_getcontext
	POP_CALLEE_SAVED 208
	ret
END(probe_getcontext_all)

ENTRY(probe_entry)
	lla	t0, probe_entry_sp
	sd	sp, 0(t0)
	lla	t0, probe_entry_fp
	sd	s0, 0(t0)
	ret
END(probe_entry)

	.bss
	.p2align 3
	.globl probe_entry_sp, probe_entry_fp
	.hidden probe_entry_sp, probe_entry_fp
probe_entry_sp:	.quad 0
probe_entry_fp:	.quad 0

	.section .note.GNU-stack,"",%progbits
