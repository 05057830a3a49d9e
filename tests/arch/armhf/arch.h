/* What the tests need to know of 32-bit Arm (armhf; armel's folder
 * includes this file): where a context keeps its stack and program
 * counters, the FP control state, and the probes in probe.S. */
#ifndef UCC_TEST_ARCH_H
#define UCC_TEST_ARCH_H

#include <stddef.h>
#include <stdint.h>
#include <ucontext.h>

#include "fpctl.h"

#ifdef __ARM_PCS_VFP
# define ARCH_NAME "armhf"
#else
# define ARCH_NAME "armel"
#endif
/* The registers a context keeps that the probes check, as 32-bit words:
 * r4-r11, then d8-d15, two words each. */
#define ARCH_NCALLEE 24
#define ARCH_REG_T uint32_t

static inline uintptr_t
arch_uc_sp(const ucontext_t *uc)
{
	return (uintptr_t)uc->uc_mcontext.arm_sp;
}

static inline uintptr_t
arch_uc_pc(const ucontext_t *uc)
{
	return (uintptr_t)uc->uc_mcontext.arm_pc;
}

/* The saved general register slot i (ri: arm_r0 ... arm_pc are 16
 * consecutive words). */
#define ARCH_UC_REG(uc, i) ((&(uc)->uc_mcontext.arm_r0)[i])

/* A function entered by makecontext sees sp a multiple of 8, the
 * AAPCS's alignment at a public interface (section 5.2.1.2). */
static inline int
arch_entry_sp_ok(uintptr_t sp)
{
	return sp % 8 == 0;
}

/* The byte ranges of ucontext_t that getcontext, and swapcontext for its
 * first argument, write (glibc's set, the mask aside); every other byte
 * must keep its value. */
static const struct { size_t off, len; } arch_written[] = {
	{ 32, 4 },	/* r0 = 0 */
	{ 48, 32 },	/* r4-r10, fp */
	{ 84, 12 },	/* sp lr pc */
	{ 232, 68 },	/* uc_regspace: d8-d15, fpscr */
};
#define ARCH_NWRITTEN (sizeof arch_written / sizeof arch_written[0])

/* probe.S */
/* Load in[] into the callee-saved registers (r4-r11, then d8-d15), call
 * ucc_swapcontext(o, u), then store them into out[]; returns its result. */
int probe_swap(ucontext_t *o, const ucontext_t *u,
	       const uint32_t in[ARCH_NCALLEE], uint32_t out[ARCH_NCALLEE]);
/* Load in[], ucc_getcontext(uc); on its first return load junk[] and
 * ucc_setcontext(uc); on the second store the registers into out[]. */
int probe_getset(ucontext_t *uc, const uint32_t in[ARCH_NCALLEE],
		 uint32_t out[ARCH_NCALLEE], const uint32_t junk[ARCH_NCALLEE]);
/* Load vals[] into r4-r11 and call ucc_getcontext(uc). */
#define ARCH_NSAVED 8
int probe_getcontext_all(ucontext_t *uc, const uint32_t vals[ARCH_NSAVED]);
static const int arch_saved[ARCH_NSAVED] = { 4, 5, 6, 7, 8, 9, 10, 11 };
/* glibc's getcontext saves r0 as 0, the value the resumed call returns,
 * and lr as the return address, the pc. */
#define ARCH_REG_ZERO 0
#define ARCH_REG_RA 14
/* A function for makecontext: records its stack and frame pointers at
 * entry, then returns.  ARM state, where the C calling it is Thumb. */
void probe_entry(void);
extern uintptr_t probe_entry_sp, probe_entry_fp;

/* tests/sigcount.c: the system call a seccomp SECCOMP_RET_TRAP stopped,
 * as the signal handler's context shows it (svc: r0-r6, r7 the number). */
#define ARCH_AUDIT_ARCH AUDIT_ARCH_ARM
#define ARCH_SET_SYSCALL_RESULT(uc, v) ((uc)->uc_mcontext.arm_r0 = (v))
#define ARCH_SYSCALL_ARG(uc, n) (ARCH_UC_REG(uc, n))

#endif
