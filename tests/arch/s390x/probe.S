/* Register probes for the tests (see arch.h).  ELF Application Binary
 * Interface s390x Supplement: r6-r15 and f8-f15 are preserved by a call,
 * which leaves its callee a 160-byte register save area at r15. */
#include "asm.h"

/* The frame every probe opens: r6-r15 in the caller's save area, then
 * 256 bytes of our own: a save area for our calls, f8-f15 at +160, the
 * probe's own words at +224. */
.macro PUSH_CALLEE_SAVED
	stmg	%r6, %r15, 48(%r15)
	.cfi_offset %r14, -48
	.cfi_offset %r15, -40
	aghi	%r15, -256
	.cfi_adjust_cfa_offset 256
	.irp i, 8,9,10,11,12,13,14,15
	std	%f\i, 160 + 8 * (\i - 8)(%r15)
	.endr
.endm

.macro POP_CALLEE_SAVED
	.irp i, 8,9,10,11,12,13,14,15
	ld	%f\i, 160 + 8 * (\i - 8)(%r15)
	.endr
	lmg	%r6, %r15, 256 + 48(%r15)
	.cfi_adjust_cfa_offset -256
	.cfi_restore %r14
	.cfi_restore %r15
.endm

/* Load r6-r13, f8-f15 from the array at \base (16 words). */
.macro LOAD_CALLEE_SAVED base
	lmg	%r6, %r13, 0(\base)
	.irp i, 8,9,10,11,12,13,14,15
	ld	%f\i, 64 + 8 * (\i - 8)(\base)
	.endr
.endm

/* Store them into the array at \base. */
.macro STORE_CALLEE_SAVED base
	stmg	%r6, %r13, 0(\base)
	.irp i, 8,9,10,11,12,13,14,15
	std	%f\i, 64 + 8 * (\i - 8)(\base)
	.endr
.endm

/* Frame: +224 out. */
ENTRY(probe_swap)
	PUSH_CALLEE_SAVED
	stg	%r5, 224(%r15)
	LOAD_CALLEE_SAVED %r4
	brasl	%r14, ucc_swapcontext@PLT
	lg	%r1, 224(%r15)
	STORE_CALLEE_SAVED %r1
	POP_CALLEE_SAVED
	br	%r14
END(probe_swap)

/* The same through ucc_slice_swap(from, to). */
ENTRY(probe_slice_swap)
	PUSH_CALLEE_SAVED
	stg	%r5, 224(%r15)
	LOAD_CALLEE_SAVED %r4
	brasl	%r14, ucc_slice_swap@PLT
	lg	%r1, 224(%r15)
	STORE_CALLEE_SAVED %r1
	POP_CALLEE_SAVED
	br	%r14
END(probe_slice_swap)

/* Frame: +224 uc, +232 junk, +240 out, +248 returns so far. */
ENTRY(probe_getset)
	PUSH_CALLEE_SAVED
	stg	%r2, 224(%r15)
	stg	%r5, 232(%r15)
	stg	%r4, 240(%r15)
	lghi	%r0, 0
	stg	%r0, 248(%r15)
	LOAD_CALLEE_SAVED %r3
	brasl	%r14, ucc_getcontext@PLT
	lg	%r1, 248(%r15)
	aghi	%r1, 1
	stg	%r1, 248(%r15)
	cghi	%r1, 1
	jne	1f
	lg	%r1, 232(%r15)		/* first return: scramble, then resume */
	LOAD_CALLEE_SAVED %r1
	lg	%r2, 224(%r15)
	brasl	%r14, ucc_setcontext@PLT
	lghi	%r2, -1			/* setcontext failed */
	j	2f
1:	lg	%r1, 240(%r15)
	STORE_CALLEE_SAVED %r1
	lghi	%r2, 0
2:	POP_CALLEE_SAVED
	br	%r14
END(probe_getset)

/* Load vals[0..7] into r6-r13, then ucc_getcontext(uc); returns its
 * result. */
ENTRY(probe_getcontext_all)
	PUSH_CALLEE_SAVED
	lmg	%r6, %r13, 0(%r3)
	brasl	%r14, ucc_getcontext@PLT
	POP_CALLEE_SAVED
	br	%r14
END(probe_getcontext_all)

ENTRY(probe_entry)
	larl	%r1, probe_entry_sp
	stg	%r15, 0(%r1)
	larl	%r1, probe_entry_fp
	stg	%r11, 0(%r1)
	br	%r14
END(probe_entry)

	.bss
	.p2align 3
	.globl probe_entry_sp, probe_entry_fp
	.hidden probe_entry_sp, probe_entry_fp
probe_entry_sp:	.quad 0
probe_entry_fp:	.quad 0

	.section .note.GNU-stack,"",%progbits
