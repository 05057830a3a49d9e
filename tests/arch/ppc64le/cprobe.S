/* Probes for the compat scenarios (see cprobe.h).  64-bit ELF V2 ABI
 * 1.5.  They call the context functions only through pointers they are
 * given, so the same object serves a program on glibc's and one on
 * ours. */
#include "asm.h"

#define PATTERN(r) (0x0101010101010101 * ((r) + 1) ^ 0x8000000000000000)

ENTRY(cprobe_entry)
	addis	%r9, %r2, cprobe_sp@toc@ha
	std	%r1, cprobe_sp@toc@l(%r9)
	addis	%r9, %r2, cprobe_fp@toc@ha
	std	%r31, cprobe_fp@toc@l(%r9)
	ld	%r10, -8(%r1)
	addis	%r9, %r2, cprobe_below@toc@ha
	std	%r10, cprobe_below@toc@l(%r9)
	blr
END(cprobe_entry)

/* Frame (224 bytes): the linkage area, meta at +32, r14-r31 at +40. */
ENTRY(cprobe_getcontext)
	mflr	%r0
	std	%r0, 16(%r1)
	stdu	%r1, -224(%r1)
	.cfi_def_cfa_offset 224
	.cfi_offset lr, 16
	.irp i, 14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	std	%r\i, 40 + 8 * (\i - 14)(%r1)
	.endr
	std	%r5, 32(%r1)
	std	%r2, 24(%r1)
	std	%r1, 0(%r5)
	bcl	20, 31, 1f
1:	mflr	%r9
	addi	%r9, %r9, 3f - 1b
	std	%r9, 8(%r5)
	mr	%r12, %r3
	mtctr	%r12
	mr	%r3, %r4
	.irp r, 4,5,6,7,8,9,10,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	lis	%r\r, PATTERN(\r)@highest
	ori	%r\r, %r\r, PATTERN(\r)@higher
	sldi	%r\r, %r\r, 32
	oris	%r\r, %r\r, PATTERN(\r)@h
	ori	%r\r, %r\r, PATTERN(\r)@l
	.endr
	bctrl
3:	ld	%r2, 24(%r1)
	ld	%r5, 32(%r1)
	extsw	%r3, %r3
	std	%r3, 16(%r5)
	.irp i, 14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	ld	%r\i, 40 + 8 * (\i - 14)(%r1)
	.endr
	addi	%r1, %r1, 224
	.cfi_def_cfa_offset 0
	ld	%r0, 16(%r1)
	mtlr	%r0
	.cfi_restore lr
	blr
END(cprobe_getcontext)

/* void cprobe_trap(uint64_t out[3]): load a pattern into r0, r11 (no
 * call preserves them) and r14 (preserved), then trap (SIGTRAP, whose
 * handler resumes past the trap instruction); store what the three
 * hold afterwards into out[]. */
ENTRY(cprobe_trap)
	std	%r14, -8(%r1)
	std	%r3, -16(%r1)
	stdu	%r1, -48(%r1)
	.cfi_def_cfa_offset 48
	.cfi_offset r14, -8
	.irp r, 0,11,14
	lis	%r\r, PATTERN(\r)@highest
	ori	%r\r, %r\r, PATTERN(\r)@higher
	sldi	%r\r, %r\r, 32
	oris	%r\r, %r\r, PATTERN(\r)@h
	ori	%r\r, %r\r, PATTERN(\r)@l
	.endr
	trap
	ld	%r3, 32(%r1)
	std	%r0, 0(%r3)
	std	%r11, 8(%r3)
	std	%r14, 16(%r3)
	addi	%r1, %r1, 48
	.cfi_def_cfa_offset 0
	ld	%r14, -8(%r1)
	.cfi_restore r14
	blr
END(cprobe_trap)

	.bss
	.p2align 3
	.globl cprobe_sp, cprobe_fp, cprobe_below
	.hidden cprobe_sp, cprobe_fp, cprobe_below
cprobe_sp:	.quad 0
cprobe_fp:	.quad 0
cprobe_below:	.quad 0

	.section .note.GNU-stack,"",%progbits
