/* makecontext for every port: the frame is laid out from the facts in
 * lib/arch/<abi>/offsets.def, so a port describes its psABI there instead
 * of writing this again.
 *
 * The frame, highest address first (x86_64 shown; see offsets.def):
 *
 *   ss_sp + ss_size  ->  (unused: at most UC_STACK_ALIGN - 1 bytes plus
 *                         whatever aligning the arguments leaves)
 *   args             ->  argument UC_NARGREGS+1 ... argument argc,
 *                        one UC_SLOT_SIZE slot each; args is a multiple
 *                        of UC_STACK_ALIGN
 *   sp = args - UC_ARGS_OFFSET
 *                    ->  the start trampoline's address, when the psABI
 *                        keeps return addresses on the stack
 *                        (UC_RA_ON_STACK), else it goes in register UC_RA;
 *                        the rest of [sp, args) is zeroed: a register
 *                        save area (s390x), a linkage area whose back
 *                        chain ends the frame chain (powerpc)
 *   ...              ->  at least UCC_STACK_MIN bytes for the function
 *   ss_sp
 *
 * Registers: the first UC_NARGREGS arguments, UC_PC = func, UC_SP = sp
 * less UC_STACK_BIAS, UC_FP = 0 (so frame-pointer walks stop),
 * UC_LINK_REG = uc_link, which the trampoline reads when func returns
 * (where the ABI's glibc reads uc_link only then, UC_LINK_FROM_UCP:
 * ucp, through which the trampoline reads it),
 * and where the ABI asks (lib/abi.h's optional facts) the entry address
 * again in UC_ENTRY_REG and the descriptor's TOC in UC_TOC_REG.  Nothing outside
 * [ss_sp, ss_sp + ss_size) is written, and the trampoline never writes
 * into this frame, so resuming the context again starts func afresh. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#ifdef HAVE_VALGRIND_VALGRIND_H
#include <valgrind/valgrind.h>
#endif

#include "ucontext_compat.h"
#include "abi.h"
#include "internal.h"

_Static_assert(UC_REG_SIZE == 4 || UC_REG_SIZE == 8, "register size");
_Static_assert(UC_SLOT_SIZE == 4 || UC_SLOT_SIZE == 8, "stack slot size");

/* The widest argument makecontext passes: a register's worth. */
typedef unsigned long ucc_arg;

static void
put(void *at, unsigned size, ucc_arg v)
{
	if (size == 8) {
		uint64_t x = v;
		memcpy(at, &x, 8);
	} else {
		uint32_t x = (uint32_t)v;
		memcpy(at, &x, 4);
	}
}

/* Where the register slots are: ucontext_t itself, or (UC_MCTX_PTR) the
 * mcontext its pointer designates, which makecontext sets to the
 * context's own register space, as getcontext does: a context copied by
 * assignment is then made in its copy, not in the original. */
static char *
regs(ucontext_t *ucp)
{
#ifdef UC_MCTX_PTR
	uintptr_t m = ((uintptr_t)ucp + UC_MCTX_SPACE + UC_MCTX_ALIGN - 1) &
		      -(uintptr_t)UC_MCTX_ALIGN;
	void *p = (void *)m;
	memcpy((char *)ucp + UC_MCTX_PTR, &p, sizeof p);
	return p;
#else
	return (char *)ucp;
#endif
}

static void
set_reg(ucontext_t *ucp, unsigned off, ucc_arg v)
{
	put(regs(ucp) + off, UC_REG_SIZE, v);
}

/* A function's entry address; where function pointers are descriptors
 * (UC_FUNC_DESC), the descriptor's first word, and its second, the TOC,
 * in *toc. */
static uintptr_t
entry(void (*f)(void), uintptr_t *toc)
{
	*toc = 0;
#if UC_FUNC_DESC
	const uintptr_t *d = (const uintptr_t *)(uintptr_t)f;
	*toc = d[1];
	return d[0];
#else
	return (uintptr_t)f;
#endif
}

/* A context makecontext refused: setcontext and swapcontext see the zero
 * stack pointer and fail with EINVAL instead of jumping. */
static void
refuse(ucontext_t *ucp, int err)
{
	set_reg(ucp, UC_SP, 0);
	set_reg(ucp, UC_PC, 0);
	errno = err;
}

