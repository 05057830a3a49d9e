/* Probes for the compat scenarios (see cprobe.h).  AAPCS64.  They call
 * the context functions only through pointers they are given, so the
 * same object serves a program on glibc's and one on ours. */
#include "asm.h"

#define PATTERN(r) (0x0101010101010101 * ((r) + 1) ^ 0x8000000000000000)

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

/* Frame: a frame record, x19-x28 at +16, x18 at +96, meta at +104. */
ENTRY(cprobe_getcontext)
	stp	x29, x30, [sp, #-112]!
	.cfi_def_cfa_offset 112
	.cfi_offset x29, -112
	.cfi_offset x30, -104
	mov	x29, sp
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	stp	x18, x2, [sp, #96]
	mov	x16, x0
	mov	x0, x1
	mov	x9, sp
	str	x9, [x2, #0]
	adr	x9, 1f
	str	x9, [x2, #8]
	.irp r, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,17,18,19,20,21,22,23,24,25,26,27,28,29
	ldr	x\r, =PATTERN(\r)
	.endr
	blr	x16
1:	ldr	x2, [sp, #104]
	sxtw	x0, w0
	str	x0, [x2, #16]
	ldr	x18, [sp, #96]
	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldp	x29, x30, [sp], #112
	.cfi_def_cfa_offset 0
	.cfi_restore x29
	.cfi_restore x30
	ret
	.ltorg
END(cprobe_getcontext)

	.bss
	.p2align 3
	.globl cprobe_sp, cprobe_fp, cprobe_below
	.hidden cprobe_sp, cprobe_fp, cprobe_below
cprobe_sp:	.quad 0
cprobe_fp:	.quad 0
cprobe_below:	.quad 0

	.section .note.GNU-stack,"",%progbits
