/* Probes for the compat scenarios (see cprobe.h).  ELF Application
 * Binary Interface s390x Supplement.  They call the context functions
 * only through pointers they are given, so the same object serves a
 * program on glibc's and one on ours. */
#include "asm.h"

ENTRY(cprobe_entry)
	larl	%r1, cprobe_sp
	stg	%r15, 0(%r1)
	larl	%r1, cprobe_fp
	stg	%r11, 0(%r1)
	lg	%r0, -8(%r15)
	larl	%r1, cprobe_below
	stg	%r0, 0(%r1)
	br	%r14
END(cprobe_entry)

/* Frame: r6-r15 in the caller's save area; ours, 168 bytes: a save area
 * for fn, meta at +160. */
ENTRY(cprobe_getcontext)
	stmg	%r6, %r15, 48(%r15)
	.cfi_offset %r14, -48
	.cfi_offset %r15, -40
	aghi	%r15, -168
	.cfi_adjust_cfa_offset 168
	stg	%r4, 160(%r15)
	lgr	%r1, %r2
	lgr	%r2, %r3
	stg	%r15, 0(%r4)
	larl	%r5, 1f
	stg	%r5, 8(%r4)
	/* rN = 0x0101010101010101 * (N + 1) ^ 0x8000000000000000 */
	.irp r, 0,3,4,5,6,7,8,9,10,11,12,13
	llihf	%r\r, (0x01010101 * (\r + 1)) ^ 0x80000000
	iilf	%r\r, 0x01010101 * (\r + 1)
	.endr
	basr	%r14, %r1
1:	lg	%r4, 160(%r15)
	lgfr	%r2, %r2
	stg	%r2, 16(%r4)
	lmg	%r6, %r15, 168 + 48(%r15)
	.cfi_adjust_cfa_offset -168
	.cfi_restore %r14
	.cfi_restore %r15
	br	%r14
END(cprobe_getcontext)

	.bss
	.p2align 3
	.globl cprobe_sp, cprobe_fp, cprobe_below
	.hidden cprobe_sp, cprobe_fp, cprobe_below
cprobe_sp:	.quad 0
cprobe_fp:	.quad 0
cprobe_below:	.quad 0

	.section .note.GNU-stack,"",%progbits
