/* What the tests need to know of i386: where a context keeps its stack
 * and program counters, the FP control state, and the probes in probe.S. */
#ifndef UCC_TEST_ARCH_H
#define UCC_TEST_ARCH_H

#include <asm/ldt.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "fpctl.h"

#define ARCH_NAME "i386"
/* The registers a context keeps that the probes check: the callee-saved
 * ebx esi edi ebp, and edx, which glibc's setcontext restores too. */
#define ARCH_NCALLEE 5		/* ebx esi edi ebp edx */
#define ARCH_NPRESERVED 4	/* the psABI's callee-saved: all but edx */

/* A general register's worth, what the probes load and store
 * (tests/util.h: arch_reg_t). */
#define ARCH_REG_T uint32_t

static inline uintptr_t
arch_uc_sp(const ucontext_t *uc)
{
	return (uintptr_t)(uint32_t)uc->uc_mcontext.gregs[REG_ESP];
}

static inline uintptr_t
arch_uc_pc(const ucontext_t *uc)
{
	return (uintptr_t)(uint32_t)uc->uc_mcontext.gregs[REG_EIP];
}

/* The saved general register slot i (gregs[i]). */
#define ARCH_UC_REG(uc, i) ((uc)->uc_mcontext.gregs[i])

/* A function entered by makecontext sees its stack as after a call:
 * esp + 4 is a multiple of 16 (psABI 2.2.3, as gcc has kept it). */
static inline int
arch_entry_sp_ok(uintptr_t sp)
{
	return (sp + 4) % 16 == 0;
}

/* The byte ranges of ucontext_t that getcontext, and swapcontext for its
 * first argument, write (glibc's set but the 4 mask bytes and the last
 * 16 bytes of the x87 environment, its instruction and operand
 * pointers); every other byte must keep its value (musl's ucontext_t
 * ends at 348, glibc's __ssp must not be touched). */
static const struct { size_t off, len; } arch_written[] = {
	{ 24, 4 },	/* fs */
	{ 36, 32 },	/* edi esi ebp esp ebx edx ecx eax */
	{ 76, 4 },	/* eip */
	{ 96, 4 },	/* fpregs */
	{ 236, 12 },	/* x87 control word, status word, tag word */
};
#define ARCH_NWRITTEN (sizeof arch_written / sizeof arch_written[0])

/* probe.S */
/* Load in[] into those registers, call ucc_swapcontext(o, u), then store
 * them into out[]; returns its result. */
int probe_swap(ucontext_t *o, const ucontext_t *u,
	       const ARCH_REG_T in[ARCH_NCALLEE], ARCH_REG_T out[ARCH_NCALLEE]);
/* Load in[], ucc_getcontext(uc); on its first return load junk[] and
 * ucc_setcontext(uc); on the second store the registers into out[]. */
int probe_getset(ucontext_t *uc, const ARCH_REG_T in[ARCH_NCALLEE],
		 ARCH_REG_T out[ARCH_NCALLEE], const ARCH_REG_T junk[ARCH_NCALLEE]);
/* Load vals[] into every general register getcontext saves but esp and
 * eax, in the order of arch_saved[], and call ucc_getcontext(uc). */
#define ARCH_NSAVED 6
int probe_getcontext_all(ucontext_t *uc, const ARCH_REG_T vals[ARCH_NSAVED]);
/* The gregs slot of each of those registers, in that order. */
static const int arch_saved[ARCH_NSAVED] = {
	REG_EBX, REG_ESI, REG_EDI, REG_EBP, REG_EDX, REG_ECX,
};
/* glibc's getcontext saves eax as 0, the value the resumed call returns;
 * no register holds uc (it is on the stack). */
#define ARCH_REG_ZERO REG_EAX
/* A function for makecontext: records its stack and frame pointers at
 * entry, then returns. */
void probe_entry(void);
extern uintptr_t probe_entry_sp, probe_entry_fp;

/* fs, which glibc's contexts keep (tests/test_setcontext.c): read it,
 * load it, and a selector to load, of a TLS segment of the thread's
 * (set_thread_area), or -1. */
#define ARCH_HAS_FS 1

static inline int
arch_get_fs(void)
{
	unsigned v;
	__asm__ volatile("mov %%fs, %0" : "=r"(v));
	return (int)(v & 0xffff);
}

static inline void
arch_set_fs(int sel)
{
	__asm__ volatile("mov %0, %%fs" : : "r"((unsigned)sel));
}

static inline int
arch_fs_selector(void)
{
	static int where;
	struct user_desc d;
	memset(&d, 0, sizeof d);
	d.entry_number = (unsigned)-1;	/* a free TLS slot */
	d.base_addr = (unsigned)(uintptr_t)&where;
	d.limit = 0xfffff;
	d.seg_32bit = 1;
	d.limit_in_pages = 1;
	d.useable = 1;
	if (syscall(SYS_set_thread_area, &d) != 0)
		return -1;
	return (int)(d.entry_number << 3 | 3);	/* GDT, ring 3 */
}

/* tests/sigcount.c: the system call a seccomp SECCOMP_RET_TRAP stopped,
 * as the signal handler's context shows it (int $0x80: ebx ecx edx esi). */
#define ARCH_AUDIT_ARCH AUDIT_ARCH_I386
#define ARCH_SET_SYSCALL_RESULT(uc, v) ((uc)->uc_mcontext.gregs[REG_EAX] = (v))
#define ARCH_SYSCALL_ARG(uc, n) ((uc)->uc_mcontext.gregs[(const int[]){ \
	REG_EBX, REG_ECX, REG_EDX, REG_ESI }[n]])

#endif
