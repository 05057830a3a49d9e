/* i386 floating-point control state, for the unit tests and the compat
 * scenarios. */
#ifndef UCC_TEST_FPCTL_H
#define UCC_TEST_FPCTL_H

#include <stdint.h>

/* The FP state a context owns, as in glibc: the x87 control word and the
 * x87 status word's exception flags (glibc's fnstenv/fldenv).  MXCSR
 * stays the thread's. */
struct fpctl {
	uint16_t cw;
	uint16_t sw;
};
#define ARCH_X87_FLAGS 0x3fu	/* IE DE ZE OE UE PE */

/* fnstenv's environment: control, status and tag words, then the
 * instruction and operand pointers, 4 bytes each. */
struct x87_env {
	uint32_t cw, sw, tag, rest[4];
};

static inline void
arch_get_fpctl(struct fpctl *f)
{
	__asm__ volatile("fnstcw %0" : "=m"(f->cw));
	__asm__ volatile("fnstsw %0" : "=m"(f->sw));
}

/* The control word, and the status word's flags, which only fldenv can
 * set. */
static inline void
arch_set_fpctl(const struct fpctl *f)
{
	struct x87_env e;
	__asm__ volatile("fnstenv %0" : "=m"(e));
	e.cw = (e.cw & 0xffff0000u) | f->cw;
	e.sw = (e.sw & ~(uint32_t)(ARCH_X87_FLAGS | 0x80u)) |
	       (f->sw & ARCH_X87_FLAGS);
	__asm__ volatile("fldenv %0" : : "m"(e));
}

/* The control part of two states is the same: the flags aside. */
static inline int
arch_fpctl_same_control(const struct fpctl *a, const struct fpctl *b)
{
	return a->cw == b->cw;
}

/* The exception flags a context owns, in a state (running now:
 * arch_fp_flags, tests/util.h). */
static inline unsigned
arch_fpctl_flags(const struct fpctl *f)
{
	return f->sw & ARCH_X87_FLAGS;
}


/* Raise divide-by-zero on the x87 (long double is always x87, whatever
 * -mfpmath says). */
static inline void
arch_raise_divbyzero(void)
{
	volatile long double one = 1.0L, zero = 0.0L, r;
	r = one / zero;
	(void)r;
}
#define ARCH_FP_PE 0x20u	/* precision (inexact) */
#define ARCH_FP_ZE 0x04u	/* divide-by-zero */

/* A context without FP state, which setcontext leaves the running state
 * alone for. */
#define ARCH_UC_DROP_FPSTATE(uc) ((void)((uc)->uc_mcontext.fpregs = NULL))

/* MXCSR, which stays with the thread (as in glibc): its flags. */
static inline unsigned
arch_mxcsr_flags(void)
{
	uint32_t m;
	__asm__ volatile("stmxcsr %0" : "=m"(m));
	return m & 0x3fu;
}

/* Two distinct control states, both with every exception masked: round
 * up with 53-bit precision, and toward zero with 24-bit precision; and a
 * third with divide-by-zero unmasked, round to nearest, 64-bit. */
static const struct fpctl arch_fpctl_a = { 0x0a7f, 0 };
static const struct fpctl arch_fpctl_b = { 0x0c7f & ~0x0300, 0 };
static const struct fpctl arch_fpctl_c = { 0x037b, 0 };

#endif
