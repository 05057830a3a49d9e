/* What the compat scenarios need to know of x86_64 (see probe.S). */
#ifndef UCC_SCENARIO_ARCH_H
#define UCC_SCENARIO_ARCH_H

#include <stdint.h>
#include <ucontext.h>

#include "fpctl.h"

#define ARCH_NAME "x86_64"

static inline uintptr_t arch_uc_sp(const ucontext_t *uc)
{ return (uintptr_t)uc->uc_mcontext.gregs[REG_RSP]; }

/* A function entered by makecontext sees its stack as after a call. */
static inline int arch_entry_sp_ok(uintptr_t sp) { return (sp + 8) % 16 == 0; }

/* cprobe_entry, a function for makecontext, records at its entry the
 * stack pointer, the frame pointer and the 8 bytes below the stack
 * pointer, then returns. */
void cprobe_entry(void);
extern uintptr_t cprobe_sp, cprobe_fp, cprobe_below;

/* Load a known pattern into every general register but rsp and rdi
 * (which carries ucp), then call fn(ucp).  meta[0] receives the stack
 * pointer at the call, meta[1] the return address, meta[2] fn's result. */
void cprobe_getcontext(int (*fn)(ucontext_t *), ucontext_t *ucp,
		       uintptr_t meta[3]);

/* The pattern cprobe_getcontext loads into gregs[i], or 0 for a register
 * it cannot control (rsp, rdi, rip). */
static inline uint64_t
cprobe_pattern(int reg)
{
	switch (reg) {
	case REG_RSP: case REG_RDI: case REG_RIP: case REG_EFL:
	case REG_CSGSFS: case REG_ERR: case REG_TRAPNO: case REG_OLDMASK:
	case REG_CR2:
		return 0;
	default:
		return 0x0101010101010101ull * (uint64_t)(reg + 1) ^ 0x8000000000000000ull;
	}
}

#endif
