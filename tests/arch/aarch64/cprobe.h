/* The compat scenarios' probes for aarch64 (cprobe.S); the rest of what
 * they need to know of the ABI is arch.h, shared with the unit tests. */
#ifndef UCC_CPROBE_H
#define UCC_CPROBE_H

#include <stdint.h>
#include <ucontext.h>

#include "arch.h"

/* cprobe_entry, a function for makecontext, records at its entry the
 * stack pointer, the frame pointer and the 8 bytes below the stack
 * pointer, then returns. */
void cprobe_entry(void);
extern uintptr_t cprobe_sp, cprobe_fp, cprobe_below;

/* Load a known pattern into every general register but sp, x0 (which
 * carries ucp), x16 (which carries fn) and x30, and into q8-q15, then
 * call fn(ucp).  meta[0] receives the stack pointer at the call, meta[1]
 * the return address, meta[2] fn's result. */
void cprobe_getcontext(int (*fn)(ucontext_t *), ucontext_t *ucp,
		       uintptr_t meta[3]);

/* The same for fn(oucp, ucp), swapcontext: x1 carries ucp. */
void cprobe_swapcontext(int (*fn)(ucontext_t *, const ucontext_t *),
			ucontext_t *oucp, const ucontext_t *ucp,
			uintptr_t meta[3]);

/* x0-x30 and q8-q15 (each its low doubleword first), as stored at once. */
struct cprobe_regs {
	uint64_t x[31], pad;
	uint64_t q[8][2];
};

/* Load the patterns (x1-x15, x17-x29, q8-q15), call get(ucp); each time
 * it returns (first, or resumed by set), after(ucp, r) gets the
 * registers as they were right then; while after returns nonzero,
 * set(ucp) resumes ucp.  Returns 0, or -1 if set returned. */
int cprobe_getset(int (*get)(ucontext_t *), int (*set)(const ucontext_t *),
		  ucontext_t *ucp,
		  int (*after)(ucontext_t *ucp, const struct cprobe_regs *r));

/* The pattern cprobe_getcontext loads into regs[i], or 0 for a register
 * it cannot control (x0, x16, x30). */
static inline uint64_t
cprobe_pattern(int reg)
{
	if (reg <= 0 || reg == 16 || reg >= 30)
		return 0;
	return 0x0101010101010101ull * (uint64_t)(reg + 1) ^ 0x8000000000000000ull;
}

/* The halves of the pattern the probes load into q8-q15 (v = 8..15). */
static inline uint64_t
cprobe_vpattern(int v, int hi)
{
	return 0x0101010101010101ull * (uint64_t)(v + 1) ^
	       (hi ? 0x2000000000000000ull : 0x4000000000000000ull);
}

#endif
