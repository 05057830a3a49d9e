/* The compat scenarios' probes for i386 (cprobe.S); the rest of what
 * they need to know of the ABI is arch.h, shared with the unit tests. */
#ifndef UCC_CPROBE_H
#define UCC_CPROBE_H

#include <stdint.h>
#include <ucontext.h>

#include "arch.h"

/* cprobe_entry, a function for makecontext, records at its entry the
 * stack pointer, the frame pointer and the 4 bytes below the stack
 * pointer, then returns. */
void cprobe_entry(void);
extern uintptr_t cprobe_sp, cprobe_fp, cprobe_below;

/* Load a known pattern into every general register but esp, then call
 * fn(ucp) (ucp on the stack).  meta[0] receives the stack pointer at the
 * call, meta[1] the return address, meta[2] fn's result. */
void cprobe_getcontext(int (*fn)(ucontext_t *), ucontext_t *ucp,
		       uintptr_t meta[3]);

/* The same for fn(oucp, ucp), swapcontext. */
void cprobe_swapcontext(int (*fn)(ucontext_t *, const ucontext_t *),
			ucontext_t *oucp, const ucontext_t *ucp,
			uintptr_t meta[3]);

/* The general registers as pushal leaves them, lowest address first. */
struct cprobe_regs {
	uint32_t edi, esi, ebp, esp, ebx, edx, ecx, eax;
};

/* Load the patterns into every general register but esp, call get(ucp);
 * each time it returns (first, or resumed by set), after(ucp, r) gets
 * the registers as they were right then; while after returns nonzero,
 * set(ucp) resumes ucp.  Returns 0, or -1 if set returned. */
int cprobe_getset(int (*get)(ucontext_t *), int (*set)(const ucontext_t *),
		  ucontext_t *ucp,
		  int (*after)(ucontext_t *ucp, const struct cprobe_regs *r));

/* The pattern cprobe_getcontext loads into gregs[i], or 0 for a register
 * it cannot control. */
static inline uint64_t
cprobe_pattern(int reg)
{
	switch (reg) {
	case REG_EDI: case REG_ESI: case REG_EBP: case REG_EBX:
	case REG_EDX: case REG_ECX: case REG_EAX:
		return 0x01010101u * (uint32_t)(reg + 1) ^ 0x80000000u;
	default:
		return 0;
	}
}

#endif
