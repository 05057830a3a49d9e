/* s390x floating-point control state, for the unit tests and the compat
 * scenarios. */
#ifndef UCC_TEST_FPCTL_H
#define UCC_TEST_FPCTL_H

#include <stdint.h>

/* The FP state a context owns, as in glibc: the FPC register, whose
 * bytes are, most significant first, the IEEE trap masks, the exception
 * flags (invalid 0x80, divide-by-zero 0x40, overflow 0x20, underflow
 * 0x10, inexact 0x08), the data-exception code, and the rounding mode
 * in the low bits (0 nearest, 1 toward zero, 2 up, 3 down). */
struct fpctl {
	uint32_t fpc;
};
#define ARCH_FPC_FLAGS 0x00f80000u
#define ARCH_FPC_DXC   0x0000ff00u

static inline void
arch_get_fpctl(struct fpctl *f)
{
	uint64_t v;
	__asm__ volatile("efpc %0" : "=d"(v));
	f->fpc = (uint32_t)v;
}

static inline void
arch_set_fpctl(const struct fpctl *f)
{
	__asm__ volatile("sfpc %0" : : "d"((uint64_t)f->fpc));
}

/* The control part of two states is the same: the flags (and the code
 * of the last data exception) aside. */
static inline int
arch_fpctl_same_control(const struct fpctl *a, const struct fpctl *b)
{
	uint32_t m = ~(ARCH_FPC_FLAGS | ARCH_FPC_DXC);
	return (a->fpc & m) == (b->fpc & m);
}

/* The exception flags a context owns, in a state (running now:
 * arch_fp_flags, tests/util.h). */
static inline unsigned
arch_fpctl_flags(const struct fpctl *f)
{
	return f->fpc & ARCH_FPC_FLAGS;
}

/* Raise divide-by-zero (1.0/0.0 in double). */
static inline void
arch_raise_divbyzero(void)
{
	volatile double one = 1.0, zero = 0.0, r;
	r = one / zero;
	(void)r;
}
#define ARCH_FP_PE 0x00080000u	/* inexact */
#define ARCH_FP_ZE 0x00400000u	/* divide-by-zero */

/* No ARCH_UC_DROP_FPSTATE: glibc's s390x setcontext loads the FPC from
 * every context; a context cannot say it has no FP state. */

/* Two distinct control states and a third: round up, round toward zero,
 * round down. */
static const struct fpctl arch_fpctl_a = { 2 };
static const struct fpctl arch_fpctl_b = { 1 };
static const struct fpctl arch_fpctl_c = { 3 };

#endif
