/* aarch64 floating-point control state, for the unit tests and the
 * compat scenarios. */
#ifndef UCC_TEST_FPCTL_H
#define UCC_TEST_FPCTL_H

#include <stdint.h>

/* The FP state a context owns, as in glibc: FPCR (rounding mode,
 * flush-to-zero, default NaN, trap enables) and FPSR (the cumulative
 * exception flags). */
struct fpctl {
	uint32_t fpcr;
	uint32_t fpsr;
};
#define ARCH_FPSR_FLAGS 0x9fu	/* IOC DZC OFC UFC IXC IDC */

static inline void
arch_get_fpctl(struct fpctl *f)
{
	uint64_t cr, sr;
	__asm__ volatile("mrs %0, fpcr" : "=r"(cr));
	__asm__ volatile("mrs %0, fpsr" : "=r"(sr));
	f->fpcr = (uint32_t)cr;
	f->fpsr = (uint32_t)sr;
}

static inline void
arch_set_fpctl(const struct fpctl *f)
{
	__asm__ volatile("msr fpcr, %0" : : "r"((uint64_t)f->fpcr));
	__asm__ volatile("msr fpsr, %0" : : "r"((uint64_t)f->fpsr));
}

/* The control part of two states is the same: the flags aside. */
static inline int
arch_fpctl_same_control(const struct fpctl *a, const struct fpctl *b)
{
	return a->fpcr == b->fpcr;
}

/* The exception flags a context owns, in a state (running now:
 * arch_fp_flags, tests/util.h). */
static inline unsigned
arch_fpctl_flags(const struct fpctl *f)
{
	return f->fpsr & ARCH_FPSR_FLAGS;
}


/* Raise divide-by-zero (1.0/0.0 in double). */
static inline void
arch_raise_divbyzero(void)
{
	volatile double one = 1.0, zero = 0.0, r;
	r = one / zero;
	(void)r;
}
#define ARCH_FP_PE 0x10u	/* IXC, inexact */
#define ARCH_FP_ZE 0x02u	/* DZC, divide-by-zero */

/* A context without FP state, which setcontext leaves the running state
 * alone for: glibc's looks for the FPSIMD record's magic. */
#define ARCH_UC_DROP_FPSTATE(uc) \
	((void)__builtin_memset((uc)->uc_mcontext.__reserved, 0, 4))

/* Two distinct control states and a third: round up with flush-to-zero;
 * round toward zero with default NaN; round down with both.  (Trap
 * enables are RAZ/WI on most cores, so none is set.) */
static const struct fpctl arch_fpctl_a = { 0x00400000 | 0x01000000, 0 };
static const struct fpctl arch_fpctl_b = { 0x00c00000 | 0x02000000, 0 };
static const struct fpctl arch_fpctl_c = { 0x00800000 | 0x03000000, 0 };

#endif
