/* riscv64 floating-point control state, for the unit tests and the
 * compat scenarios. */
#ifndef UCC_TEST_FPCTL_H
#define UCC_TEST_FPCTL_H

#include <stdint.h>

/* The FP state a context owns, as in glibc: fcsr, the rounding mode
 * (frm, bits 5-7) and the accrued exception flags (fflags, bits 0-4:
 * NV DZ OF UF NX).  RISC-V has no trap enables. */
struct fpctl {
	uint32_t fcsr;
};
#define ARCH_FCSR_FLAGS 0x1fu

static inline void
arch_get_fpctl(struct fpctl *f)
{
	uint64_t v;
	__asm__ volatile("frcsr %0" : "=r"(v));
	f->fcsr = (uint32_t)v;
}

static inline void
arch_set_fpctl(const struct fpctl *f)
{
	__asm__ volatile("fscsr %0" : : "r"((uint64_t)f->fcsr));
}

/* The control part of two states is the same: the flags aside. */
static inline int
arch_fpctl_same_control(const struct fpctl *a, const struct fpctl *b)
{
	return (a->fcsr & ~ARCH_FCSR_FLAGS) == (b->fcsr & ~ARCH_FCSR_FLAGS);
}

/* The exception flags a context owns, in a state (running now:
 * arch_fp_flags, tests/util.h). */
static inline unsigned
arch_fpctl_flags(const struct fpctl *f)
{
	return f->fcsr & ARCH_FCSR_FLAGS;
}

/* Raise divide-by-zero (1.0/0.0 in double). */
static inline void
arch_raise_divbyzero(void)
{
	volatile double one = 1.0, zero = 0.0, r;
	r = one / zero;
	(void)r;
}
#define ARCH_FP_PE 0x01u	/* NX, inexact */
#define ARCH_FP_ZE 0x08u	/* DZ, divide-by-zero */

/* No ARCH_UC_DROP_FPSTATE: glibc's riscv64 setcontext loads fcsr from
 * every context; a context cannot say it has no FP state. */

/* Two distinct control states and a third: round up, round toward zero,
 * round down (frm 3, 1, 2). */
static const struct fpctl arch_fpctl_a = { 3u << 5 };
static const struct fpctl arch_fpctl_b = { 1u << 5 };
static const struct fpctl arch_fpctl_c = { 2u << 5 };

#endif
