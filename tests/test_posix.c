/* The posix mask mode (libucontext_compat_posix): the signal mask belongs
 * to the context, with glibc's system calls, one per call, and glibc's
 * results, failures included. */
#include "util.h"
#include "libc.h"
#include "sigcount.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static void
set_mask(int sig)
{
	sigset_t s;
	sigemptyset(&s);
	if (sig)
		sigaddset(&s, sig);
	ck_assert_int_eq(pthread_sigmask(SIG_SETMASK, &s, NULL), 0);
}

static int
blocked(int sig)
{
	sigset_t s;
	ck_assert_int_eq(pthread_sigmask(SIG_BLOCK, NULL, &s), 0);
	return sigismember(&s, sig);
}

START_TEST(getcontext_saves_the_mask)
{
	ucontext_t uc;
	sigset_t now;
	set_mask(SIGUSR1);
	memset(&uc.uc_sigmask, 0xee, sizeof uc.uc_sigmask);
	ck_assert_int_eq(ucc_getcontext(&uc), 0);
	ck_assert_int_eq(pthread_sigmask(SIG_BLOCK, NULL, &now), 0);
	/* The kernel's 8 bytes, as glibc; the rest of sigset_t untouched. */
	ck_assert_int_eq(memcmp(&uc.uc_sigmask, &now, 8), 0);
	for (size_t i = 8; i < sizeof uc.uc_sigmask; i++)
		ck_assert_int_eq(((unsigned char *)&uc.uc_sigmask)[i], 0xee);
	set_mask(0);
}
END_TEST

START_TEST(setcontext_restores_the_mask)
{
	ucontext_t uc;
	volatile int back = 0;
	set_mask(SIGUSR1);
	ucc_getcontext(&uc);
	if (!back) {
		back = 1;
		set_mask(SIGUSR2);
		ucc_setcontext(&uc);
	}
	ck_assert(blocked(SIGUSR1));
	ck_assert(!blocked(SIGUSR2));
	set_mask(0);
}
END_TEST

static ucontext_t main_uc, co_uc;
static volatile int co_saw_usr1, co_saw_usr2;

static void
co_with_usr2(void)
{
	for (;;) {
		co_saw_usr1 = blocked(SIGUSR1);
		co_saw_usr2 = blocked(SIGUSR2);
		ucc_swapcontext(&co_uc, &main_uc);
	}
}

START_TEST(swapcontext_swaps_masks)
{
	struct tstack st;
	tstack_alloc(&st, 64 * 1024);
	set_mask(SIGUSR2);
	make_ctx(&co_uc, &st, NULL, co_with_usr2);
	set_mask(SIGUSR1);
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(ucc_swapcontext(&main_uc, &co_uc), 0);
		ck_assert(!co_saw_usr1 && co_saw_usr2);
		ck_assert(blocked(SIGUSR1) && !blocked(SIGUSR2));
	}
	set_mask(0);
	tstack_free(&st);
}
END_TEST

static void
pong(void)
{
	for (;;)
		ucc_swapcontext(&co_uc, &main_uc);
}

START_TEST(one_system_call_per_call)
{
	struct tstack st;
	ucontext_t uc;
	tstack_alloc(&st, 64 * 1024);
	make_ctx(&co_uc, &st, NULL, pong);

	ck_assert_int_eq(sigcount_arm(), 0);
	ucc_makecontext(&co_uc, pong, 0);
	ck_assert_int_eq(sigcount(), 0);
	for (int i = 0; i < 100; i++)
		ck_assert_int_eq(ucc_swapcontext(&main_uc, &co_uc), 0);
	ck_assert_int_eq(sigcount(), 200);
	volatile int back = 0;
	ucc_getcontext(&uc);
	if (!back) {
		back = 1;
		ucc_setcontext(&uc);
	}
	ck_assert_int_eq(sigcount(), 202);
}
END_TEST

#ifndef UCC_TEST_ASAN
START_TEST(system_call_failure_is_returned)
{
	struct tstack st;
	ucontext_t uc;
	tstack_alloc(&st, 64 * 1024);
	make_ctx(&co_uc, &st, NULL, pong);
	fresh_ctx(&uc, NULL, 0, NULL);

	ck_assert_int_eq(sigcount_fail_with(EPERM), 0);
	assert_mask_calls_fail(EPERM, &uc, &main_uc, &co_uc);
}
END_TEST
#endif

#ifdef __GLIBC__
/* The same sequence through glibc's functions and ours: every mask each
 * side observes is identical. */
struct ops {
	int (*get)(ucontext_t *);
	int (*set)(const ucontext_t *);
	int (*swap)(ucontext_t *, const ucontext_t *);
	void (*make)(ucontext_t *, void (*)(void), int, ...);
};
static struct ops cur;
static sigset_t seen[6];
static int nseen;
static ucontext_t a_uc, b_uc;

