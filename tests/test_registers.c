/* Every callee-saved register survives a switch away and back, on both
 * sides, through swapcontext and through getcontext + setcontext. */
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

int
main(void)
{
	Suite *s = suite_create("registers");
	TCase *tc = tcase("registers");
	tcase_add_test(tc, swapcontext_keeps_callee_saved);
	tcase_add_test(tc, getcontext_setcontext_keep_callee_saved);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
