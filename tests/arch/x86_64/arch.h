/* What the tests need to know of x86_64: where a context keeps its stack
 * and program counters, the FP control state, and the probes in probe.S. */
#ifndef UCC_TEST_ARCH_H
#define UCC_TEST_ARCH_H

#include <stddef.h>
#include <stdint.h>
#include <ucontext.h>

#include "fpctl.h"

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
/* Load vals[] into every register getcontext saves but rdi (which holds
 * uc), in the order of arch_saved[], and call ucc_getcontext(uc). */
int probe_getcontext_all(ucontext_t *uc, const uint64_t vals[11]);
/* The gregs slot of each of those registers, in that order. */
static const int arch_saved[11] = {
	REG_RBX, REG_RBP, REG_R12, REG_R13, REG_R14, REG_R15,
	REG_RDX, REG_RCX, REG_R8, REG_R9, REG_RSI,
};
#define ARCH_REG_UCP REG_RDI	/* the slot that holds uc itself */
/* The saved general register slot i (gregs[i]). */
#define ARCH_UC_REG(uc, i) ((uc)->uc_mcontext.gregs[i])
/* A function for makecontext: records its stack and frame pointers at
 * entry, then returns. */
void probe_entry(void);
extern uintptr_t probe_entry_sp, probe_entry_fp;

/* tests/sigcount.c: the system call a seccomp SECCOMP_RET_TRAP stopped,
 * as the signal handler's context shows it. */
#define ARCH_AUDIT_ARCH AUDIT_ARCH_X86_64
#define ARCH_SET_SYSCALL_RESULT(uc, v) ((uc)->uc_mcontext.gregs[REG_RAX] = (v))
#define ARCH_SYSCALL_ARG(uc, n) ((uc)->uc_mcontext.gregs[(const int[]){ \
	REG_RDI, REG_RSI, REG_RDX, REG_R10 }[n]])

#endif
