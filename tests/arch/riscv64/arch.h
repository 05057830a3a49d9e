/* What the tests need to know of riscv64: where a context keeps its stack
 * and program counters, the FP control state, and the probes in probe.S. */
#ifndef UCC_TEST_ARCH_H
#define UCC_TEST_ARCH_H

#include <stddef.h>
#include <stdint.h>
#include <ucontext.h>

#include "fpctl.h"

#define ARCH_NAME "riscv64"
#define ARCH_NCALLEE 24		/* s0-s11, fs0-fs11 */

static inline uintptr_t
arch_uc_sp(const ucontext_t *uc)
{
	return (uintptr_t)uc->uc_mcontext.__gregs[2];
}

static inline uintptr_t
arch_uc_pc(const ucontext_t *uc)
{
	return (uintptr_t)uc->uc_mcontext.__gregs[0];
}

/* The saved general register slot i (xi; slot 0 is the pc). */
#define ARCH_UC_REG(uc, i) ((uc)->uc_mcontext.__gregs[i])

/* A function entered by makecontext sees sp a multiple of 16, as at any
 * call (psABI: the stack pointer is 16-byte aligned). */
static inline int
arch_entry_sp_ok(uintptr_t sp)
{
	return sp % 16 == 0;
}

/* The byte ranges of ucontext_t that getcontext, and swapcontext for its
 * first argument, write (glibc's set); every other byte must keep its
 * value. */
static const struct { size_t off, len; } arch_written[] = {
	{ 176, 24 },	/* pc ra sp */
	{ 240, 24 },	/* s0 s1, a0 = 0 */
	{ 320, 80 },	/* s2-s11 */
	{ 496, 16 },	/* fs0 fs1 (f8 f9) */
	{ 576, 80 },	/* fs2-fs11 (f18-f27) */
	{ 688, 4 },	/* fcsr */
};
#define ARCH_NWRITTEN (sizeof arch_written / sizeof arch_written[0])

/* probe.S */
/* Load in[] into the callee-saved registers (s0-s11, then fs0-fs11),
 * call ucc_swapcontext(o, u), then store them into out[]; returns its
 * result. */
int probe_swap(ucontext_t *o, const ucontext_t *u,
	       const uint64_t in[ARCH_NCALLEE], uint64_t out[ARCH_NCALLEE]);
/* Load in[], ucc_getcontext(uc); on its first return load junk[] and
 * ucc_setcontext(uc); on the second store the registers into out[]. */
int probe_getset(ucontext_t *uc, const uint64_t in[ARCH_NCALLEE],
		 uint64_t out[ARCH_NCALLEE], const uint64_t junk[ARCH_NCALLEE]);
/* Load vals[] into the registers of arch_saved[], in that order, and
 * call ucc_getcontext(uc). */
#define ARCH_NSAVED 12
int probe_getcontext_all(ucontext_t *uc, const uint64_t vals[ARCH_NSAVED]);
/* The __gregs slot of each of those registers: s0, s1, s2-s11. */
static const int arch_saved[ARCH_NSAVED] = {
	8, 9, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27,
};
/* glibc's getcontext saves a0 as 0, the value the resumed call returns,
 * not uc; and the return address twice, as the pc and in ra's slot. */
#define ARCH_REG_ZERO 10
#define ARCH_REG_RA 1
/* A function for makecontext: records its stack and frame pointers at
 * entry, then returns. */
void probe_entry(void);
extern uintptr_t probe_entry_sp, probe_entry_fp;

/* tests/sigcount.c: the system call a seccomp SECCOMP_RET_TRAP stopped,
 * as the signal handler's context shows it (a0-a5, the result in a0). */
#define ARCH_AUDIT_ARCH AUDIT_ARCH_RISCV64
#define ARCH_SET_SYSCALL_RESULT(uc, v) ((uc)->uc_mcontext.__gregs[10] = (v))
#define ARCH_SYSCALL_ARG(uc, n) ((uc)->uc_mcontext.__gregs[10 + (n)])

#endif
