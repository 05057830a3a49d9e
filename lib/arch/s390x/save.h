/* Macros the s390x assembly shares.  ELF Application Binary Interface
 * s390x Supplement, register usage: r6-r15 and f8-f15 are preserved by a
 * call, the FPC's modes too; the access registers a0 and a1 hold the
 * thread pointer.  And glibc's context format on s390x.
 *
 * SAVE_CONTEXT: what glibc's getcontext saves, where it saves it, into
 * the ucontext_t at r1: the FPC (modes and exception flags), f0-f15, the
 * access registers a0-a15, and r0-r15 with r2 = 0, the value the resumed
 * call returns; r14 is the return address, where the context resumes.
 * No PSW, as glibc.  Keeps r1 and r3, and r2 = r1. */
#ifndef UCC_S390X_SAVE_H
#define UCC_S390X_SAVE_H
#include "asm.h"

.macro SAVE_CONTEXT
	stfpc	UC_FPC(%r1)
	std	%f0, UC_FPRS + 0(%r1)
	std	%f1, UC_FPRS + 8(%r1)
	std	%f2, UC_FPRS + 16(%r1)
	std	%f3, UC_FPRS + 24(%r1)
	std	%f4, UC_FPRS + 32(%r1)
	std	%f5, UC_FPRS + 40(%r1)
	std	%f6, UC_FPRS + 48(%r1)
	std	%f7, UC_FPRS + 56(%r1)
	std	%f8, UC_FPRS + 64(%r1)
	std	%f9, UC_FPRS + 72(%r1)
	std	%f10, UC_FPRS + 80(%r1)
	std	%f11, UC_FPRS + 88(%r1)
	std	%f12, UC_FPRS + 96(%r1)
	std	%f13, UC_FPRS + 104(%r1)
	std	%f14, UC_FPRS + 112(%r1)
	std	%f15, UC_FPRS + 120(%r1)
	stam	%a0, %a15, UC_AREGS(%r1)
	lghi	%r2, 0
	stmg	%r0, %r15, UC_GREGS(%r1)
	lgr	%r2, %r1
.endm

/* RESTORE_CONTEXT: resume the ucontext_t at r1; does not return.  As
 * glibc: the FPC, f0-f15, the access registers a2-a15 (a0 and a1, the
 * thread pointer, stay the running thread's: a context may be resumed
 * by another thread), then r0-r15 in one lmg, the stack pointer with
 * them, and a branch to r14.  One instruction loads every general
 * register: a context inside a signal handler may resume from the
 * kernel's ucontext_t, below the stack pointer it restores. */
.macro RESTORE_CONTEXT
	.cfi_remember_state
	lfpc	UC_FPC(%r1)
	ld	%f0, UC_FPRS + 0(%r1)
	ld	%f1, UC_FPRS + 8(%r1)
	ld	%f2, UC_FPRS + 16(%r1)
	ld	%f3, UC_FPRS + 24(%r1)
	ld	%f4, UC_FPRS + 32(%r1)
	ld	%f5, UC_FPRS + 40(%r1)
	ld	%f6, UC_FPRS + 48(%r1)
	ld	%f7, UC_FPRS + 56(%r1)
	ld	%f8, UC_FPRS + 64(%r1)
	ld	%f9, UC_FPRS + 72(%r1)
	ld	%f10, UC_FPRS + 80(%r1)
	ld	%f11, UC_FPRS + 88(%r1)
	ld	%f12, UC_FPRS + 96(%r1)
	ld	%f13, UC_FPRS + 104(%r1)
	ld	%f14, UC_FPRS + 112(%r1)
	ld	%f15, UC_FPRS + 120(%r1)
	lam	%a2, %a15, UC_AREGS + 8(%r1)
	lmg	%r0, %r15, UC_GREGS(%r1)
	/* as at the entry of a function called from the resumed code */
	.cfi_def_cfa %r15, 160
	.cfi_same_value %r14
	RESUME(%r14)
	.cfi_restore_state
.endm

/* SIG_ACTIVE(label): branch to label while a signal handler the library
 * follows is running or suspended somewhere (lib/asm.h's SIG_TEST).  The
 * counter is hidden, so a pc-relative address reaches it in a shared
 * library too.  Clobbers r1 only. */
#define SIG_ACTIVE(label)			\
	larl	%r1, __ucc_sig_active SEP	\
	lt	%r1, 0(%r1) SEP			\
	jgnz	label

#endif
