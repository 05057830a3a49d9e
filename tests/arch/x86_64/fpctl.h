/* x86_64 floating-point control state, for the unit tests and the
 * compat scenarios. */
#ifndef UCC_TEST_FPCTL_H
#define UCC_TEST_FPCTL_H

#include <stdint.h>

/* The FP state a context owns, as in glibc: the x87 control word and all
 * of MXCSR, its exception flags (bits 0-5) included.  The x87 status
 * word, with the x87 exception flags, stays the thread's. */
struct fpctl {
	uint16_t cw;
	uint32_t mxcsr;
};
#define ARCH_MXCSR_FLAGS 0x3fu

static inline void
arch_get_fpctl(struct fpctl *f)
{
	__asm__ volatile("fnstcw %0" : "=m"(f->cw));
	__asm__ volatile("stmxcsr %0" : "=m"(f->mxcsr));
}

static inline void
arch_set_fpctl(const struct fpctl *f)
{
	__asm__ volatile("fldcw %0" : : "m"(f->cw));
	__asm__ volatile("ldmxcsr %0" : : "m"(f->mxcsr));
}

/* MXCSR's exception flags, and the x87 status word's. */
static inline unsigned
arch_mxcsr_flags(void)
{
	uint32_t m;
	__asm__ volatile("stmxcsr %0" : "=m"(m));
	return m & ARCH_MXCSR_FLAGS;
}

static inline unsigned
arch_x87_flags(void)
{
	uint16_t sw;
	__asm__ volatile("fnstsw %0" : "=m"(sw));
	return sw & 0x3fu;
}

static inline void
arch_clear_x87_flags(void)
{
	__asm__ volatile("fnclex");
}

/* Raise an x87 flag (precision: 1/3 in long double), leaving MXCSR's
 * alone; and SSE divide-by-zero (1.0/0.0 in double), leaving the x87's. */
static inline void
arch_raise_x87_inexact(void)
{
	volatile long double one = 1.0L, three = 3.0L, r;
	r = one / three;
	(void)r;
}

static inline void
arch_raise_sse_divbyzero(void)
{
	volatile double one = 1.0, zero = 0.0, r;
	r = one / zero;
	(void)r;
}
#define ARCH_X87_PE 0x20u	/* x87 precision (inexact) */
#define ARCH_SSE_PE 0x20u	/* MXCSR precision (inexact) */
#define ARCH_SSE_ZE 0x04u	/* MXCSR divide-by-zero */

/* The names the shared tests use, for any ABI: the control part of two
 * states compared, the flags aside; the exception flags a context owns
 * (MXCSR's), in a state and running now; raising divide-by-zero; a
 * context whose FP state setcontext leaves alone (fpregs NULL). */
static inline int
arch_fpctl_same_control(const struct fpctl *a, const struct fpctl *b)
{
	return a->cw == b->cw &&
	       (a->mxcsr & ~ARCH_MXCSR_FLAGS) == (b->mxcsr & ~ARCH_MXCSR_FLAGS);
}

static inline unsigned
arch_fpctl_flags(const struct fpctl *f)
{
	return f->mxcsr & ARCH_MXCSR_FLAGS;
}
#define arch_fp_flags arch_mxcsr_flags
#define arch_raise_divbyzero arch_raise_sse_divbyzero
#define ARCH_FP_PE ARCH_SSE_PE
#define ARCH_FP_ZE ARCH_SSE_ZE
#define ARCH_HAS_X87 1		/* an x87 status word, the thread's */
#define ARCH_UC_DROP_FPSTATE(uc) ((void)((uc)->uc_mcontext.fpregs = NULL))

/* Two distinct control states, both with every exception masked:
 * round up with 53-bit x87 precision and MXCSR flush-to-zero, and round
 * toward zero with 24-bit precision and denormals-are-zero. */
static const struct fpctl arch_fpctl_a = { 0x0a7f, 0x9f80 | 0x4000 };
static const struct fpctl arch_fpctl_b = { 0x0c7f & ~0x0300, 0x1f80 | 0x6000 | 0x0040 };
/* An exception unmasked: x87 and SSE divide-by-zero. */
static const struct fpctl arch_fpctl_c = { 0x037b, 0x1d80 };

#endif
