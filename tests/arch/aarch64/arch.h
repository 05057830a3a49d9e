/* What the tests need to know of aarch64: where a context keeps its stack
 * and program counters, the FP control state, and the probes in probe.S. */
#ifndef UCC_TEST_ARCH_H
#define UCC_TEST_ARCH_H

#include <stddef.h>
#include <stdint.h>
#include <ucontext.h>

#include "fpctl.h"

#define ARCH_NAME "aarch64"
#define ARCH_NCALLEE 19		/* x19-x29, d8-d15 */

static inline uintptr_t
arch_uc_sp(const ucontext_t *uc)
{
	return (uintptr_t)uc->uc_mcontext.sp;
}

static inline uintptr_t
arch_uc_pc(const ucontext_t *uc)
{
	return (uintptr_t)uc->uc_mcontext.pc;
}

/* The saved general register slot i (xi). */
#define ARCH_UC_REG(uc, i) ((uc)->uc_mcontext.regs[i])

/* A function entered by makecontext sees sp a multiple of 16, as at any
 * call (AAPCS64 6.4.5.1). */
static inline int
arch_entry_sp_ok(uintptr_t sp)
{
	return sp % 16 == 0;
}

/* The byte ranges of ucontext_t that getcontext, and swapcontext for its
 * first argument, write (glibc's set); every other byte must keep its
 * value. */
static const struct { size_t off, len; } arch_written[] = {
	{ 184, 8 },	/* x0 = 0 */
	{ 328, 128 },	/* x18-x30 sp pc pstate */
	{ 464, 16 },	/* FPSIMD record: magic, size, fpsr, fpcr */
	{ 608, 128 },	/* v8-v15 */
	{ 992, 12 },	/* the end record, and 4 bytes glibc zeroes past it */
};
#define ARCH_NWRITTEN (sizeof arch_written / sizeof arch_written[0])

/* probe.S */
/* Load in[] into the callee-saved registers (x19-x29, then d8-d15), call
 * ucc_swapcontext(o, u), then store them into out[]; returns its result. */
int probe_swap(ucontext_t *o, const ucontext_t *u,
	       const uint64_t in[ARCH_NCALLEE], uint64_t out[ARCH_NCALLEE]);
/* Load in[], ucc_getcontext(uc); on its first return load junk[] and
 * ucc_setcontext(uc); on the second store the registers into out[]. */
int probe_getset(ucontext_t *uc, const uint64_t in[ARCH_NCALLEE],
		 uint64_t out[ARCH_NCALLEE], const uint64_t junk[ARCH_NCALLEE]);
/* Load vals[] into the registers of arch_saved[], in that order, and
 * call ucc_getcontext(uc). */
int probe_getcontext_all(ucontext_t *uc, const uint64_t vals[11]);
/* The regs slot of each of those registers: x18-x28 (x29 and x30 are the
 * frame record, which the call itself sets). */
static const int arch_saved[11] = {
	18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
};
/* glibc's getcontext saves x0 as 0, the value the resumed call returns,
 * not uc. */
#define ARCH_REG_ZERO 0
/* Byte offsets of other words getcontext sets to 0, as glibc: pstate. */
#define ARCH_ZEROED { offsetof(ucontext_t, uc_mcontext.pstate) }
/* A function for makecontext: records its stack and frame pointers at
 * entry, then returns. */
void probe_entry(void);
extern uintptr_t probe_entry_sp, probe_entry_fp;

/* tests/sigcount.c: the system call a seccomp SECCOMP_RET_TRAP stopped,
 * as the signal handler's context shows it. */
#define ARCH_AUDIT_ARCH AUDIT_ARCH_AARCH64
#define ARCH_SET_SYSCALL_RESULT(uc, v) ((uc)->uc_mcontext.regs[0] = (v))
#define ARCH_SYSCALL_ARG(uc, n) ((uc)->uc_mcontext.regs[n])

#endif
