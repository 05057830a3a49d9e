/* Macros the 32-bit Arm assembly shares.  AAPCS, sections 5.1.1 (r4-r11
 * and sp callee-saved) and 5.1.2.1 (d8-d15 callee-saved; FPSCR's modes
 * preserved, its flags with the context, as in glibc's), and glibc's
 * context format on arm.  ip (r12) is the one scratch register besides
 * the argument registers. */
#ifndef UCC_ARM_SAVE_H
#define UCC_ARM_SAVE_H
#include "asm.h"

/* ADR_PCREL reg, sym: reg = &sym, for a symbol of this library (hidden:
 * no GOT), by an offset from the pc kept in a literal word, which goes
 * in .text's subsection 1, after the code.  (ldr =sym - . would take
 * no symbol of another section.) */
.macro ADR_PCREL reg, sym
	ldr	\reg, .Lpw\@
.Lpc\@:	add	\reg, pc, \reg
	.subsection 1
	.p2align 2
.Lpw\@:	.word	\sym - (.Lpc\@ + 8)
	.subsection 0
.endm

/* VFP_SKIP label, reg: branch to label when this process has no VFP
 * state to keep: never on armhf; on armel when AT_HWCAP lacks VFP, as
 * glibc's armel build tests it.  Clobbers reg and the flags (armel). */
.macro VFP_SKIP label, reg
#if !UCC_ARM_VFP_ALWAYS
	ADR_PCREL \reg, __ucc_hwcap
	ldr	\reg, [\reg]
	tst	\reg, #K_HWCAP_VFP
	beq	\label
#endif
.endm

/* SAVE_CONTEXT: what glibc's getcontext saves, where it saves it, into
 * the ucontext_t at r0, for a caller whose return address is in lr:
 * r0 = 0 (the resumed call returns 0), r4-r11, sp, lr, pc = lr (bit 0
 * set for a Thumb caller, so the context resumes in Thumb state), then
 * d8-d15 and FPSCR in uc_regspace.  Keeps r0 and r1; clobbers r2, r3,
 * ip. */
.macro SAVE_CONTEXT
	mov	r2, #0
	str	r2, [r0, #UC_R0]
	strd	r4, r5, [r0, #UC_R4]
	strd	r6, r7, [r0, #UC_R6]
	strd	r8, r9, [r0, #UC_R8]
	strd	r10, r11, [r0, #UC_R10]
	str	sp, [r0, #UC_SP]
	str	lr, [r0, #UC_LR]
	str	lr, [r0, #UC_PC]
	VFP_SKIP .Lsaved\@, ip
	add	r2, r0, #UC_VFP
	vstmia	r2, {d8-d15}
	vmrs	r3, fpscr
	str	r3, [r0, #UC_FPSCR]
.Lsaved\@:
.endm

/* RESTORE_CONTEXT: resume the ucontext_t at ip; does not return.  As
 * glibc: d8-d15 and FPSCR, r4-r11, the argument registers r0-r3
 * makecontext fills (0 in r0 for a saved context), then sp, lr and pc
 * by one ldm, which interworks: bit 0 of the pc chooses Thumb or ARM
 * state.  sp moves in the same instruction as the pc, so a signal's
 * frame never lands on a context the kernel left below that sp. */
.macro RESTORE_CONTEXT
	VFP_SKIP .Lvfp\@, r0
	add	r0, ip, #UC_VFP
	vldmia	r0, {d8-d15}
	ldr	r1, [ip, #UC_FPSCR]
	vmsr	fpscr, r1
.Lvfp\@:
	ldrd	r4, r5, [ip, #UC_R4]
	ldrd	r6, r7, [ip, #UC_R6]
	ldrd	r8, r9, [ip, #UC_R8]
	ldrd	r10, r11, [ip, #UC_R10]
	ldrd	r2, r3, [ip, #UC_R2]
	ldrd	r0, r1, [ip, #UC_R0]
	add	ip, ip, #UC_SP
	ldm	ip, {sp, lr, pc}
.endm

/* SIG_ACTIVE(label): branch to label while a signal handler the library
 * follows is running or suspended somewhere (lib/asm.h's SIG_TEST).  The
 * counter is hidden: a PC-relative load reaches it in a shared library
 * too.  Clobbers ip and the flags. */
#define SIG_ACTIVE(label)			\
	ADR_PCREL ip, __ucc_sig_active SEP	\
	ldr	ip, [ip] SEP			\
	cmp	ip, #0 SEP			\
	bne	label

#endif