static void
note(void)
{
	pthread_sigmask(SIG_BLOCK, NULL, &seen[nseen++]);
}

static void
b_side(void)
{
	note();
	set_mask(SIGTERM);
	cur.swap(&b_uc, &a_uc);
	note();
}

static void
run_sequence(const struct ops *o, sigset_t out[6])
{
	static unsigned char stack[64 * 1024];
	volatile int back = 0;
	ucontext_t g;

	cur = *o;
	nseen = 0;
	set_mask(SIGUSR2);
	o->get(&b_uc);
	b_uc.uc_stack.ss_sp = stack;
	b_uc.uc_stack.ss_size = sizeof stack;
	b_uc.uc_link = &a_uc;
	o->make(&b_uc, b_side, 0);
	set_mask(SIGUSR1);
	o->swap(&a_uc, &b_uc);		/* b runs with USR2, blocks TERM */
	note();				/* a: USR1 again */
	o->swap(&a_uc, &b_uc);		/* b resumes with TERM, returns to a */
	note();
	o->get(&g);
	if (!back) {
		back = 1;
		set_mask(SIGHUP);
		o->set(&g);
	}
	note();				/* the mask g saved */
	memcpy(out, seen, sizeof seen);
	set_mask(0);
}

START_TEST(masks_match_glibc)
{
	struct libc_ucontext l;
	ck_assert_int_eq(libc_ucontext(&l), 0);
	struct ops glibc = { l.getcontext, l.setcontext, l.swapcontext, l.makecontext };
	struct ops ours = { ucc_getcontext, ucc_setcontext, ucc_swapcontext, ucc_makecontext };
	sigset_t g[6], u[6];
	memset(g, 0, sizeof g);
	memset(u, 0, sizeof u);
	run_sequence(&glibc, g);
	run_sequence(&ours, u);
	for (int i = 0; i < 5; i++)
		ck_assert_msg(memcmp(&g[i], &u[i], 8) == 0, "mask %d differs", i);
	ck_assert(sigismember(&u[0], SIGUSR2));
	ck_assert(sigismember(&u[1], SIGUSR1));
	ck_assert(sigismember(&u[2], SIGTERM));
	ck_assert(sigismember(&u[3], SIGUSR1));
}
END_TEST

#ifndef UCC_TEST_ASAN
/* Each call with rt_sigprocmask failing: its result and errno. */
static void __attribute__((noinline))
failing_calls(const struct ops *o, const ucontext_t *uc, int out[6])
{
	ucontext_t scratch;
	errno = 0;
	out[0] = o->get(&scratch);
	out[1] = errno;
	errno = 0;
	out[2] = o->set(uc);
	out[3] = errno;
	errno = 0;
	out[4] = o->swap(&scratch, uc);
	out[5] = errno;
}

START_TEST(failures_match_glibc)
{
	struct libc_ucontext l;
	ucontext_t uc;
	int g[6], u[6];
	ck_assert_int_eq(libc_ucontext(&l), 0);
	struct ops glibc = { l.getcontext, l.setcontext, l.swapcontext, l.makecontext };
	struct ops ours = { ucc_getcontext, ucc_setcontext, ucc_swapcontext, ucc_makecontext };
	fresh_ctx(&uc, NULL, 0, NULL);

	ck_assert_int_eq(sigcount_fail_with(EPERM), 0);
	failing_calls(&glibc, &uc, g);
	failing_calls(&ours, &uc, u);
	for (int i = 0; i < 6; i++)
		ck_assert_int_eq(g[i], u[i]);
	ck_assert_int_eq(u[0], -1);
	ck_assert_int_eq(u[5], EPERM);
}
END_TEST
#endif
#endif

int
main(void)
{
	Suite *s = suite_create("sigmask-posix");
	TCase *tc = tcase("posix");
	tcase_add_test(tc, getcontext_saves_the_mask);
	tcase_add_test(tc, setcontext_restores_the_mask);
	tcase_add_test(tc, swapcontext_swaps_masks);
	SIGCOUNT_TEST(tc, one_system_call_per_call);
#ifdef UCC_TEST_ASAN
	/* Failing every rt_sigprocmask fails the sanitizer's runtime too
	 * (it blocks signals around its own work): the plain build runs
	 * these two. */
	printf("AddressSanitizer: system_call_failure_is_returned and "
	       "failures_match_glibc left to the plain build\n");
#else
	SIGCOUNT_TEST(tc, system_call_failure_is_returned);
#endif
#ifdef __GLIBC__
	tcase_add_test(tc, masks_match_glibc);
#ifndef UCC_TEST_ASAN
	SIGCOUNT_TEST(tc, failures_match_glibc);
#endif
#endif
	suite_add_tcase(s, tc);
	return run_suite(s);
}
