/* The default mode: the signal mask is the thread's, never read or
 * written by a context switch, and no system call is made. */
#include "util.h"
#include "libc.h"
#include "sigcount.h"

#include <signal.h>
#include <string.h>

static int
blocked(int sig)
{
	sigset_t s;
	ck_assert_int_eq(pthread_sigmask(SIG_BLOCK, NULL, &s), 0);
	return sigismember(&s, sig);
}

static void
set_blocked(int sig, int on)
{
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, sig);
	ck_assert_int_eq(pthread_sigmask(on ? SIG_BLOCK : SIG_UNBLOCK, &s, NULL), 0);
}

START_TEST(setcontext_leaves_the_mask)
{
	ucontext_t uc;
	volatile int back = 0;

	set_blocked(SIGUSR1, 1);
	ucc_getcontext(&uc);
	if (!back) {
		back = 1;
		set_blocked(SIGUSR1, 0);
		ucc_setcontext(&uc);
	}
	ck_assert(!blocked(SIGUSR1));
}
END_TEST

static ucontext_t main_uc, co_uc;

static void
co_blocks_usr2(void)
{
	set_blocked(SIGUSR2, 1);
	ucc_swapcontext(&co_uc, &main_uc);
}

START_TEST(swapcontext_leaves_the_mask)
{
	struct tstack st;
	tstack_alloc(&st, 64 * 1024);
	set_blocked(SIGUSR2, 0);
	make_ctx(&co_uc, &st, NULL, co_blocks_usr2);
	ck_assert_int_eq(ucc_swapcontext(&main_uc, &co_uc), 0);
	ck_assert(blocked(SIGUSR2));
	tstack_free(&st);
}
END_TEST

static void
pong(void)
{
	for (;;)
		ucc_swapcontext(&co_uc, &main_uc);
}

START_TEST(no_system_call)
{
	struct tstack st;
	ucontext_t uc;
	sigset_t s;
	tstack_alloc(&st, 64 * 1024);
	make_ctx(&co_uc, &st, NULL, pong);

	ck_assert_int_eq(sigcount_arm(), 0);
	/* The counter does count: one query, and glibc's own switches. */
	pthread_sigmask(SIG_BLOCK, NULL, &s);
	long expect = 1;
#ifdef __GLIBC__
	struct libc_ucontext libc;
	ucontext_t g_main, g_co;
	volatile int g_back = 0;
	ck_assert_int_eq(libc_ucontext(&libc), 0);
	libc.getcontext(&g_co);
	if (!g_back) {
		g_back = 1;
		libc.swapcontext(&g_main, &g_co);
	}
	expect += 2;
#endif
	ck_assert_int_eq(sigcount(), expect);

	for (int i = 0; i < 1000; i++)
		ck_assert_int_eq(ucc_swapcontext(&main_uc, &co_uc), 0);
	volatile int back = 0;
	ucc_getcontext(&uc);
	if (!back) {
		back = 1;
		ucc_setcontext(&uc);
	}
	ucc_makecontext(&co_uc, pong, 0);
	ck_assert_int_eq(sigcount(), expect);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("sigmask-default");
	TCase *tc = tcase("sigmask");
	tcase_add_test(tc, setcontext_leaves_the_mask);
	tcase_add_test(tc, swapcontext_leaves_the_mask);
	SIGCOUNT_TEST(tc, no_system_call);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
