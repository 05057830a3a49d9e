/* Register probes for the tests (see arch.h).  AAPCS, sections 5.1.1 and
 * 5.1.2.1: r4-r11 and d8-d15 are callee-saved.  ARM state: the C that
 * calls them, and that they call, is Thumb on Debian's armhf, so every
 * call here crosses states both ways. */
#include "asm.h"

/* reg = &sym (hidden, in another section): a pc-relative word in .text's
 * subsection 1, after the code. */
.macro ADR_PCREL reg, sym
	ldr	\reg, .Lpw\@
.Lpc\@:	add	\reg, pc, \reg
	.subsection 1
	.p2align 2
.Lpw\@:	.word	\sym - (.Lpc\@ + 8)
	.subsection 0
.endm

#ifndef __ARM_PCS_VFP
	.fpu vfp
#endif

/* The frame every probe opens: r3 (a place for a word of the probe's
 * own), r4-r11, lr, then d8-d15 below them, 104 bytes. */
.macro PUSH_CALLEE_SAVED
	push	{r3-r11, lr}
	.cfi_def_cfa_offset 40
	.cfi_offset lr, -4
	vpush	{d8-d15}
	.cfi_def_cfa_offset 104
.endm

.macro POP_CALLEE_SAVED
	vpop	{d8-d15}
	pop	{r3-r11, lr}
	.cfi_def_cfa_offset 0
	.cfi_restore lr
.endm

/* Load r4-r11, d8-d15 from the 24 words at \base (clobbered). */
.macro LOAD_CALLEE_SAVED base
	ldm	\base!, {r4-r11}
	vldmia	\base, {d8-d15}
.endm

/* Store them into the 24 words at \base (clobbered). */
.macro STORE_CALLEE_SAVED base
	stm	\base!, {r4-r11}
	vstmia	\base, {d8-d15}
.endm

/* The saved r3, out[], at +64. */
ENTRY(probe_swap)
	PUSH_CALLEE_SAVED
	LOAD_CALLEE_SAVED r2
	bl	ucc_swapcontext
	ldr	r3, [sp, #64]
	STORE_CALLEE_SAVED r3
	POP_CALLEE_SAVED
	bx	lr
END(probe_swap)

/* The same through ucc_slice_swap(from, to). */
ENTRY(probe_slice_swap)
	PUSH_CALLEE_SAVED
	LOAD_CALLEE_SAVED r2
	bl	ucc_slice_swap
	ldr	r3, [sp, #64]
	STORE_CALLEE_SAVED r3
	POP_CALLEE_SAVED
	bx	lr
END(probe_slice_swap)

/* Frame: +0 uc, +4 out, +8 junk, +12 returns so far, then the saved
 * registers from +16. */
ENTRY(probe_getset)
	PUSH_CALLEE_SAVED
	sub	sp, sp, #16
	.cfi_adjust_cfa_offset 16
	str	r0, [sp, #0]
	str	r2, [sp, #4]
	str	r3, [sp, #8]
	mov	ip, #0
	str	ip, [sp, #12]
	LOAD_CALLEE_SAVED r1
	bl	ucc_getcontext
	ldr	ip, [sp, #12]
	add	ip, ip, #1
	str	ip, [sp, #12]
	cmp	ip, #1
	bne	1f
	ldr	ip, [sp, #8]		/* first return: scramble, then resume */
	LOAD_CALLEE_SAVED ip
	ldr	r0, [sp, #0]
	bl	ucc_setcontext
	mvn	r0, #0			/* setcontext failed */
	b	2f
1:	ldr	ip, [sp, #4]
	STORE_CALLEE_SAVED ip
	mov	r0, #0
2:	add	sp, sp, #16
	.cfi_adjust_cfa_offset -16
	POP_CALLEE_SAVED
	bx	lr
END(probe_getset)

/* Load vals[0..7] into r4-r11, then ucc_getcontext(uc); returns its
 * result. */
ENTRY(probe_getcontext_all)
	PUSH_CALLEE_SAVED
	ldm	r1, {r4-r11}
	bl	ucc_getcontext
	POP_CALLEE_SAVED
	bx	lr
END(probe_getcontext_all)

ENTRY(probe_entry)
	ADR_PCREL r1, probe_entry_sp
	str	sp, [r1]
	str	fp, [r1, #4]
	bx	lr
END(probe_entry)

	.bss
	.p2align 2
	.globl probe_entry_sp, probe_entry_fp
	.hidden probe_entry_sp, probe_entry_fp
probe_entry_sp:	.word 0
probe_entry_fp:	.word 0

	.section .note.GNU-stack,"",%progbits
