/* Build-time proof that lib/arch/<abi>/offsets.def matches the system's
 * <ucontext.h>: a wrong number fails the build, natively, cross and on
 * musl.  No code is generated. */
#define _GNU_SOURCE
#include <signal.h>
#include <stddef.h>
#include <sys/syscall.h>
#include <ucontext.h>

#include "ucontext_compat.h"

#define UC_OFF(name, off, member) \
	_Static_assert(offsetof(ucontext_t, member) == (off), \
		       #name ": ucontext_t." #member " is not at " #off);
#define UC_FPOFF(name, off, member) \
	_Static_assert(offsetof(__typeof__(*(fpregset_t)0), member) == (off), \
		       #name ": fpregset_t->" #member " is not at " #off);
#define UC_CONST(name, value, expr) \
	_Static_assert((expr) == (value), #name ": " #expr " is not " #value);
#define UC_SLICE(name, off, member) \
	_Static_assert(offsetof(ucc_slice_t, member) == (off), \
		       #name ": ucc_slice_t." #member " is not at " #off);
#define UC_BASE(name, off, member) \
	_Static_assert(offsetof(ucc_base_t, member) == (off), \
		       #name ": ucc_base_t." #member " is not at " #off);
#define UC_ABI(name, value)
#define UC_ARGREG(off)
#include "offsets.def"

/* An empty translation unit is not ISO C. */
typedef int ucc_offsets_checked;