UCC_API void
ucc_makecontext(ucontext_t *ucp, void (*func)(void), int argc, ...)
{
	if (ucp == NULL) {
		errno = EFAULT;
		return;
	}
	uintptr_t lo = (uintptr_t)ucp->uc_stack.ss_sp;
	size_t size = ucp->uc_stack.ss_size;
	if (func == NULL || argc < 0 || argc > UCC_MAKECONTEXT_MAX_ARGS ||
	    lo == 0 || size > UINTPTR_MAX - lo) {
		refuse(ucp, EINVAL);
		return;
	}

	size_t nreg = UC_NARGREGS;
	size_t nstack = (size_t)argc > nreg ? argc - nreg : 0;
	size_t frame = nstack * UC_SLOT_SIZE + UC_ARGS_OFFSET;
	if (size < frame + UCC_STACK_MIN) {
		refuse(ucp, ENOMEM);
		return;
	}
	uintptr_t args = (lo + size - nstack * UC_SLOT_SIZE) &
			 -(uintptr_t)UC_STACK_ALIGN;
	uintptr_t sp = args - UC_ARGS_OFFSET;
	if (sp < lo + UCC_STACK_MIN) {
		refuse(ucp, ENOMEM);
		return;
	}

#ifdef UCC_SANITIZER_FIBERS
	__ucc_fiber_made((void *)lo, size);
#endif
	va_list ap;
	va_start(ap, argc);
	for (int i = 0; i < argc; i++) {
		ucc_arg v = va_arg(ap, ucc_arg);
		if ((size_t)i < nreg)
			set_reg(ucp, ucc_argregs[i], v);
		else
			put((char *)args + (i - nreg) * UC_SLOT_SIZE,
			    UC_SLOT_SIZE, v);
	}
	va_end(ap);

	/* Between sp and the arguments: the return address where the psABI
	 * keeps it on the stack, else zeros, so that a back chain (powerpc,
	 * s390x) or a register window's saved frame pointer (sparc) ends
	 * the frame chain here. */
	uintptr_t toc, start = entry(__ucc_start, &toc) - UC_RA_OFFSET;
	memset((void *)sp, 0, args - sp);
	if (UC_RA_ON_STACK)
		put((void *)sp, UC_SLOT_SIZE, start);
	else
		set_reg(ucp, UC_RA, start);
	uintptr_t pc = entry(func, &toc);
	set_reg(ucp, UC_PC, pc);
#ifdef UC_ENTRY_REG
	set_reg(ucp, UC_ENTRY_REG, pc);
#endif
#if UC_FUNC_DESC
	set_reg(ucp, UC_TOC_REG, toc);
#endif
	set_reg(ucp, UC_SP, sp - UC_STACK_BIAS);
	set_reg(ucp, UC_FP, 0);
	set_reg(ucp, UC_LINK_REG, UC_LINK_FROM_UCP ? (uintptr_t)ucp : (uintptr_t)ucp->uc_link);
#ifdef HAVE_VALGRIND_VALGRIND_H
	/* Otherwise valgrind takes a switch onto this stack for a jump of the
	 * stack pointer within one stack, and reports writes to it.  There is
	 * no moment to deregister it: a context has no end. */
	VALGRIND_STACK_REGISTER(lo, lo + size);
#endif
}

/* Where a function started by makecontext goes when it returns: its
 * start trampoline (lib/arch/<abi>) calls this with the uc_link it kept,
 * on an aligned stack below the frame makecontext built.  As glibc: the
 * link resumed, or exit(0) when there is none, exit(-1) when it cannot
 * be resumed. */
void
__ucc_start_return(const ucontext_t *link)
{
	if (link != NULL) {
		__ucc_setcontext(link);
		exit(-1);
	}
	exit(0);
}

#ifdef HAVE_VALGRIND_VALGRIND_H
#include <valgrind/memcheck.h>
/* Called by the start trampoline (start.S) as it steps below the frame
 * makecontext built: memcheck takes the stack pointer's move down for a
 * fresh allocation and forgets that the trampoline's own slot, just
 * below, still holds its address, which a second run returns through. */
void
__ucc_valgrind_frame_kept(void *slot)
{
	/* a no-op where valgrind.h knows no client requests for the ABI
	 * (riscv64 in valgrind 3.19) */
	(void)slot;
	VALGRIND_MAKE_MEM_DEFINED(slot, sizeof(void *));
}
#endif

/* The drop-in name, unversioned (see lib/ucontext_compat.map). */
UCC_API extern __typeof__(ucc_makecontext) makecontext
	__attribute__((alias("ucc_makecontext")));
