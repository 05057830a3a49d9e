/* Unwinding from inside contexts: _Unwind_Backtrace, and backtrace()
 * where the C library has it, walk the context's frames and end cleanly
 * at the start trampoline, whose CFI says there is nothing above it, in
 * made and in sliced contexts. */
#include "util.h"

#ifdef HAVE_EXECINFO_H
#include <execinfo.h>
#endif
#include <unwind.h>

/* The Arm EHABI unwinder (__ARM_EABI_UNWINDER__) has no
 * _URC_NORMAL_STOP: any other answer than _URC_NO_REASON stops it.  Its
 * walk ends at a frame whose table entry says it cannot be unwound (the
 * start trampolines', EXIDX_CANTUNWIND), before reporting that frame,
 * with _URC_FAILURE: one frame fewer, the last one the entry function's. */
#ifdef __ARM_EABI_UNWINDER__
# define URC_STOP _URC_FAILURE
# define URC_END _URC_FAILURE
# define TRAMPOLINE_FRAMES 0
#else
# define URC_STOP _URC_NORMAL_STOP
# define URC_END _URC_END_OF_STACK
# define TRAMPOLINE_FRAMES 1
#endif

static ucontext_t main_uc, co_uc;

struct walk {
	int frames, depth_seen;
	int reason;
	void *last;
	void *entry_ra;		/* the trampoline: the context's function's return address */
};
static struct walk w;

/* libgcc reports, after the last frame, one more with IP 0 before it
 * returns _URC_END_OF_STACK; anything after that would be a corrupt walk. */
static _Unwind_Reason_Code
count(struct _Unwind_Context *ctx, void *arg)
{
	struct walk *wk = arg;
	void *ip = (void *)_Unwind_GetIP(ctx);
	if (wk->depth_seen)	/* a frame after the IP-0 one */
		return URC_STOP;
	if (ip == NULL) {
		wk->depth_seen = 1;
		return _URC_NO_REASON;
	}
	wk->frames++;
	wk->last = ip;
	return wk->frames > 200 ? URC_STOP : _URC_NO_REASON;
}

static void __attribute__((noinline))
walk_here(int depth)
{
	if (depth > 0) {
		walk_here(depth - 1);
		__asm__ volatile("");	/* no tail call */
		return;
	}
	struct walk uw = { 0 };
	w.reason = _Unwind_Backtrace(count, &uw);
	w.frames = uw.frames;
	w.depth_seen = uw.frames;
	w.last = uw.last;
#ifdef HAVE_EXECINFO_H
	void *bt[256];
	int n = backtrace(bt, 256);
#ifdef UCC_TEST_ASAN
	/* the sanitizer's backtrace interceptor is one more frame */
	ck_assert_int_eq(n, uw.frames + 1);
#else
	ck_assert_int_eq(n, uw.frames);		/* both walks agree */
#endif
	ck_assert_ptr_eq(bt[n - 1], uw.last);
#endif
}

static void __attribute__((noinline))
entry(void)
{
	w.entry_ra = __builtin_return_address(0);
	walk_here(5);
	__asm__ volatile("");
}

START_TEST(made_context_ends_at_the_trampoline)
{
	struct tstack st;
	tstack_alloc(&st, 64 * 1024);
	make_ctx(&co_uc, &st, &main_uc, entry);
	ck_assert_int_eq(ucc_swapcontext(&main_uc, &co_uc), 0);
	/* walk_here x6, entry, the trampoline: and nothing after it */
	ck_assert_int_ge(w.depth_seen, 7 + TRAMPOLINE_FRAMES);
	ck_assert_int_lt(w.depth_seen, 11 + TRAMPOLINE_FRAMES);
	if (TRAMPOLINE_FRAMES)
		ck_assert_ptr_eq(w.last, w.entry_ra);
	ck_assert_int_eq(w.reason, URC_END);
	tstack_free(&st);
}
END_TEST

static ucc_base_t base;
static ucc_slice_t sched, task;

static void
sliced_entry(void *arg)
{
	(void)arg;
	w.entry_ra = __builtin_return_address(0);
	walk_here(3);
	__asm__ volatile("");
}

START_TEST(sliced_context_ends_at_its_trampoline)
{
	ck_assert_int_eq(ucc_base_init(&base), 0);
	ucc_slice_init(&sched, &base);
	ucc_slice_init(&task, &base);
	ck_assert_int_eq(ucc_slice_make(&task, &base, sliced_entry, NULL, &sched), 0);
	ck_assert_int_eq(ucc_slice_swap(&sched, &task), 0);
	ck_assert_int_ge(w.depth_seen, 5 + TRAMPOLINE_FRAMES);
	ck_assert_int_lt(w.depth_seen, 9 + TRAMPOLINE_FRAMES);
	if (TRAMPOLINE_FRAMES)
		ck_assert_ptr_eq(w.last, w.entry_ra);
	ck_assert_int_eq(w.reason, URC_END);
	ucc_slice_release(&task);
	ucc_base_release(&base);
}
END_TEST

/* And while a context is suspended, main's own backtrace is main's. */
static void
idle(void)
{
	for (;;)
		ucc_swapcontext(&co_uc, &main_uc);
}

START_TEST(main_walks_its_own_stack)
{
	struct tstack st;
	tstack_alloc(&st, 64 * 1024);
	make_ctx(&co_uc, &st, NULL, idle);
	ck_assert_int_eq(ucc_swapcontext(&main_uc, &co_uc), 0);
	struct walk uw = { 0 };
	ck_assert_int_eq(_Unwind_Backtrace(count, &uw), URC_END);
	/* (EHABI: Check's frames, built without unwind tables, end the walk
	 * after this test's own) */
	ck_assert_int_gt(uw.frames, 2 * TRAMPOLINE_FRAMES);
	ck_assert_int_lt(uw.frames, 200);
	tstack_free(&st);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("unwind");
	TCase *tc = tcase("unwind");
	tcase_add_test(tc, made_context_ends_at_the_trampoline);
	tcase_add_test(tc, sliced_context_ends_at_its_trampoline);
	tcase_add_test(tc, main_walks_its_own_stack);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
