// C++ exceptions inside contexts, compiled with g++: thrown and caught
// within a made context and a sliced one, across switches, destructors
// run; an exception that escapes a context's function cannot unwind past
// the start trampoline and ends the program with std::terminate.
#include <check.h>
#include <csignal>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "ucontext_compat.h"

static ucontext_t main_uc, co_uc;
static int destroyed, caught;
static std::string message;

struct Guard {
	~Guard() { destroyed++; }
};

static void __attribute__((noinline))
thrower(int depth)
{
	Guard g;
	if (depth == 0)
		throw std::runtime_error("from deep inside a context");
	thrower(depth - 1);
}

static void
catcher()
{
	for (int round = 0; round < 3; round++) {
		try {
			Guard g;
			ucc_swapcontext(&co_uc, &main_uc);	// suspended inside try
			thrower(10);
		} catch (const std::runtime_error &e) {
			caught++;
			message = e.what();
		}
		ucc_swapcontext(&co_uc, &main_uc);
	}
}

START_TEST(exceptions_inside_a_made_context)
{
	static char stack[256 * 1024];
	destroyed = caught = 0;
	ck_assert_int_eq(ucc_getcontext(&co_uc), 0);
	co_uc.uc_stack.ss_sp = stack;
	co_uc.uc_stack.ss_size = sizeof stack;
	co_uc.uc_link = &main_uc;
	ucc_makecontext(&co_uc, catcher, 0);
	for (int i = 0; i < 6; i++) {
		// main throws and catches its own between the context's steps
		try {
			throw 42;
		} catch (int) {
		}
		ck_assert_int_eq(ucc_swapcontext(&main_uc, &co_uc), 0);
	}
	ck_assert_int_eq(caught, 3);
	ck_assert_int_eq(destroyed, 3 * 12);	// 11 in thrower, 1 in the try
	ck_assert_str_eq(message.c_str(), "from deep inside a context");
}
END_TEST

static ucc_base_t base;
static ucc_slice_t sched, task;

static void
sliced_catcher(void *)
{
	for (int round = 0; round < 3; round++) {
		try {
			Guard g;
			ucc_slice_swap(&task, &sched);
			thrower(20);
		} catch (const std::runtime_error &) {
			caught++;
		}
	}
}

START_TEST(exceptions_inside_a_sliced_context)
{
	destroyed = caught = 0;
	ck_assert_int_eq(ucc_base_init(&base), 0);
	ucc_slice_init(&sched, &base);
	ucc_slice_init(&task, &base);
	ck_assert_int_eq(ucc_slice_make(&task, &base, sliced_catcher, nullptr, &sched), 0);
	while (ucc_slice_state(&task) != UCC_SLICE_FINISHED)
		ck_assert_int_eq(ucc_slice_swap(&sched, &task), 0);
	ck_assert_int_eq(caught, 3);
	ck_assert_int_eq(destroyed, 3 * 22);
	ucc_slice_release(&task);
	ucc_base_release(&base);
}
END_TEST

static void
escapes()
{
	throw std::logic_error("nobody catches this");
}

START_TEST(an_escaping_exception_terminates)
{
	static char stack[64 * 1024];
	ucc_getcontext(&co_uc);
	co_uc.uc_stack.ss_sp = stack;
	co_uc.uc_stack.ss_size = sizeof stack;
	co_uc.uc_link = &main_uc;
	ucc_makecontext(&co_uc, escapes, 0);
	try {
		ucc_swapcontext(&main_uc, &co_uc);
	} catch (...) {
		ck_abort_msg("an exception crossed the start trampoline");
	}
}
END_TEST

int
main()
{
	Suite *s = suite_create("c++");
	TCase *tc = tcase_create("exceptions");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, exceptions_inside_a_made_context);
	tcase_add_test(tc, exceptions_inside_a_sliced_context);
	tcase_add_test_raise_signal(tc, an_escaping_exception_terminates, SIGABRT);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
