/* Macros the aarch64 assembly shares.  AAPCS64, sections 6.1.1 and
 * 6.1.2 (x19-x29, sp and d8-d15 are callee-saved; FPCR's mode bits are
 * preserved across calls), and glibc's context format on aarch64.
 *
 * SAVE_CONTEXT: what glibc's getcontext saves, where it saves it, into
 * the ucontext_t at x0, for a caller whose return address is in x30:
 * x0 = 0 (the resumed call returns 0), x18-x30, sp, pc = x30, then in
 * __reserved the FPSIMD record (magic and size, fpsr and fpcr, q8-q15 in
 * the v8-v15 slots) and the empty record that ends the list, with the 4
 * bytes after it zeroed as glibc's stores leave them.  Keeps x0
 * and x1; clobbers x9-x12. */
#ifndef UCC_AARCH64_SAVE_H
#define UCC_AARCH64_SAVE_H

.macro SAVE_CONTEXT
	mrs	x9, fpsr
	mrs	x10, fpcr
	str	xzr, [x0, #UC_X0]
	stp	x18, x19, [x0, #UC_X18]
	stp	x20, x21, [x0, #UC_X20]
	stp	x22, x23, [x0, #UC_X22]
	stp	x24, x25, [x0, #UC_X24]
	stp	x26, x27, [x0, #UC_X26]
	stp	x28, x29, [x0, #UC_X28]
	mov	x11, sp
	stp	x30, x11, [x0, #UC_X30]		/* x30, then sp: adjacent */
	str	x30, [x0, #UC_PC]
	/* The record's header and fpsr/fpcr as two doublewords (the port is
	 * little-endian only): magic | size << 32, fpsr | fpcr << 32. */
	mov	x12, #(K_FPSIMD_MAGIC & 0xffff)
	movk	x12, #(K_FPSIMD_MAGIC >> 16), lsl #16
	movk	x12, #K_FPSIMD_SIZE, lsl #32
	orr	x9, x9, x10, lsl #32
	stp	x12, x9, [x0, #UC_EXT]
	stp	q8, q9, [x0, #UC_EXT + FPSIMD_V8]
	stp	q10, q11, [x0, #UC_EXT + FPSIMD_V8 + 32]
	stp	q12, q13, [x0, #UC_EXT + FPSIMD_V8 + 64]
	stp	q14, q15, [x0, #UC_EXT + FPSIMD_V8 + 96]
	/* the end record, magic and size 0; and, as glibc's two 8-byte
	 * stores of them leave it, the 4 bytes after it 0 too */
	str	xzr, [x0, #UC_EXT + K_FPSIMD_SIZE]
	str	wzr, [x0, #UC_EXT + K_FPSIMD_SIZE + 8]
.endm

/* RESTORE_CONTEXT: resume the ucontext_t at x9; does not return.  As
 * glibc: the FPSIMD state only if the first record of __reserved is one
 * (a signal handler's context, from the kernel, has it first too);
 * then x18-x30, sp, and the argument registers x0-x7 makecontext fills
 * (0 in x0 for a saved context, the value the resumed call returns).
 * Clobbers x10-x12, x16 and x17 besides.
 * It resumes by ret, not br: the pc is a return address (or a function
 * entered as if called), which a BTI-guarded page accepts only from ret;
 * and ret keeps the return predictor in step. */
.macro RESTORE_CONTEXT
	.cfi_remember_state
	ldp	x10, x11, [x9, #UC_EXT]	/* magic, size; fpsr, fpcr */
	mov	w12, #(K_FPSIMD_MAGIC & 0xffff)
	movk	w12, #(K_FPSIMD_MAGIC >> 16), lsl #16
	cmp	w10, w12
	b.ne	2f
	msr	fpsr, x11		/* the low word; the rest is RES0 */
	lsr	x11, x11, #32
	msr	fpcr, x11
	ldp	q8, q9, [x9, #UC_EXT + FPSIMD_V8]
	ldp	q10, q11, [x9, #UC_EXT + FPSIMD_V8 + 32]
	ldp	q12, q13, [x9, #UC_EXT + FPSIMD_V8 + 64]
	ldp	q14, q15, [x9, #UC_EXT + FPSIMD_V8 + 96]
	/* sp moves last: a context inside a signal handler may resume from
	 * the kernel's ucontext_t, which lies below the sp it restores,
	 * where a signal arriving after the move would write its frame. */
2:	ldp	x30, x17, [x9, #UC_X30]		/* x30 and sp */
	ldr	x16, [x9, #UC_PC]
	.cfi_def_cfa x17, 0
	.cfi_register x30, x16
	ldp	x18, x19, [x9, #UC_X18]
	ldp	x20, x21, [x9, #UC_X20]
	ldp	x22, x23, [x9, #UC_X22]
	ldp	x24, x25, [x9, #UC_X24]
	ldp	x26, x27, [x9, #UC_X26]
	ldp	x28, x29, [x9, #UC_X28]
	ldp	x2, x3, [x9, #UC_X2]
	ldp	x4, x5, [x9, #UC_X4]
	ldp	x6, x7, [x9, #UC_X6]
	ldp	x0, x1, [x9, #UC_X0]
	mov	sp, x17
	.cfi_def_cfa sp, 0
	RESUME(x16)
	.cfi_restore_state
.endm

/* SIG_TEST(label): branch to label while a signal handler the library
 * follows is running or suspended somewhere (lib/signal.c).  The counter
 * is hidden, so a PC-relative load reaches it in a shared library too.
 * Clobbers x9. */
#define SIG_TEST(label)					\
	adrp	x9, __ucc_sig_active;			\
	ldr	w9, [x9, #:lo12:__ucc_sig_active];	\
	cbnz	w9, label

/* CALL_KEEPING_ARGS fn, setup: call fn after the instructions `setup`
 * (which may read x0 and x1 and set fn's arguments), keeping x0, x1 and
 * the link register as they were, under a frame record. */
.macro CALL_KEEPING_ARGS fn, setup
	stp	x29, x30, [sp, #-32]!
	.cfi_adjust_cfa_offset 32
	.cfi_rel_offset x29, 0
	.cfi_rel_offset x30, 8
	mov	x29, sp
	stp	x0, x1, [sp, #16]
	\setup
	CALL_C(\fn)
	ldp	x0, x1, [sp, #16]
	ldp	x29, x30, [sp], #32
	.cfi_adjust_cfa_offset -32
	.cfi_restore x29
	.cfi_restore x30
.endm

#endif
