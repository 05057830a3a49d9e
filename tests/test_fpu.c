/* Floating-point control state belongs to the context (rounding mode,
 * precision, exception masks, flush-to-zero); the exception flags stay
 * the thread's. */
#include "util.h"

#include <fenv.h>
#include <string.h>

static ucontext_t main_uc, co_uc;
static struct fpctl co_saw;

static int
same_control(const struct fpctl *a, const struct fpctl *b)
{
	return a->cw == b->cw &&
	       (a->mxcsr & ~ARCH_MXCSR_FLAGS) == (b->mxcsr & ~ARCH_MXCSR_FLAGS);
}

static void
co_switches_to_b(void)
{
	for (;;) {
		arch_get_fpctl(&co_saw);
		arch_set_fpctl(&arch_fpctl_b);
		ucc_swapcontext(&co_uc, &main_uc);
	}
}

START_TEST(each_context_keeps_its_control_state)
{
	struct tstack st;
	struct fpctl saved, now;
	arch_get_fpctl(&saved);
	tstack_alloc(&st, 64 * 1024);

	/* The new context inherits the state getcontext captured: c. */
	arch_set_fpctl(&arch_fpctl_c);
	make_ctx(&co_uc, &st, NULL, co_switches_to_b);
	arch_set_fpctl(&arch_fpctl_a);

	ck_assert_int_eq(ucc_swapcontext(&main_uc, &co_uc), 0);
	ck_assert(same_control(&co_saw, &arch_fpctl_c));
	arch_get_fpctl(&now);
	ck_assert(same_control(&now, &arch_fpctl_a));

	for (int i = 0; i < 10; i++) {
		ck_assert_int_eq(ucc_swapcontext(&main_uc, &co_uc), 0);
		ck_assert(same_control(&co_saw, &arch_fpctl_b));
		arch_get_fpctl(&now);
		ck_assert(same_control(&now, &arch_fpctl_a));
	}
	arch_set_fpctl(&saved);
	tstack_free(&st);
}
END_TEST

START_TEST(rounding_mode_per_context)
{
	struct tstack st;
	volatile double third;
	tstack_alloc(&st, 64 * 1024);

	fesetround(FE_UPWARD);
	make_ctx(&co_uc, &st, NULL, co_switches_to_b);
	fesetround(FE_DOWNWARD);
	ck_assert_int_eq(ucc_swapcontext(&main_uc, &co_uc), 0);
	ck_assert_int_eq(fegetround(), FE_DOWNWARD);
	volatile double one = 1.0, three = 3.0;
	third = one / three;
	fesetround(FE_UPWARD);
	ck_assert(one / three > third);	/* the mode really changed */
	fesetround(FE_TONEAREST);
	tstack_free(&st);
}
END_TEST

START_TEST(setcontext_restores_control_state)
{
	ucontext_t uc;
	volatile int back = 0;
	struct fpctl saved, now;
	arch_get_fpctl(&saved);

	arch_set_fpctl(&arch_fpctl_a);
	ucc_getcontext(&uc);
	if (!back) {
		back = 1;
		arch_set_fpctl(&arch_fpctl_b);
		ucc_setcontext(&uc);
	}
	arch_get_fpctl(&now);
	ck_assert(same_control(&now, &arch_fpctl_a));
	arch_set_fpctl(&saved);
}
END_TEST

static void
co_sees_flags(void)
{
	for (;;) {
		co_saw.mxcsr = (uint32_t)fetestexcept(FE_ALL_EXCEPT);
		feclearexcept(FE_ALL_EXCEPT);
		ucc_swapcontext(&co_uc, &main_uc);
	}
}

/* _i = 0: both contexts have the same control state; _i = 1: they differ,
 * so the switch reloads MXCSR and must carry the running flags over. */
START_TEST(exception_flags_stay_with_the_thread)
{
	struct tstack st;
	struct fpctl saved;
	arch_get_fpctl(&saved);
	tstack_alloc(&st, 64 * 1024);
	if (_i)
		arch_set_fpctl(&arch_fpctl_b);
	feclearexcept(FE_ALL_EXCEPT);
	make_ctx(&co_uc, &st, NULL, co_sees_flags);
	if (_i)
		arch_set_fpctl(&arch_fpctl_a);

	volatile double one = 1.0, three = 3.0, r;
	for (int i = 0; i < 3; i++) {
		r = one / three;	/* inexact */
		(void)r;
		ck_assert(fetestexcept(FE_INEXACT));
		ck_assert_int_eq(ucc_swapcontext(&main_uc, &co_uc), 0);
		/* the coroutine saw our flag; its clearing is what we see now */
		ck_assert(co_saw.mxcsr & FE_INEXACT);
		ck_assert(!fetestexcept(FE_INEXACT));
	}
	arch_set_fpctl(&saved);
	tstack_free(&st);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("fpu");
	TCase *tc = tcase("fpu");
	tcase_add_test(tc, each_context_keeps_its_control_state);
	tcase_add_test(tc, rounding_mode_per_context);
	tcase_add_test(tc, setcontext_restores_control_state);
	tcase_add_loop_test(tc, exception_flags_stay_with_the_thread, 0, 2);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
