/* The floating-point state belongs to the context as in glibc: the x87
 * control word and all of MXCSR (rounding, precision, exception masks,
 * flush-to-zero, and MXCSR's exception flags); the x87 status word stays
 * the thread's.  A NULL uc_mcontext.fpregs leaves the state alone. */
#include "util.h"

#include <fenv.h>
#include <string.h>

static ucontext_t main_uc, co_uc;
static struct fpctl co_saw;

static int
same_control(const struct fpctl *a, const struct fpctl *b)
{
	return arch_fpctl_same_control(a, b);
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
	third = arch_fp_div(one, three);
	fesetround(FE_UPWARD);
	ck_assert(arch_fp_div(one, three) > third);	/* the mode really changed */
	fesetround(FE_TONEAREST);
	tstack_free(&st);
}
END_TEST


static unsigned co_mxcsr_flags;
#ifdef ARCH_HAS_X87
static unsigned co_x87_flags;
#endif

/* Records the MXCSR and x87 flags it finds on each resume, then raises
 * SSE divide-by-zero before switching back. */
static void
co_flags(void)
{
	for (;;) {
		co_mxcsr_flags = arch_fp_flags();
#ifdef ARCH_HAS_X87
		co_x87_flags = arch_x87_flags();
#endif
		arch_raise_divbyzero();
		ucc_swapcontext(&co_uc, &main_uc);
	}
}

/* _i = 0: both contexts have the same control state; _i = 1: they differ.
 * Each side sees only the MXCSR flags it raised itself, as in glibc. */
START_TEST(mxcsr_flags_belong_to_the_context)
{
	struct tstack st;
	struct fpctl saved;
	arch_get_fpctl(&saved);
	tstack_alloc(&st, 64 * 1024);
	if (_i)
		arch_set_fpctl(&arch_fpctl_b);
	feclearexcept(FE_ALL_EXCEPT);
	make_ctx(&co_uc, &st, NULL, co_flags);	/* captured with no flag */
	if (_i)
		arch_set_fpctl(&arch_fpctl_a);

	volatile double one = 1.0, three = 3.0, r;
	for (int i = 0; i < 3; i++) {
		feclearexcept(FE_ALL_EXCEPT);
		r = arch_fp_div(one, three);	/* inexact, ours */
		(void)r;
		ck_assert_uint_eq(arch_fp_flags(), ARCH_FP_PE);
		ck_assert_int_eq(ucc_swapcontext(&main_uc, &co_uc), 0);
		/* the coroutine found its own flags: none at first, then the
		 * divide-by-zero it raised before its last switch */
		ck_assert_uint_eq(co_mxcsr_flags, i == 0 ? 0 : ARCH_FP_ZE);
		/* and we find ours, not its divide-by-zero */
		ck_assert_uint_eq(arch_fp_flags(), ARCH_FP_PE);
	}
	feclearexcept(FE_ALL_EXCEPT);
	arch_set_fpctl(&saved);
	tstack_free(&st);
}
END_TEST

#ifdef ARCH_HAS_X87
/* The x87 status word is not part of a context (glibc's fldenv switches
 * it; see ucc_setcontext(3)): a flag raised on one side is seen on the
 * other. */
START_TEST(x87_flags_stay_with_the_thread)
{
	struct tstack st;
	tstack_alloc(&st, 64 * 1024);
	feclearexcept(FE_ALL_EXCEPT);
	make_ctx(&co_uc, &st, NULL, co_flags);
	arch_raise_x87_inexact();
	ck_assert_uint_eq(arch_x87_flags(), ARCH_X87_PE);
	ck_assert_int_eq(ucc_swapcontext(&main_uc, &co_uc), 0);
	ck_assert_uint_eq(co_x87_flags, ARCH_X87_PE);
	arch_clear_x87_flags();
	ck_assert_int_eq(ucc_swapcontext(&main_uc, &co_uc), 0);
	ck_assert_uint_eq(co_x87_flags, 0);
	feclearexcept(FE_ALL_EXCEPT);
	tstack_free(&st);
}
END_TEST
#endif

/* setcontext brings back the MXCSR flags getcontext saved: cleared ones
 * (_i = 0) and raised ones (_i = 1). */
START_TEST(setcontext_restores_mxcsr_flags)
{
	ucontext_t uc;
	volatile int back = 0;
	volatile double one = 1.0, three = 3.0, r;

	feclearexcept(FE_ALL_EXCEPT);
	if (_i) {
		r = arch_fp_div(one, three);
		(void)r;
	}
	ucc_getcontext(&uc);
	if (!back) {
		back = 1;
		if (_i)
			feclearexcept(FE_ALL_EXCEPT);
		else
			arch_raise_divbyzero();
		ucc_setcontext(&uc);
	}
	ck_assert_uint_eq(arch_fp_flags(), _i ? ARCH_FP_PE : 0);
	feclearexcept(FE_ALL_EXCEPT);
}
END_TEST

/* setcontext reloads the control state getcontext saved (_i = 0); with
 * a NULL uc_mcontext.fpregs (_i = 1) it leaves the state alone, on the
 * ABIs whose context can say it has no FP state (ARCH_UC_DROP_FPSTATE;
 * not 32-bit Arm, whose glibc format has no such mark). */
#ifndef ARCH_UC_DROP_FPSTATE
# define ARCH_UC_DROP_FPSTATE(uc) ck_abort_msg("no way to drop the FP state")
# define ARCH_FP_DROP_CASES 1
#else
# define ARCH_FP_DROP_CASES 2
#endif
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
#ifdef ARCH_UC_DROP_FPSTATE
		if (_i)
			ARCH_UC_DROP_FPSTATE(&uc);
#endif
		arch_set_fpctl(&arch_fpctl_b);
		arch_raise_divbyzero();
		ucc_setcontext(&uc);
		ck_abort_msg("setcontext returned");
	}
	arch_get_fpctl(&now);
	ck_assert(same_control(&now, _i ? &arch_fpctl_b : &arch_fpctl_a));
	ck_assert_uint_eq(arch_fp_flags(), _i ? ARCH_FP_ZE : 0);
	feclearexcept(FE_ALL_EXCEPT);
	arch_set_fpctl(&saved);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("fpu");
	TCase *tc = tcase("fpu");
	tcase_add_test(tc, each_context_keeps_its_control_state);
	tcase_add_test(tc, rounding_mode_per_context);
	tcase_add_loop_test(tc, setcontext_restores_control_state, 0, ARCH_FP_DROP_CASES);
	tcase_add_loop_test(tc, mxcsr_flags_belong_to_the_context, 0, 2);
#ifdef ARCH_HAS_X87
	tcase_add_test(tc, x87_flags_stay_with_the_thread);
#endif
	tcase_add_loop_test(tc, setcontext_restores_mxcsr_flags, 0, 2);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
