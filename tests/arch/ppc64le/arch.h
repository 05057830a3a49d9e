/* What the tests need to know of ppc64le: where a context keeps its stack
 * and program counters, the FP control state, and the probes in probe.S. */
#ifndef UCC_TEST_ARCH_H
#define UCC_TEST_ARCH_H

#include <stddef.h>
#include <stdint.h>
#include <ucontext.h>

#include "fpctl.h"

#define ARCH_NAME "ppc64le"
/* r14-r31, f14-f31, v20-v31 (doubleword 0 of each, as mtvsrd loads
 * it), CR (fields 2-4: the probes keep the other bits of the value they
 * were given) and VRSAVE (its 32 bits, likewise) */
#define ARCH_NCALLEE 50

static inline uintptr_t
arch_uc_sp(const ucontext_t *uc)
{
	return (uintptr_t)uc->uc_mcontext.gp_regs[1];
}

static inline uintptr_t
arch_uc_pc(const ucontext_t *uc)
{
	return (uintptr_t)uc->uc_mcontext.gp_regs[32];	/* nip */
}

/* The saved general register slot i (rN; 32 nip, 36 link, 38 ccr). */
#define ARCH_UC_REG(uc, i) ((uc)->uc_mcontext.gp_regs[i])

/* A function entered by makecontext sees sp a multiple of 16, as at any
 * call (ELFv2 ABI 2.2.3.1: quadword alignment). */
static inline int
arch_entry_sp_ok(uintptr_t sp)
{
	return sp % 16 == 0;
}


/* glibc's trampoline reads uc_link from ucp when the function returns
 * (lib/arch/ppc64le/offsets.def: UC_LINK_FROM_UCP). */
#define ARCH_LINK_FROM_UCP 1

/* The byte ranges of ucontext_t that getcontext, and swapcontext for its
 * first argument, write (glibc's set); every other byte must keep its
 * value.  The vector registers lie at the first 16-byte boundary past
 * 888, which is 888 or 896 as the structure is placed: 532 bytes from
 * either. */
static const struct { size_t off, len; } arch_written[] = {
	{ 224, 8 },	/* regs, pointing at gp_regs */
	{ 232, 352 },	/* gp_regs r0-r31, nip msr orig_r3 ctr link xer ccr
			 * softe trap dar dsisr result */
	{ 616, 264 },	/* fp_regs f0-f31, fpscr */
	{ 880, 8 },	/* v_regs */
	{ 888, 540 },	/* v0-v31, vscr, vrsave */
};
#define ARCH_NWRITTEN (sizeof arch_written / sizeof arch_written[0])

/* probe.S */
/* Load in[] into the preserved registers (r14-r31, f14-f31, v20-v31,
 * cr, vrsave), call ucc_swapcontext(o, u), then store them into out[];
 * returns its result. */
int probe_swap(ucontext_t *o, const ucontext_t *u,
	       const uint64_t in[ARCH_NCALLEE], uint64_t out[ARCH_NCALLEE]);
/* Load in[], ucc_getcontext(uc); on its first return load junk[] and
 * ucc_setcontext(uc); on the second store the registers into out[]. */
int probe_getset(ucontext_t *uc, const uint64_t in[ARCH_NCALLEE],
		 uint64_t out[ARCH_NCALLEE], const uint64_t junk[ARCH_NCALLEE]);
/* Load vals[] into the registers of arch_saved[], in that order, and
 * call ucc_getcontext(uc). */
#define ARCH_NSAVED 25
int probe_getcontext_all(ucontext_t *uc, const uint64_t vals[ARCH_NSAVED]);
/* The gp_regs slot of each of those registers: r4-r10, which no call
 * preserves but glibc's getcontext saves all the same, and r14-r31. */
static const int arch_saved[ARCH_NSAVED] = {
	4, 5, 6, 7, 8, 9, 10,
	14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
};
/* glibc's getcontext saves r3 as 0, the value the resumed call returns,
 * not ucp; and the return address twice, as nip and in link's slot. */
#define ARCH_REG_ZERO 3
#define ARCH_REG_RA 36
/* and 0 in msr (not a signal's context), orig_r3, softe, trap, dar,
 * dsisr and result */
#define ARCH_ZEROED { 496, 504, 544, 552, 560, 568, 576 }
/* A function for makecontext: records its stack and frame pointers at
 * entry (r1, r31), then returns.  It is entered at its global entry
 * point, which computes its TOC from r12. */
void probe_entry(void);
extern uintptr_t probe_entry_sp, probe_entry_fp;

/* tests/sigcount.c: the system call a seccomp SECCOMP_RET_TRAP stopped,
 * as the signal handler's context shows it (r3-r8, the result in r3). */
#define ARCH_AUDIT_ARCH AUDIT_ARCH_PPC64LE
#define ARCH_SET_SYSCALL_RESULT(uc, v) ((uc)->uc_mcontext.gp_regs[3] = (v))
#define ARCH_SYSCALL_ARG(uc, n) ((uc)->uc_mcontext.gp_regs[3 + (n)])

#endif
