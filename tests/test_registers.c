/* Every callee-saved register survives a switch away and back, on both
 * sides, through swapcontext, through getcontext + setcontext, and
 * through ucc_slice_swap between a sliced and an ordinary context and
 * between two sliced ones (the ports' slice switch: aarch64's d8-d15). */
#include "util.h"

static ucontext_t main_uc, co_uc;
static arch_reg_t co_in[ARCH_NCALLEE], co_out[ARCH_NCALLEE];
static volatile int co_rounds;

static void
fill(arch_reg_t *r, uint64_t seed)
{
	for (int i = 0; i < ARCH_NCALLEE; i++)
		r[i] = (arch_reg_t)((seed + (uint64_t)i) * 0x0101010101010101ull ^ 0xa5a5a5a55a5a5a5aull);
}

static void
co_side(void)
{
	for (;;) {
		co_rounds++;
		fill(co_in, 0x40 + co_rounds);
		ck_assert_int_eq(probe_swap(&co_uc, &main_uc, co_in, co_out), 0);
		for (int i = 0; i < ARCH_NCALLEE; i++)
			ck_assert_msg(co_out[i] == co_in[i],
				      "coroutine: callee-saved register %d lost", i);
	}
}

START_TEST(swapcontext_keeps_callee_saved)
{
	struct tstack st;
	arch_reg_t in[ARCH_NCALLEE], out[ARCH_NCALLEE];

	tstack_alloc(&st, 64 * 1024);
	make_ctx(&co_uc, &st, NULL, co_side);
	co_rounds = 0;
	for (int round = 1; round <= 100; round++) {
		fill(in, (uint64_t)round);
		ck_assert_int_eq(probe_swap(&main_uc, &co_uc, in, out), 0);
		ck_assert_int_eq(co_rounds, round);
		for (int i = 0; i < ARCH_NCALLEE; i++)
			ck_assert_msg(out[i] == in[i],
				      "main: callee-saved register %d lost", i);
	}
	tstack_free(&st);
}
END_TEST

START_TEST(getcontext_setcontext_keep_callee_saved)
{
	ucontext_t uc;
	arch_reg_t in[ARCH_NCALLEE], out[ARCH_NCALLEE], junk[ARCH_NCALLEE];

	fill(in, 1);
	fill(junk, 99);
	ck_assert_int_eq(probe_getset(&uc, in, out, junk), 0);
	for (int i = 0; i < ARCH_NCALLEE; i++)
		ck_assert_msg(out[i] == in[i], "callee-saved register %d lost", i);
}
END_TEST

static ucc_base_t s_base;
static ucc_slice_t s_sched, s_task, s_main;
static arch_reg_t task_in[ARCH_NCALLEE], task_out[ARCH_NCALLEE];
static volatile int task_rounds;

static void
task_side(void *arg)
{
	(void)arg;
	for (;;) {
		task_rounds++;
		fill(task_in, 0x80 + task_rounds);
		ck_assert_int_eq(probe_slice_swap(&s_task, &s_sched, task_in, task_out), 0);
		for (int i = 0; i < ARCH_NPRESERVED; i++)
			ck_assert_msg(task_out[i] == task_in[i],
				      "sliced task: callee-saved register %d lost", i);
	}
}

/* The scheduler's side: sliced too (below the base), or ordinary. */
static void
slice_rounds(int ordinary)
{
	arch_reg_t in[ARCH_NCALLEE], out[ARCH_NCALLEE];
	task_rounds = 0;
	for (int round = 1; round <= 50; round++) {
		fill(in, (uint64_t)round + (ordinary ? 500 : 0));
		ck_assert_int_eq(probe_slice_swap(&s_sched, &s_task, in, out), 0);
		ck_assert_int_eq(task_rounds, round);
		for (int i = 0; i < ARCH_NPRESERVED; i++)
			ck_assert_msg(out[i] == in[i],
				      "%s scheduler: callee-saved register %d lost",
				      ordinary ? "ordinary" : "sliced", i);
	}
}

static void
ordinary_scheduler(void)
{
	slice_rounds(1);	/* then back to main through uc_link */
}

static void __attribute__((noinline))
sliced_scheduler(void *arg)
{
	(void)arg;
	slice_rounds(0);
	ck_assert_int_eq(ucc_slice_set(&s_main), 0);
}

START_TEST(slice_swap_keeps_callee_saved)
{
	static ucontext_t main_ctx, sched_ctx;
	ck_assert_int_eq(ucc_base_init(&s_base), 0);
	ucc_slice_init(&s_task, &s_base);
	ck_assert_int_eq(ucc_slice_make(&s_task, &s_base, task_side, NULL, NULL), 0);
	if (_i == 1) {
		/* an ordinary scheduler on a stack of its own */
		struct tstack st;
		tstack_alloc(&st, 64 * 1024);
		make_ctx(&sched_ctx, &st, &main_ctx, ordinary_scheduler);
		ucc_slice_wrap(&s_sched, &sched_ctx);
		ck_assert_int_eq(ucc_swapcontext(&main_ctx, &sched_ctx), 0);
		tstack_free(&st);
	} else {
		/* the scheduler a sliced context of its own, main ordinary */
		ucc_slice_wrap(&s_main, &main_ctx);
		ucc_slice_init(&s_sched, &s_base);
		ck_assert_int_eq(ucc_slice_make(&s_sched, &s_base, sliced_scheduler,
						NULL, NULL), 0);
		ck_assert_int_eq(ucc_slice_swap(&s_main, &s_sched), 0);
	}
	ucc_slice_release(&s_task);
	ucc_slice_release(&s_sched);
	ucc_base_release(&s_base);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("registers");
	TCase *tc = tcase("registers");
	tcase_add_test(tc, swapcontext_keeps_callee_saved);
	tcase_add_test(tc, getcontext_setcontext_keep_callee_saved);
	tcase_add_loop_test(tc, slice_swap_keeps_callee_saved, 0, 2);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
