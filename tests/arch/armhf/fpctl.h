/* 32-bit Arm floating-point control state, for the unit tests and the
 * compat scenarios: VFP's FPSCR (armhf; armel's where the hardware has
 * VFP, which qemu's default CPU has). */
#ifndef UCC_TEST_FPCTL_H
#define UCC_TEST_FPCTL_H

#include <stdint.h>

/* The FP state a context owns, as in glibc: FPSCR, both its modes
 * (rounding, flush-to-zero, default NaN, trap enables) and its
 * cumulative exception flags. */
struct fpctl {
	uint32_t fpscr;
};
#define ARCH_FPSCR_FLAGS 0x9fu		/* IOC DZC OFC UFC IXC IDC */
#define ARCH_FPSCR_NZCV 0xf0000000u	/* comparison results, nobody's */

/* VFP instructions, assembled for armel too, whose soft-float C is
 * assembled for no FPU (the directive holds to the end of the file,
 * where the compiler emits no VFP instruction of its own). */
#ifdef __ARM_PCS_VFP
# define ARCH_VFP_ASM ""
#else
# define ARCH_VFP_ASM ".fpu vfp\n\t"
#endif

static inline void
arch_get_fpctl(struct fpctl *f)
{
	uint32_t v;
	__asm__ volatile(ARCH_VFP_ASM "vmrs %0, fpscr" : "=r"(v));
	f->fpscr = v;
}

static inline void
arch_set_fpctl(const struct fpctl *f)
{
	__asm__ volatile(ARCH_VFP_ASM "vmsr fpscr, %0" : : "r"(f->fpscr));
}

/* The control part of two states is the same: the flags aside. */
static inline int
arch_fpctl_same_control(const struct fpctl *a, const struct fpctl *b)
{
	uint32_t m = ~(ARCH_FPSCR_FLAGS | ARCH_FPSCR_NZCV);
	return (a->fpscr & m) == (b->fpscr & m);
}

/* The exception flags a context owns, in a state (running now:
 * arch_fp_flags, tests/util.h). */
static inline unsigned
arch_fpctl_flags(const struct fpctl *f)
{
	return f->fpscr & ARCH_FPSCR_FLAGS;
}

/* Raise divide-by-zero: armhf's 1.0/0.0 in double would do, armel's is
 * soft-float and raises nothing, so a VFP division on both. */
static inline void
arch_raise_divbyzero(void)
{
	__asm__ volatile(ARCH_VFP_ASM "vmov d0, %0, %1\n\t"
			 "vsub.f64 d1, d0, d0\n\tvdiv.f64 d0, d0, d1"
			 : : "r"(0), "r"(0x3ff00000) : "d0", "d1");
}
#ifndef __ARM_PCS_VFP
/* armel: a / b by VFP (tests/util.h), the operands in core registers. */
static inline double
arch_fp_div(double a, double b)
{
	double r;
	__asm__ volatile(ARCH_VFP_ASM "vmov d0, %Q1, %R1\n\tvmov d1, %Q2, %R2\n\t"
			 "vdiv.f64 d0, d0, d1\n\tvmov %Q0, %R0, d0"
			 : "=r"(r) : "r"(a), "r"(b) : "d0", "d1");
	return r;
}
# define arch_fp_div arch_fp_div
#endif
#define ARCH_FP_PE 0x10u	/* IXC, inexact */
#define ARCH_FP_ZE 0x02u	/* DZC, divide-by-zero */

/* Two distinct control states and a third: round up with flush-to-zero;
 * round toward zero with default NaN; round down with both.  (Trap
 * enables are RAZ/WI on most cores, so none is set.) */
static const struct fpctl arch_fpctl_a = { 0x00400000 | 0x01000000 };
static const struct fpctl arch_fpctl_b = { 0x00c00000 | 0x02000000 };
static const struct fpctl arch_fpctl_c = { 0x00800000 | 0x03000000 };

#endif
