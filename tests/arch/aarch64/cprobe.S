/* Probes for the compat scenarios (see cprobe.h).  AAPCS64.  They call
 * the context functions only through pointers they are given, so the
 * same object serves a program on glibc's and one on ours. */
#include "asm.h"

#define PATTERN(r) (0x0101010101010101 * ((r) + 1) ^ 0x8000000000000000)
#define VPATTERN_LO(v) (0x0101010101010101 * ((v) + 1) ^ 0x4000000000000000)
#define VPATTERN_HI(v) (0x0101010101010101 * ((v) + 1) ^ 0x2000000000000000)

ENTRY(cprobe_entry)
	mov	x9, sp
	adrp	x10, cprobe_sp
	str	x9, [x10, #:lo12:cprobe_sp]
	adrp	x10, cprobe_fp
	str	x29, [x10, #:lo12:cprobe_fp]
	ldur	x9, [x9, #-8]
	adrp	x10, cprobe_below
	str	x9, [x10, #:lo12:cprobe_below]
	ret
END(cprobe_entry)

/* The frame the probes open: a frame record, x19-x28 at +16, x18 and
 * the probe's first word (meta) at +96, d8-d15 at +112, then the
 * probe's own words from +176. */
.macro PROBE_ENTER size, word
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
	stp	x18, \word, [sp, #96]
	stp	d8, d9, [sp, #112]
	stp	d10, d11, [sp, #128]
	stp	d12, d13, [sp, #144]
	stp	d14, d15, [sp, #160]
.endm

.macro PROBE_LEAVE size
	ldr	x18, [sp, #96]
	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldp	d8, d9, [sp, #112]
	ldp	d10, d11, [sp, #128]
	ldp	d12, d13, [sp, #144]
	ldp	d14, d15, [sp, #160]
	ldp	x29, x30, [sp], #\size
	.cfi_def_cfa_offset 0
	.cfi_restore x29
	.cfi_restore x30
	ret
.endm

/* q8-q15: the halves of VPATTERN (cprobe.h).  Clobbers x9, x10. */
.macro LOAD_VPATTERN v
	ldr	x9, =VPATTERN_LO(\v)
	ldr	x10, =VPATTERN_HI(\v)
	fmov	d\v, x9
	mov	v\v\().d[1], x10
.endm

.macro LOAD_VPATTERNS
	LOAD_VPATTERN 8
	LOAD_VPATTERN 9
	LOAD_VPATTERN 10
	LOAD_VPATTERN 11
	LOAD_VPATTERN 12
	LOAD_VPATTERN 13
	LOAD_VPATTERN 14
	LOAD_VPATTERN 15
.endm

/* meta[0] = sp, meta[1] = the return address 1f (the caller's label). */
.macro SET_META meta
	mov	x9, sp
	str	x9, [\meta, #0]
	adr	x9, 1f
	str	x9, [\meta, #8]
.endm

ENTRY(cprobe_getcontext)
	PROBE_ENTER 176, x2
	mov	x16, x0
	mov	x0, x1
	SET_META x2
	LOAD_VPATTERNS
	.irp r, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,17,18,19,20,21,22,23,24,25,26,27,28,29
	ldr	x\r, =PATTERN(\r)
	.endr
	blr	x16
1:	ldr	x2, [sp, #104]
	sxtw	x0, w0
	str	x0, [x2, #16]
	PROBE_LEAVE 176
	.ltorg
END(cprobe_getcontext)

/* fn(oucp, ucp): x1 carries ucp, so it holds no pattern. */
ENTRY(cprobe_swapcontext)
	PROBE_ENTER 176, x3
	mov	x16, x0
	mov	x0, x1
	mov	x1, x2
	SET_META x3
	LOAD_VPATTERNS
	.irp r, 2,3,4,5,6,7,8,9,10,11,12,13,14,15,17,18,19,20,21,22,23,24,25,26,27,28,29
	ldr	x\r, =PATTERN(\r)
	.endr
	blr	x16
1:	ldr	x2, [sp, #104]
	sxtw	x0, w0
	str	x0, [x2, #16]
	PROBE_LEAVE 176
	.ltorg
END(cprobe_swapcontext)

/* int cprobe_getset(get, set, ucp, after).  Frame (F): PROBE_ENTER's,
 * then get +176, set +184, ucp +192, after +200.  Each time get returns,
 * first or resumed, x0-x30 and q8-q15 are stored at once, below F,
 * before anything changes one (struct cprobe_regs), and after(ucp,
 * regs) is called; when it returns nonzero, set(ucp). */
ENTRY(cprobe_getset)
	PROBE_ENTER 208, xzr
	stp	x0, x1, [sp, #176]
	stp	x2, x3, [sp, #192]
	mov	x16, x0
	mov	x0, x2
	LOAD_VPATTERNS
	.irp r, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,17,18,19,20,21,22,23,24,25,26,27,28,29
	ldr	x\r, =PATTERN(\r)
	.endr
	blr	x16
	sub	sp, sp, #384
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	str	x30, [sp, #240]
	stp	q8, q9, [sp, #256]
	stp	q10, q11, [sp, #288]
	stp	q12, q13, [sp, #320]
	stp	q14, q15, [sp, #352]
	add	x29, sp, #384		/* F */
	ldr	x0, [x29, #192]
	mov	x1, sp
	ldr	x16, [x29, #200]
	blr	x16			/* after(ucp, regs) */
	add	sp, sp, #384
	cbz	w0, 3f
	ldr	x0, [x29, #192]
	ldr	x16, [x29, #184]
	blr	x16			/* set(ucp): back to the stores */
	mov	w0, #-1
	b	4f
3:	mov	w0, #0
4:	PROBE_LEAVE 208
	.ltorg
END(cprobe_getset)

	.bss
	.p2align 3
	.globl cprobe_sp, cprobe_fp, cprobe_below
	.hidden cprobe_sp, cprobe_fp, cprobe_below
cprobe_sp:	.quad 0
cprobe_fp:	.quad 0
cprobe_below:	.quad 0

	.section .note.GNU-stack,"",%progbits
