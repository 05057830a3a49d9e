/* The stack pointer a context holds, whoever saved it: offsets.def's
 * UC_SP is the slot the kernel fills for signal handlers too. */
#define _GNU_SOURCE
#include <stdint.h>
#include <string.h>
#include <ucontext.h>

#include "ucontext_compat.h"
#include "abi.h"
#include "internal.h"

UCC_API void *
ucc_context_sp(const ucontext_t *ucp)
{
	if (ucp == NULL)
		return NULL;
	const char *r = (const char *)ucp;
#ifdef UC_MCTX_PTR	/* the registers are where uc_regs points */
	memcpy(&r, (const char *)ucp + UC_MCTX_PTR, sizeof r);
	if (r == NULL)
		return NULL;
#endif
	uintptr_t sp;
	if (UC_REG_SIZE == 8) {
		uint64_t v;
		memcpy(&v, r + UC_SP, 8);
		sp = (uintptr_t)v;
	} else {
		uint32_t v;
		memcpy(&v, r + UC_SP, 4);
		sp = v;
	}
	return sp == 0 ? NULL : (void *)(sp + UC_STACK_BIAS);
}

/* The same, called inside the library without the PLT. */
extern __typeof__(ucc_context_sp) __ucc_context_sp
	__attribute__((alias("ucc_context_sp"), visibility("hidden")));
