/* Macros the ppc64le assembly shares.  64-bit ELF V2 ABI 1.5, 2.2.1
 * (register roles): r1, r2, r14-r31, f14-f31, v20-v31, VRSAVE and the
 * CR fields 2-4 are preserved across a call, and FPSCR's control bits
 * are a thread's state; and glibc's context format on powerpc64.
 *
 * SAVE_CONTEXT: what glibc's getcontext saves, where it saves it, into
 * the ucontext_t at r3, for a caller whose return address is in lr:
 * every gp_regs slot r0-r31 but r3 (saved as 0, what the resumed call
 * returns), nip and link (both the return address), ctr, xer, cr, 0 in
 * msr (not a signal's context) and in orig_r3, softe, trap, dar, dsisr
 * and result; regs pointing at gp_regs; f0-f31 and fpscr; v_regs
 * pointing at the first 16-byte boundary of vmx_reserve, and there
 * v0-v31, vscr and vrsave.  Keeps r3-r8 and lr; clobbers r0, r9, f0
 * and v0. */
#ifndef UCC_PPC64LE_SAVE_H
#define UCC_PPC64LE_SAVE_H
#include "asm.h"

.macro SAVE_CONTEXT
	.irp i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	std	%r\i, UC_GPR + 8 * \i(%r3)
	stfd	%f\i, UC_FPR + 8 * \i(%r3)
	.endr
	li	%r0, 0			/* r3 (what the resumed call returns), msr, */
	.irp i, 3,33,34,39,40,41,42,43	/* orig_r3, softe, trap, dar, ... */
	std	%r0, UC_GPR + 8 * \i(%r3)
	.endr
	mflr	%r0
	std	%r0, UC_PC(%r3)
	std	%r0, UC_LNK(%r3)
	mfctr	%r0
	std	%r0, UC_CTR(%r3)
	mfxer	%r0
	std	%r0, UC_XER(%r3)
	mfcr	%r0
	std	%r0, UC_CCR(%r3)
	addi	%r0, %r3, UC_GPR
	std	%r0, UC_REGS(%r3)
	mffs	%f0
	stfd	%f0, UC_FPSCR(%r3)
	addi	%r9, %r3, UC_VMX + 15
	clrrdi	%r9, %r9, 4
	std	%r9, UC_VREGS(%r3)
	.irp i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	li	%r0, 16 * \i
	stvx	%v\i, %r9, %r0
	.endr
	mfvscr	%v0
	li	%r0, VR_VSCR
	stvx	%v0, %r9, %r0
	mfvrsave %r0
	stw	%r0, VR_VRSAVE(%r9)
.endm

/* RESTORE_CONTEXT: resume the ucontext_t at r11; does not return.
 * fpscr (control bits and exception flags), f14-f31; through v_regs, when
 * it is not NULL, vrsave, vscr and v20-v31 (glibc restores the vector
 * registers only when the saved vrsave is not 0, which on Linux it
 * always is: the psABI preserves them, and so do we); cr, lr, r2-r10 and
 * r12 (the TOC, makecontext's arguments and entry address, 0 in r3 for
 * a saved context), r14-r31, sp, and a jump to the saved nip through
 * ctr.  r0, r11, r13 (the thread pointer), ctr, xer, f0-f13 and v0-v19
 * are not restored.  sp moves last: a context inside a signal handler
 * may resume from the kernel's ucontext_t, which lies below the sp it
 * restores, where a signal arriving after the move would write its
 * frame. */
.macro RESTORE_CONTEXT
	.cfi_remember_state
	lfd	%f0, UC_FPSCR(%r11)
	mtfsf	0xff, %f0, 1, 0
	.irp i, 14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	lfd	%f\i, UC_FPR + 8 * \i(%r11)
	ld	%r\i, UC_GPR + 8 * \i(%r11)
	.endr
	ld	%r9, UC_VREGS(%r11)
	cmpdi	%r9, 0
	beq	77f
	lwz	%r0, VR_VRSAVE(%r9)
	mtvrsave %r0
	li	%r0, VR_VSCR
	lvx	%v0, %r9, %r0
	mtvscr	%v0
	.irp i, 20,21,22,23,24,25,26,27,28,29,30,31
	li	%r0, 16 * \i
	lvx	%v\i, %r9, %r0
	.endr
77:	ld	%r0, UC_CCR(%r11)
	mtcr	%r0
	ld	%r0, UC_LNK(%r11)
	mtlr	%r0
	.irp i, 2,3,4,5,6,7,8,9,10,12
	ld	%r\i, UC_GPR + 8 * \i(%r11)
	.endr
	ld	%r0, UC_PC(%r11)
	ld	%r1, UC_SP(%r11)
	.cfi_def_cfa %r1, 0
	.cfi_register lr, %r0
	RESUME(%r0)
	.cfi_restore_state
.endm

/* SIG_ACTIVE(label): branch to label while a signal handler the library
 * follows is running or suspended somewhere (lib/asm.h's SIG_TEST).  The
 * counter is hidden: TOC-relative, in a shared library too.  Clobbers
 * r11. */
#define SIG_ACTIVE(label)					\
	addis	%r11, %r2, __ucc_sig_active@toc@ha SEP	\
	lwz	%r11, __ucc_sig_active@toc@l(%r11) SEP	\
	cmpwi	%r11, 0 SEP				\
	bne	label

#endif
