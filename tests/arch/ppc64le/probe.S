/* Register probes for the tests (see arch.h).  64-bit ELF V2 ABI 1.5,
 * 2.2: r14-r31, f14-f31, v20-v31, VRSAVE and CR fields 2-4 are
 * preserved across a call. */
#include "asm.h"

/* The frame every probe opens (560 bytes): the linkage area of the
 * functions it calls, then its own words, then what it must give back:
 *   +32 .. +72   the probe's words (out, in, uc, junk, returns so far)
 *   +80 cr       +88 vrsave     +96 r14-r31   +240 f14-f31
 *   +384 v20-v31 (16-byte aligned)            +576 the caller's sp */
.macro PUSH_CALLEE_SAVED
	mflr	%r0
	std	%r0, 16(%r1)
	stdu	%r1, -576(%r1)
	.cfi_def_cfa_offset 576
	.cfi_offset lr, 16
	mfcr	%r0
	std	%r0, 80(%r1)
	mfvrsave %r0
	std	%r0, 88(%r1)
	.irp i, 14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	std	%r\i, 96 + 8 * (\i - 14)(%r1)
	stfd	%f\i, 240 + 8 * (\i - 14)(%r1)
	.endr
	.irp i, 20,21,22,23,24,25,26,27,28,29,30,31
	li	%r0, 384 + 16 * (\i - 20)
	stvx	%v\i, %r1, %r0
	.endr
.endm

.macro POP_CALLEE_SAVED
	.irp i, 20,21,22,23,24,25,26,27,28,29,30,31
	li	%r0, 384 + 16 * (\i - 20)
	lvx	%v\i, %r1, %r0
	.endr
	.irp i, 14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	ld	%r\i, 96 + 8 * (\i - 14)(%r1)
	lfd	%f\i, 240 + 8 * (\i - 14)(%r1)
	.endr
	ld	%r0, 88(%r1)
	mtvrsave %r0
	ld	%r0, 80(%r1)
	mtcrf	0x38, %r0
	addi	%r1, %r1, 576
	.cfi_def_cfa_offset 0
	ld	%r0, 16(%r1)
	mtlr	%r0
	.cfi_restore lr
.endm

/* Load the 50 preserved registers from the array at \base (not r0 or
 * r14-r31): r14-r31 from words 0-17, f14-f31 from 18-35, doubleword 0
 * of v20-v31 from 36-47, cr fields 2-4 from word 48, vrsave from 49. */
.macro LOAD_CALLEE_SAVED base
	.irp i, 20,21,22,23,24,25,26,27,28,29,30,31
	ld	%r0, 288 + 8 * (\i - 20)(\base)
	mtvrd	%v\i, %r0
	.endr
	ld	%r0, 384(\base)
	mtcrf	0x38, %r0
	ld	%r0, 392(\base)
	mtvrsave %r0
	.irp i, 14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	lfd	%f\i, 144 + 8 * (\i - 14)(\base)
	ld	%r\i, 8 * (\i - 14)(\base)
	.endr
.endm

/* Store them into the array at \out, words 48 and 49 completed from the
 * bits of \in's that the registers do not hold (\out and \in not r0,
 * r11, r12 or r14-r31). */
.macro STORE_CALLEE_SAVED out, in
	.irp i, 14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	std	%r\i, 8 * (\i - 14)(\out)
	stfd	%f\i, 144 + 8 * (\i - 14)(\out)
	.endr
	.irp i, 20,21,22,23,24,25,26,27,28,29,30,31
	mfvrd	%r0, %v\i
	std	%r0, 288 + 8 * (\i - 20)(\out)
	.endr
	lis	%r12, 0x00ff
	ori	%r12, %r12, 0xf000	/* cr2-cr4 */
	mfcr	%r0
	and	%r0, %r0, %r12
	ld	%r11, 384(\in)
	andc	%r11, %r11, %r12
	or	%r0, %r0, %r11
	std	%r0, 384(\out)
	mfvrsave %r0
	ld	%r11, 392(\in)
	rldicr	%r11, %r11, 0, 31	/* the high word */
	or	%r0, %r0, %r11
	std	%r0, 392(\out)
.endm

/* Frame words: +32 out, +40 in. */
ENTRY(probe_swap)
	PUSH_CALLEE_SAVED
	std	%r6, 32(%r1)
	std	%r5, 40(%r1)
	LOAD_CALLEE_SAVED %r5
	bl	ucc_swapcontext
	nop
	ld	%r9, 32(%r1)
	ld	%r10, 40(%r1)
	STORE_CALLEE_SAVED %r9, %r10
	POP_CALLEE_SAVED
	blr
END(probe_swap)

/* The same through ucc_slice_swap(from, to). */
ENTRY(probe_slice_swap)
	PUSH_CALLEE_SAVED
	std	%r6, 32(%r1)
	std	%r5, 40(%r1)
	LOAD_CALLEE_SAVED %r5
	bl	ucc_slice_swap
	nop
	ld	%r9, 32(%r1)
	ld	%r10, 40(%r1)
	STORE_CALLEE_SAVED %r9, %r10
	POP_CALLEE_SAVED
	blr
END(probe_slice_swap)

/* Frame words: +32 out, +40 in, +48 uc, +56 junk, +64 returns so far. */
ENTRY(probe_getset)
	PUSH_CALLEE_SAVED
	std	%r5, 32(%r1)
	std	%r4, 40(%r1)
	std	%r3, 48(%r1)
	std	%r6, 56(%r1)
	li	%r0, 0
	std	%r0, 64(%r1)
	LOAD_CALLEE_SAVED %r4
	bl	ucc_getcontext
	nop
	ld	%r9, 64(%r1)
	addi	%r9, %r9, 1
	std	%r9, 64(%r1)
	cmpdi	%r9, 1
	bne	1f
	ld	%r9, 56(%r1)		/* first return: scramble, then resume */
	LOAD_CALLEE_SAVED %r9
	ld	%r3, 48(%r1)
	bl	ucc_setcontext
	nop
	li	%r3, -1			/* setcontext failed */
	b	2f
1:	ld	%r9, 32(%r1)
	ld	%r10, 40(%r1)
	STORE_CALLEE_SAVED %r9, %r10
	li	%r3, 0
2:	POP_CALLEE_SAVED
	blr
END(probe_getset)

/* Load vals[0..24] into r4-r10 and r14-r31, then ucc_getcontext(uc);
 * returns its result.  r4-r10 reach it: a call through the PLT changes
 * only r11, r12 and ctr on the way. */
ENTRY(probe_getcontext_all)
	PUSH_CALLEE_SAVED
	.irp i, 14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	ld	%r\i, 56 + 8 * (\i - 14)(%r4)
	.endr
	mr	%r11, %r4
	.irp i, 4,5,6,7,8,9,10
	ld	%r\i, 8 * (\i - 4)(%r11)
	.endr
	bl	ucc_getcontext
	nop
	POP_CALLEE_SAVED
	blr
END(probe_getcontext_all)

ENTRY(probe_entry)
	addis	%r9, %r2, probe_entry_sp@toc@ha
	std	%r1, probe_entry_sp@toc@l(%r9)
	addis	%r9, %r2, probe_entry_fp@toc@ha
	std	%r31, probe_entry_fp@toc@l(%r9)
	blr
END(probe_entry)

	.bss
	.p2align 3
	.globl probe_entry_sp, probe_entry_fp
	.hidden probe_entry_sp, probe_entry_fp
probe_entry_sp:	.quad 0
probe_entry_fp:	.quad 0

	.section .note.GNU-stack,"",%progbits
