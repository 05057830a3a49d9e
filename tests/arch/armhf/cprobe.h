/* The compat scenarios' probes for 32-bit Arm (cprobe.S); the rest of
 * what they need to know of the ABI is arch.h, shared with the unit
 * tests. */
#ifndef UCC_CPROBE_H
#define UCC_CPROBE_H

#include <stdint.h>
#include <ucontext.h>

#include "arch.h"

/* cprobe_entry, a function for makecontext (ARM state), records at its
 * entry the stack pointer, the frame pointer (r11) and the 4 bytes below
 * the stack pointer, then returns. */
void cprobe_entry(void);
extern uintptr_t cprobe_sp, cprobe_fp, cprobe_below;

/* Load a known pattern into every general register but sp, r0 (which
 * carries ucp), ip (which carries fn) and lr, then call fn(ucp), from
 * ARM state.  meta[0] receives the stack pointer at the call, meta[1]
 * the return address, meta[2] fn's result. */
void cprobe_getcontext(int (*fn)(ucontext_t *), ucontext_t *ucp,
		       uintptr_t meta[3]);

/* The pattern cprobe_getcontext loads into ri, or 0 for a register it
 * cannot control (r0, ip, sp, lr, pc). */
static inline uint32_t
cprobe_pattern(int reg)
{
	if (reg <= 0 || reg >= 12)
		return 0;
	return 0x01010101u * (uint32_t)(reg + 1) ^ 0x80000000u;
}

#endif
