/* What the tests need to know of x86_64: where a context keeps its stack
 * and program counters, the FP control state, and the probes in probe.S. */
#ifndef UCC_TEST_ARCH_H
#define UCC_TEST_ARCH_H

#include <stddef.h>
#include <stdint.h>
#include <ucontext.h>

#define ARCH_NAME "x86_64"
#define ARCH_NCALLEE 6		/* rbx rbp r12 r13 r14 r15 */

static inline uintptr_t
arch_uc_sp(const ucontext_t *uc)
{
	return (uintptr_t)uc->uc_mcontext.gregs[REG_RSP];
}

static inline uintptr_t
arch_uc_pc(const ucontext_t *uc)
{
	return (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
}

/* A function entered by makecontext sees its stack as after a call:
 * rsp + 8 is a multiple of 16. */
static inline int
arch_entry_sp_ok(uintptr_t sp)
{
	return (sp + 8) % 16 == 0;
}

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

/* The byte ranges of ucontext_t that getcontext, and swapcontext for its
 * first argument, write; every other byte must keep its value (musl's
 * ucontext_t ends at 936, glibc's __ssp must not be touched). */
static const struct { size_t off, len; } arch_written[] = {
	{ 40, 16 },	/* r8 r9 */
	{ 72, 72 },	/* r12-r15 rdi rsi rbp rbx rdx */
	{ 152, 24 },	/* rcx rsp rip */
	{ 224, 8 },	/* fpregs */
	{ 424, 12 },	/* x87 control word and a clean environment */
	{ 448, 4 },	/* mxcsr */
};
#define ARCH_NWRITTEN (sizeof arch_written / sizeof arch_written[0])

/* probe.S */
/* Load in[] into the callee-saved registers, call ucc_swapcontext(o, u),
 * then store the callee-saved registers into out[]; returns its result. */
int probe_swap(ucontext_t *o, const ucontext_t *u,
	       const uint64_t in[ARCH_NCALLEE], uint64_t out[ARCH_NCALLEE]);
/* Load in[], ucc_getcontext(uc); on its first return load junk[] and
 * ucc_setcontext(uc); on the second store the registers into out[]. */
int probe_getset(ucontext_t *uc, const uint64_t in[ARCH_NCALLEE],
		 uint64_t out[ARCH_NCALLEE], const uint64_t junk[ARCH_NCALLEE]);
/* A function for makecontext: records its stack and frame pointers at
 * entry, then returns. */
void probe_entry(void);
extern uintptr_t probe_entry_sp, probe_entry_fp;

#endif
