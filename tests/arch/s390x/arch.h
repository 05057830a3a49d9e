/* What the tests need to know of s390x: where a context keeps its stack
 * and program counters, the FP control state, and the probes in probe.S. */
#ifndef UCC_TEST_ARCH_H
#define UCC_TEST_ARCH_H

#include <stddef.h>
#include <stdint.h>
#include <ucontext.h>

#include "fpctl.h"

#define ARCH_NAME "s390x"
#define ARCH_NCALLEE 16		/* r6-r13, f8-f15 */

static inline uintptr_t
arch_uc_sp(const ucontext_t *uc)
{
	return (uintptr_t)uc->uc_mcontext.gregs[15];
}

/* A context resumes at r14, as glibc's: its getcontext writes no PSW. */
static inline uintptr_t
arch_uc_pc(const ucontext_t *uc)
{
	return (uintptr_t)uc->uc_mcontext.gregs[14];
}

/* The saved general register slot i (ri). */
#define ARCH_UC_REG(uc, i) ((uc)->uc_mcontext.gregs[i])

/* A function entered by makecontext sees r15 a multiple of 8, as at any
 * call (the s390x supplement: the stack pointer is doubleword aligned). */
static inline int
arch_entry_sp_ok(uintptr_t sp)
{
	return sp % 8 == 0;
}

/* The byte ranges of ucontext_t that getcontext, and swapcontext for its
 * first argument, write (glibc's set); every other byte must keep its
 * value: the PSW and the 4 bytes after the FPC among them. */
static const struct { size_t off, len; } arch_written[] = {
	{ 56, 192 },	/* r0-r15, a0-a15 */
	{ 248, 4 },	/* fpc */
	{ 256, 128 },	/* f0-f15 */
};
#define ARCH_NWRITTEN (sizeof arch_written / sizeof arch_written[0])

/* probe.S */
/* Load in[] into the callee-saved registers (r6-r13, then f8-f15), call
 * ucc_swapcontext(o, u), then store them into out[]; returns its
 * result. */
int probe_swap(ucontext_t *o, const ucontext_t *u,
	       const uint64_t in[ARCH_NCALLEE], uint64_t out[ARCH_NCALLEE]);
/* Load in[], ucc_getcontext(uc); on its first return load junk[] and
 * ucc_setcontext(uc); on the second store the registers into out[]. */
int probe_getset(ucontext_t *uc, const uint64_t in[ARCH_NCALLEE],
		 uint64_t out[ARCH_NCALLEE], const uint64_t junk[ARCH_NCALLEE]);
/* Load vals[] into the registers of arch_saved[], in that order, and
 * call ucc_getcontext(uc). */
#define ARCH_NSAVED 8
int probe_getcontext_all(ucontext_t *uc, const uint64_t vals[ARCH_NSAVED]);
/* The gregs slot of each of those registers: r6-r13. */
static const int arch_saved[ARCH_NSAVED] = {
	6, 7, 8, 9, 10, 11, 12, 13,
};
/* glibc's getcontext saves r2 as 0, the value the resumed call returns,
 * and r1 as ucp, the register it addresses the context with. */
#define ARCH_REG_ZERO 2
#define ARCH_REG_UCP 1
/* A function for makecontext: records its stack and frame pointers
 * (r15, r11) at entry, then returns. */
void probe_entry(void);
extern uintptr_t probe_entry_sp, probe_entry_fp;

/* The access registers (tests/test_setcontext.c): glibc's contexts keep
 * a2-a15, and save but never load a0 and a1, the thread pointer.  Read
 * all sixteen; load a2-a15 only. */
#define ARCH_HAS_AREGS 1

static inline void
arch_get_aregs(uint32_t a[16])
{
	__asm__ volatile("stam %%a0, %%a15, 0(%0)" : : "a"(a) : "memory");
}

static inline void
arch_set_aregs(const uint32_t a[16])
{
	__asm__ volatile("lam %%a2, %%a15, 8(%0)" : : "a"(a) : "memory");
}

/* tests/sigcount.c: the system call a seccomp SECCOMP_RET_TRAP stopped,
 * as the signal handler's context shows it (r2-r7, the result in r2). */
#define ARCH_AUDIT_ARCH AUDIT_ARCH_S390X
#define ARCH_SET_SYSCALL_RESULT(uc, v) ((uc)->uc_mcontext.gregs[2] = (v))
#define ARCH_SYSCALL_ARG(uc, n) ((uc)->uc_mcontext.gregs[2 + (n)])

#endif
