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
	if (UC_REG_SIZE == 8) {
		uint64_t v;
		memcpy(&v, (const char *)ucp + UC_SP, 8);
		return (void *)(uintptr_t)v;
	}
	uint32_t v;
	memcpy(&v, (const char *)ucp + UC_SP, 4);
	return (void *)(uintptr_t)v;
}
