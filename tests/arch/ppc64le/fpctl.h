/* ppc64le floating-point control state, for the unit tests and the
 * compat scenarios. */
#ifndef UCC_TEST_FPCTL_H
#define UCC_TEST_FPCTL_H

#include <stdint.h>
#include <string.h>

/* The FP state a context owns, as in glibc: FPSCR, its control bits
 * (RN, the rounding mode, bits 62-63 in the register's low word as mffs
 * gives it: value & 3; the enables VE OE UE ZE XE, 0xf8; NI, 0x04) and
 * its sticky exception flags (FX, OX, UX, ZX, XX: 0x9e000000, with VX's
 * causes).  The flags: the summary bits of the five exceptions. */
struct fpctl {
	uint64_t fpscr;
};

static inline void
arch_get_fpctl(struct fpctl *f)
{
	double d;
	__asm__ volatile("mffs %0" : "=f"(d));
	memcpy(&f->fpscr, &d, 8);
}

static inline void
arch_set_fpctl(const struct fpctl *f)
{
	double d;
	memcpy(&d, &f->fpscr, 8);
	__asm__ volatile("mtfsf 0xff, %0, 1, 0" : : "f"(d));
}

/* The control part of two states is the same: the flags and the
 * result class (FPRF, FR, FI) aside. */
#define ARCH_FPSCR_CONTROL 0xffu
static inline int
arch_fpctl_same_control(const struct fpctl *a, const struct fpctl *b)
{
	return (a->fpscr & ARCH_FPSCR_CONTROL) == (b->fpscr & ARCH_FPSCR_CONTROL);
}

/* The exception flags a context owns, in a state (running now:
 * arch_fp_flags, tests/util.h): OX UX ZX XX. */
static inline unsigned
arch_fpctl_flags(const struct fpctl *f)
{
	return (unsigned)(f->fpscr & 0x1e000000u);
}

/* Raise divide-by-zero (1.0/0.0 in double). */
static inline void
arch_raise_divbyzero(void)
{
	volatile double one = 1.0, zero = 0.0, r;
	r = one / zero;
	(void)r;
}
#define ARCH_FP_PE 0x02000000u	/* XX, inexact */
#define ARCH_FP_ZE 0x04000000u	/* ZX, divide-by-zero */

/* No ARCH_UC_DROP_FPSTATE: glibc's powerpc64 setcontext loads fpscr
 * from every context; a context cannot say it has no FP state. */

/* Two distinct control states and a third: round up with NI (non-IEEE
 * mode) off, round toward zero, round down (RN 2, 1, 3).  No exception
 * is enabled: an enabled one would trap the tests' own arithmetic. */
static const struct fpctl arch_fpctl_a = { 2u };
static const struct fpctl arch_fpctl_b = { 1u };
static const struct fpctl arch_fpctl_c = { 3u };

#endif
