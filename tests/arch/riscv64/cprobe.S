/* Probes for the compat scenarios (see cprobe.h).  RISC-V ELF psABI
 * (lp64d).  They call the context functions only through pointers they
 * are given, so the same object serves a program on glibc's and one on
 * ours. */
#include "asm.h"

#define PATTERN(r) (0x0101010101010101 * ((r) + 1) ^ 0x8000000000000000)

ENTRY(cprobe_entry)
	lla	t0, cprobe_sp
	sd	sp, 0(t0)
	lla	t0, cprobe_fp
	sd	s0, 0(t0)
	ld	t1, -8(sp)
	lla	t0, cprobe_below
	sd	t1, 0(t0)
	ret
END(cprobe_entry)

/* Frame: ra, s0-s11 at +8, meta at +104. */
ENTRY(cprobe_getcontext)
	addi	sp, sp, -112
	.cfi_def_cfa_offset 112
	sd	ra, 0(sp)
	.cfi_offset ra, -112
	.irp i, 0,1,2,3,4,5,6,7,8,9,10,11
	sd	s\i, 8 + 8 * \i(sp)
	.endr
	sd	a2, 104(sp)
	mv	t6, a0
	mv	a0, a1
	sd	sp, 0(a2)
	lla	t0, 1f
	sd	t0, 8(a2)
	.irp r, 5,6,7,8,9,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
	li	x\r, PATTERN(\r)
	.endr
	jalr	t6
1:	ld	a2, 104(sp)
	sext.w	a0, a0
	sd	a0, 16(a2)
	.irp i, 0,1,2,3,4,5,6,7,8,9,10,11
	ld	s\i, 8 + 8 * \i(sp)
	.endr
	ld	ra, 0(sp)
	addi	sp, sp, 112
	.cfi_def_cfa_offset 0
	.cfi_restore ra
	ret
END(cprobe_getcontext)

	.bss
	.p2align 3
	.globl cprobe_sp, cprobe_fp, cprobe_below
	.hidden cprobe_sp, cprobe_fp, cprobe_below
cprobe_sp:	.quad 0
cprobe_fp:	.quad 0
cprobe_below:	.quad 0

	.section .note.GNU-stack,"",%progbits
