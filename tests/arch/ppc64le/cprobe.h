/* The compat scenarios' probes for ppc64le (cprobe.S); the rest of what
 * they need to know of the ABI is arch.h, shared with the unit tests. */
#ifndef UCC_CPROBE_H
#define UCC_CPROBE_H

#include <stdint.h>
#include <ucontext.h>

#include "arch.h"

/* cprobe_entry, a function for makecontext, records at its entry the
 * stack pointer, the frame pointer (r31) and the 8 bytes below the stack
 * pointer, then returns. */
void cprobe_entry(void);
extern uintptr_t cprobe_sp, cprobe_fp, cprobe_below;

/* Load a known pattern into r4-r10 and r14-r31, then call fn(ucp)
 * through r12, as a call through a pointer does.  meta[0] receives the
 * stack pointer at the call, meta[1] the return address, meta[2] fn's
 * result. */
void cprobe_getcontext(int (*fn)(ucontext_t *), ucontext_t *ucp,
		       uintptr_t meta[3]);

/* Load 0x0101010101010101 * (N + 1) ^ 1 << 63 into rN for r0, r11 and
 * r14, then trap (SIGTRAP), which a handler resumes past; out[]
 * receives what r0, r11 and r14 then hold. */
void cprobe_trap(uint64_t out[3]);

/* The pattern cprobe_getcontext loads into rN, or 0 for a register it
 * cannot control. */
static inline uint64_t
cprobe_pattern(int reg)
{
	if (reg < 4 || reg == 11 || reg == 12 || reg == 13 || reg > 31)
		return 0;
	return 0x0101010101010101ull * (uint64_t)(reg + 1) ^ 0x8000000000000000ull;
}

#endif
