/* The sanitizer fiber API (--enable-sanitizer-fibers, the default when
 * building with -fsanitize=address): AddressSanitizer is told before each
 * switch which stack comes next (__sanitizer_start_switch_fiber) and,
 * once on it, that the switch is done (__sanitizer_finish_switch_fiber).
 *
 * The public switching functions are then assembly entries (fiber.S in
 * lib/arch/<abi>/) that call __ucc_fiber_leave here and jump, not call,
 * to the switch itself: the context saved is the caller's, exactly as
 * without the sanitizer, so it can be resumed after the call returned.
 * Every resume calls __ucc_fiber_arrived on the new stack, below the
 * resumed code's red zone, before the jump; a switch that fails after
 * being announced is taken back by the error path (__ucc_fiber_cancel).
 *
 * Sliced contexts all run on their base's stack: switching among them is
 * no change of stack, but each restored slice is unpoisoned, since its
 * bytes replace frames ASan had poisoned for other code.  makecontext
 * unpoisons the whole stack it is given, which is fresh by definition.
 *
 * Fake stacks (ASAN_OPTIONS=detect_stack_use_after_return=1) are not
 * kept per context: that option is not supported. */
#ifdef UCC_SANITIZER_FIBERS
#define _GNU_SOURCE
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#include <stdint.h>
#include <ucontext.h>

#include "ucontext_compat.h"
#include "abi.h"
#include "internal.h"

struct bounds {
	uintptr_t lo, hi;
};

/* The running thread's own stack, asked once. */
static struct bounds
thread_stack(void)
{
	static __thread struct bounds b;
	if (b.hi == 0 && __ucc_thread_stack(&b.lo, &b.hi) != 0)
		b.lo = b.hi = 0;
	return b;
}

static int
holds(struct bounds b, uintptr_t sp)
{
	return sp > b.lo && sp <= b.hi;
}

/* Context stacks this thread ran on and left, most recent first: a
 * context saved by swapcontext carries no trustworthy bounds of its own
 * (its uc_stack is whatever the caller's memory held), so switching
 * back to it finds them here. */
enum { SEEN = 16 };
static __thread struct bounds seen[SEEN];

static void
remember(struct bounds b)
{
	if (b.hi == 0)
		return;
	int i;
	for (i = 0; i < SEEN - 1; i++)
		if (seen[i].lo == b.lo && seen[i].hi == b.hi)
			break;
	for (; i > 0; i--)
		seen[i] = seen[i - 1];
	seen[0] = b;
}

/* A context's uc_stack, believed only if it holds sp and has a sane
 * size: makecontext's contexts have one, others may hold garbage. */
#define SANE_STACK_SIZE ((size_t)1 << 30)

/* The stack a saved stack pointer lies on: the running one, the
 * thread's own, the context's uc_stack, or one this thread left; if
 * none holds it, an empty range at sp (the sanitizer then knows nothing
 * of that stack's extent, and says so if it needs to). */
static struct bounds
stack_of(uintptr_t sp, const stack_t *hint, struct bounds running)
{
	if (holds(running, sp))
		return running;
	struct bounds t = thread_stack();
	if (holds(t, sp))
		return t;
	if (hint != NULL && hint->ss_sp != NULL && hint->ss_size <= SANE_STACK_SIZE) {
		struct bounds h = { (uintptr_t)hint->ss_sp,
				    (uintptr_t)hint->ss_sp + hint->ss_size };
		if (holds(h, sp))
			return h;
	}
	for (int i = 0; i < SEEN; i++)
		if (holds(seen[i], sp))
			return seen[i];
	return (struct bounds){ sp, sp };
}

/* The stack the running code is on, as this library last told the
 * sanitizer; the one an announced switch goes to; whether a switch was
 * announced and has not arrived yet. */
static __thread struct bounds cur, next;
static __thread int cur_known, pending;

static struct bounds
current(void)
{
	if (!cur_known) {
		cur = thread_stack();
		cur_known = 1;
	}
	return cur;
}

