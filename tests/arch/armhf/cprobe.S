/* Probes for the compat scenarios (see cprobe.h).  AAPCS, ARM state.
 * They call the context functions only through pointers they are given,
 * so the same object serves a program on glibc's and one on ours. */
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

#define PATTERN(r) (0x01010101 * ((r) + 1) ^ 0x80000000)

ENTRY(cprobe_entry)
	ADR_PCREL r1, cprobe_sp
	str	sp, [r1]
	str	fp, [r1, #4]
	ldr	r2, [sp, #-4]
	str	r2, [r1, #8]
	bx	lr
END(cprobe_entry)

/* Frame: r2 (meta), r4-r11, lr. */
ENTRY(cprobe_getcontext)
	push	{r2, r4-r11, lr}
	.cfi_def_cfa_offset 40
	.cfi_offset lr, -4
	mov	ip, r0
	mov	r0, r1
	str	sp, [r2, #0]
	adr	r3, 2f
	str	r3, [r2, #4]
	.irp r, 1,2,3,4,5,6,7,8,9,10,11
	ldr	r\r, =PATTERN(\r)
	.endr
	blx	ip
2:	ldr	r2, [sp, #0]
	str	r0, [r2, #8]
	pop	{r2, r4-r11, lr}
	.cfi_def_cfa_offset 0
	.cfi_restore lr
	bx	lr
	.ltorg
END(cprobe_getcontext)

	.bss
	.p2align 2
	.globl cprobe_sp, cprobe_fp, cprobe_below
	.hidden cprobe_sp, cprobe_fp, cprobe_below
cprobe_sp:	.word 0
cprobe_fp:	.word 0
cprobe_below:	.word 0

	.section .note.GNU-stack,"",%progbits
