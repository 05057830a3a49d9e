/* Macros the riscv64 assembly shares.  RISC-V ELF psABI (lp64d), the
 * integer and floating-point calling conventions: s0-s11, sp and
 * fs0-fs11 are callee-saved; fcsr's rounding mode too, as a thread's
 * state; and glibc's context format on riscv64.
 *
 * SAVE_CONTEXT: what glibc's getcontext saves, where it saves it, into
 * the ucontext_t at a0, for a caller whose return address is in ra:
 * pc and ra (both the return address), sp, s0-s11, a0 = 0 (the resumed
 * call returns 0), fs0-fs11 and fcsr (rounding mode and exception
 * flags).  Keeps a0 and a1; clobbers t0. */
#ifndef UCC_RISCV64_SAVE_H
#define UCC_RISCV64_SAVE_H
#include "asm.h"

.macro SAVE_CONTEXT
	sd	ra, UC_PC(a0)
	sd	ra, UC_X1(a0)
	sd	sp, UC_SP(a0)
	sd	s0, UC_S0(a0)
	sd	s1, UC_S1(a0)
	sd	zero, UC_A0(a0)
	sd	s2, UC_S2(a0)
	sd	s3, UC_S3(a0)
	sd	s4, UC_S4(a0)
	sd	s5, UC_S5(a0)
	sd	s6, UC_S6(a0)
	sd	s7, UC_S7(a0)
	sd	s8, UC_S8(a0)
	sd	s9, UC_S9(a0)
	sd	s10, UC_S10(a0)
	sd	s11, UC_S11(a0)
	frcsr	t0
	sw	t0, UC_FCSR(a0)
	fsd	fs0, UC_FS0(a0)
	fsd	fs1, UC_FS1(a0)
	fsd	fs2, UC_FS2(a0)
	fsd	fs3, UC_FS3(a0)
	fsd	fs4, UC_FS4(a0)
	fsd	fs5, UC_FS5(a0)
	fsd	fs6, UC_FS6(a0)
	fsd	fs7, UC_FS7(a0)
	fsd	fs8, UC_FS8(a0)
	fsd	fs9, UC_FS9(a0)
	fsd	fs10, UC_FS10(a0)
	fsd	fs11, UC_FS11(a0)
.endm

/* RESTORE_CONTEXT: resume the ucontext_t at t0; does not return.  As
 * glibc: fcsr, fs0-fs11, ra, s0-s11, the argument registers a0-a7
 * makecontext fills (0 in a0 for a saved context, the value the resumed
 * call returns), sp, and a jump to the saved pc.  Clobbers t1 and t2.
 * sp moves last: a context inside a signal handler may resume from the
 * kernel's ucontext_t, which lies below the sp it restores, where a
 * signal arriving after the move would write its frame. */
.macro RESTORE_CONTEXT
	.cfi_remember_state
	lw	t1, UC_FCSR(t0)
	fscsr	t1
	fld	fs0, UC_FS0(t0)
	fld	fs1, UC_FS1(t0)
	fld	fs2, UC_FS2(t0)
	fld	fs3, UC_FS3(t0)
	fld	fs4, UC_FS4(t0)
	fld	fs5, UC_FS5(t0)
	fld	fs6, UC_FS6(t0)
	fld	fs7, UC_FS7(t0)
	fld	fs8, UC_FS8(t0)
	fld	fs9, UC_FS9(t0)
	fld	fs10, UC_FS10(t0)
	fld	fs11, UC_FS11(t0)
	ld	t1, UC_PC(t0)
	ld	t2, UC_SP(t0)
	.cfi_def_cfa t2, 0
	.cfi_register ra, t1
	ld	ra, UC_X1(t0)
	ld	s0, UC_S0(t0)
	ld	s1, UC_S1(t0)
	ld	s2, UC_S2(t0)
	ld	s3, UC_S3(t0)
	ld	s4, UC_S4(t0)
	ld	s5, UC_S5(t0)
	ld	s6, UC_S6(t0)
	ld	s7, UC_S7(t0)
	ld	s8, UC_S8(t0)
	ld	s9, UC_S9(t0)
	ld	s10, UC_S10(t0)
	ld	s11, UC_S11(t0)
	ld	a0, UC_A0(t0)
	ld	a1, UC_A1(t0)
	ld	a2, UC_A2(t0)
	ld	a3, UC_A3(t0)
	ld	a4, UC_A4(t0)
	ld	a5, UC_A5(t0)
	ld	a6, UC_A6(t0)
	ld	a7, UC_A7(t0)
	mv	sp, t2
	.cfi_def_cfa sp, 0
	RESUME(t1)
	.cfi_restore_state
.endm

/* SIG_ACTIVE(label): branch to label while a signal handler the library
 * follows is running or suspended somewhere (lib/asm.h's SIG_TEST).  The
 * counter is hidden, so a pc-relative load reaches it in a shared
 * library too.  Clobbers t0. */
#define SIG_ACTIVE(label)			\
	lw	t0, __ucc_sig_active;		\
	bnez	t0, label

#endif