/* Announce a switch to stack `to`, unless it is the running one.  The
 * fake stack is not kept (NULL): see the top of this file. */
static int
announce(struct bounds here, struct bounds to)
{
	if (here.lo == to.lo && here.hi == to.hi)
		return 0;
	remember(here);
	next = to;
	pending = 1;
	__sanitizer_start_switch_fiber(NULL, (const void *)to.lo, to.hi - to.lo);
	return 1;
}

/* Code on the running stack is left without its epilogues, as by
 * longjmp: clear the red zones its frames poisoned. */
static void
leaving_frames(void)
{
	__asan_handle_no_return();
}

/* setcontext (abandon) or swapcontext to ucp is about to happen.  A call
 * the switch will refuse (NULL, never saved) announces nothing. */
void
__ucc_fiber_leave(const void *ucp_, int abandon)
{
	const ucontext_t *ucp = ucp_;
	if (ucp == NULL)
		return;
	uintptr_t sp = (uintptr_t)ucc_context_sp(ucp);
	if (sp == 0)
		return;
	struct bounds here = current();
	struct bounds to = stack_of(sp, &ucp->uc_stack, here);
	if (abandon || (here.lo == to.lo && here.hi == to.hi))
		leaving_frames();
	announce(here, to);
}

/* The stack a slice-API context runs on. */
static struct bounds
slice_stack(const ucc_slice_t *s, struct bounds running)
{
	if (s->base != NULL)
		return (struct bounds){ s->base->lo, s->base->hi };
	const ucontext_t *ucp = (const ucontext_t *)(const void *)s->buf;
	if (ucp != NULL)
		return stack_of((uintptr_t)ucc_context_sp(ucp), &ucp->uc_stack,
				running);
	return thread_stack();
}

/* ucc_slice_swap(from, to), or ucc_slice_set(to) with from NULL, is
 * about to happen. */
void
__ucc_fiber_leave_slice(const ucc_slice_t *from, const ucc_slice_t *to)
{
	if (to == NULL || from == to)
		return;		/* swap(s, s) stays where it is */
	struct bounds here = current();
	struct bounds there = slice_stack(to, here);
	if (from == NULL || (here.lo == there.lo && here.hi == there.hi))
		leaving_frames();
	/* a sliced context's frames become bytes in its buffer or kept in
	 * place: code that runs there next must not find their redzones */
	if (from != NULL && from->base != NULL) {
		uintptr_t sp = (uintptr_t)__builtin_frame_address(0);
		if (sp >= from->base->lo && sp < from->base->sp)
			ASAN_UNPOISON_MEMORY_REGION((void *)sp, from->base->sp - sp);
	}
	/* a restored slice's bytes replace frames poisoned for other code */
	if (to->base != NULL && to->sp != 0 && to->sp < to->base->sp)
		ASAN_UNPOISON_MEMORY_REGION((void *)to->sp, to->base->sp - to->sp);
	announce(here, there);
}

/* On the new stack, about to resume. */
void
__ucc_fiber_arrived(void)
{
	if (pending) {
		pending = 0;
		__sanitizer_finish_switch_fiber(NULL, NULL, NULL);
		cur = next;
		cur_known = 1;
	}
}

/* An announced switch failed: still on the old stack, which the
 * sanitizer must be told again. */
void
__ucc_fiber_cancel(void)
{
	if (pending) {
		pending = 0;
		__sanitizer_finish_switch_fiber(NULL, NULL, NULL);
		__sanitizer_start_switch_fiber(NULL, (const void *)cur.lo, cur.hi - cur.lo);
		__sanitizer_finish_switch_fiber(NULL, NULL, NULL);
	}
}

/* makecontext gave this stack to a context that has not run yet. */
void
__ucc_fiber_made(void *stack, size_t size)
{
	ASAN_UNPOISON_MEMORY_REGION(stack, size);
}
#else
/* An empty translation unit is not ISO C. */
typedef int ucc_no_sanitizer_fibers;
#endif
