/* x86_64 floating-point control state, for the unit tests and the
 * compat scenarios. */
#ifndef UCC_TEST_FPCTL_H
#define UCC_TEST_FPCTL_H

#include <stdint.h>

/* The FP control state a context owns: x87 control word, MXCSR control
 * bits.  The exception flags (MXCSR bits 0-5) are the thread's. */
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

/* Two distinct control states, both with every exception masked:
 * round up with 53-bit x87 precision and MXCSR flush-to-zero, and round
 * toward zero with 24-bit precision and denormals-are-zero. */
static const struct fpctl arch_fpctl_a = { 0x0a7f, 0x9f80 | 0x4000 };
static const struct fpctl arch_fpctl_b = { 0x0c7f & ~0x0300, 0x1f80 | 0x6000 | 0x0040 };
/* An exception unmasked: x87 and SSE divide-by-zero. */
static const struct fpctl arch_fpctl_c = { 0x037b, 0x1d80 };

#endif
