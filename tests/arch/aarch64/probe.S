/* Register probes for the tests (see arch.h).  AAPCS64, section 6.1.1
 * and 6.1.2: x19-x29 and d8-d15 are callee-saved. */
#include "asm.h"

/* The frame every probe opens: a frame record, then the callee-saved
 * registers, then room for the probe's own words from +160. */
.macro PUSH_CALLEE_SAVED size
	stp	x29, x30, [sp, #-\size]!
	.cfi_def_cfa_offset \size
	.cfi_offset x29, -\size
	.cfi_offset x30, -\size + 8
	mov	x29, sp
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	stp	d8, d9, [sp, #96]
	stp	d10, d11, [sp, #112]
	stp	d12, d13, [sp, #128]
	stp	d14, d15, [sp, #144]
.endm

.macro POP_CALLEE_SAVED size
	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldp	d8, d9, [sp, #96]
	ldp	d10, d11, [sp, #112]
	ldp	d12, d13, [sp, #128]
	ldp	d14, d15, [sp, #144]
	ldp	x29, x30, [sp], #\size
	.cfi_def_cfa_offset 0
	.cfi_restore x29
	.cfi_restore x30
.endm

/* Load x19-x29, d8-d15 from the array at \base (19 words). */
.macro LOAD_CALLEE_SAVED base
	ldp	x19, x20, [\base, #0]
	ldp	x21, x22, [\base, #16]
	ldp	x23, x24, [\base, #32]
	ldp	x25, x26, [\base, #48]
	ldp	x27, x28, [\base, #64]
	ldr	x29, [\base, #80]
	ldr	d8, [\base, #88]
	ldp	d9, d10, [\base, #96]
	ldp	d11, d12, [\base, #112]
	ldp	d13, d14, [\base, #128]
	ldr	d15, [\base, #144]
.endm

/* Store them into the array at \base. */
.macro STORE_CALLEE_SAVED base
	stp	x19, x20, [\base, #0]
	stp	x21, x22, [\base, #16]
	stp	x23, x24, [\base, #32]
	stp	x25, x26, [\base, #48]
	stp	x27, x28, [\base, #64]
	str	x29, [\base, #80]
	str	d8, [\base, #88]
	stp	d9, d10, [\base, #96]
	stp	d11, d12, [\base, #112]
	stp	d13, d14, [\base, #128]
	str	d15, [\base, #144]
.endm

/* Frame: +160 out. */
ENTRY(probe_swap)
	PUSH_CALLEE_SAVED 176
	str	x3, [sp, #160]
	LOAD_CALLEE_SAVED x2
	bl	ucc_swapcontext
	ldr	x3, [sp, #160]
	STORE_CALLEE_SAVED x3
	POP_CALLEE_SAVED 176
	ret
END(probe_swap)

/* The same through ucc_slice_swap(from, to). */
ENTRY(probe_slice_swap)
	PUSH_CALLEE_SAVED 176
	str	x3, [sp, #160]
	LOAD_CALLEE_SAVED x2
	bl	ucc_slice_swap
	ldr	x3, [sp, #160]
	STORE_CALLEE_SAVED x3
	POP_CALLEE_SAVED 176
	ret
END(probe_slice_swap)

/* Frame: +160 uc, +168 junk, +176 out, +184 returns so far. */
ENTRY(probe_getset)
	PUSH_CALLEE_SAVED 192
	stp	x0, x3, [sp, #160]
	stp	x2, xzr, [sp, #176]
	LOAD_CALLEE_SAVED x1
	bl	ucc_getcontext
	ldr	x9, [sp, #184]
	add	x9, x9, #1
	str	x9, [sp, #184]
	cmp	x9, #1
	b.ne	1f
	ldr	x9, [sp, #168]		/* first return: scramble, then resume */
	LOAD_CALLEE_SAVED x9
	ldr	x0, [sp, #160]
	bl	ucc_setcontext
	mov	w0, #-1			/* setcontext failed */
	b	2f
1:	ldr	x9, [sp, #176]
	STORE_CALLEE_SAVED x9
	mov	w0, #0
2:	POP_CALLEE_SAVED 192
	ret
END(probe_getset)

/* Load vals[0..10] into x18-x28, then ucc_getcontext(uc); returns its
 * result.  x18 is the platform register: kept too.  Frame: +160 x18. */
ENTRY(probe_getcontext_all)
	PUSH_CALLEE_SAVED 176
	str	x18, [sp, #160]
	ldp	x18, x19, [x1, #0]
	ldp	x20, x21, [x1, #16]
	ldp	x22, x23, [x1, #32]
	ldp	x24, x25, [x1, #48]
	ldp	x26, x27, [x1, #64]
	ldr	x28, [x1, #80]
	bl	ucc_getcontext
	ldr	x18, [sp, #160]
	POP_CALLEE_SAVED 176
	ret
END(probe_getcontext_all)

ENTRY(probe_entry)
	mov	x9, sp
	adrp	x10, probe_entry_sp
	str	x9, [x10, #:lo12:probe_entry_sp]
	adrp	x10, probe_entry_fp
	str	x29, [x10, #:lo12:probe_entry_fp]
	ret
END(probe_entry)

	.bss
	.p2align 3
	.globl probe_entry_sp, probe_entry_fp
	.hidden probe_entry_sp, probe_entry_fp
probe_entry_sp:	.quad 0
probe_entry_fp:	.quad 0

	.section .note.GNU-stack,"",%progbits
