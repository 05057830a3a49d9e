/* The posix library's failing mask call, on a port that leaves the call
 * to C (UCC_PORT_MASK_C: lib/signal.c makes it through the C library's
 * syscall()).  This program interposes syscall(), so the failure runs
 * under qemu-user too, which has no seccomp for test_posix's cases:
 * each function returns -1 with errno, and setcontext and swapcontext
 * do not switch. */
#include "util.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/syscall.h>

static int fail_with;		/* the errno the next mask calls fail with */
static int mask_calls, other_calls;

long
syscall(long nr, ...)
{
	va_list ap;
	va_start(ap, nr);
	long how = va_arg(ap, long);
	const sigset_t *set = va_arg(ap, const sigset_t *);
	sigset_t *old = va_arg(ap, sigset_t *);
	long size = va_arg(ap, long);
	va_end(ap);
	if (nr != SYS_rt_sigprocmask || size != _NSIG / 8) {
		other_calls++;
		errno = ENOSYS;
		return -1;
	}
	mask_calls++;
	if (fail_with) {
		errno = fail_with;
		return -1;
	}
	return sigprocmask((int)how, set, old);
}

static ucontext_t main_uc, co_uc;
static volatile int entered;

static void
co(void)
{
	entered = 1;
}

START_TEST(the_call_is_the_interposed_one)
{
	ucontext_t uc;
	ck_assert_int_eq(ucc_getcontext(&uc), 0);
	ck_assert_int_eq(mask_calls, 1);
	ck_assert_int_eq(other_calls, 0);
}
END_TEST

START_TEST(failures_are_returned)
{
	struct tstack st;
	ucontext_t uc;
	tstack_alloc(&st, 64 * 1024);
	make_ctx(&co_uc, &st, &main_uc, co);
	fresh_ctx(&uc, NULL, 0, NULL);
	mask_calls = 0;

	fail_with = EPERM;
	assert_mask_calls_fail(EPERM, &uc, &main_uc, &co_uc);
	ck_assert_int_eq(entered, 0);
	ck_assert_int_eq(mask_calls, 3);

	fail_with = 0;		/* and the same contexts work afterwards */
	ck_assert_int_eq(ucc_swapcontext(&main_uc, &co_uc), 0);
	ck_assert_int_eq(entered, 1);
	ck_assert_int_eq(other_calls, 0);
	tstack_free(&st);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("maskfail");
	TCase *tc = tcase("maskfail");
	tcase_add_test(tc, the_call_is_the_interposed_one);
	tcase_add_test(tc, failures_are_returned);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
