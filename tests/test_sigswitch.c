/* Switching inside signal handlers in the default library, as on glibc:
 * the signal a handler blocked is unblocked in the context it switches
 * to, and blocked again when the handler's context is resumed; switches
 * made outside handlers make no system call, even while a handler is
 * suspended; the ways to install a handler report what the program
 * installed.  (compat-tests/s_preempt.c runs the same schedulers against
 * glibc, linked and preloaded.) */
#include "util.h"
#include "sigcount.h"
#include "preempt.h"

#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#define blocked preempt_blocked

static void
on(int sig, void (*fn)(int), int flags)
{
	ck_assert_int_eq(on_signal(sig, fn, flags), 0);
}

/* ---- a preemptive scheduler (tests/preempt.h) ------------------------- */
static void
check_sched(struct sched *s)
{
	ck_assert(preempt_all_ran(s));
	ck_assert_int_eq(s->sched_blocked, 0);
	ck_assert_int_eq(s->resumed_unblocked, 0);
}

/* _i = 0: SIGALRM from ITIMER_REAL; 1: SIGVTALRM from ITIMER_VIRTUAL.
 * Without the library following the handler the signal stays blocked
 * after the first preemption and the test times out. */
START_TEST(preemptive_scheduler)
{
	static struct sched s;
	int sig = _i ? SIGVTALRM : SIGALRM, which = _i ? ITIMER_VIRTUAL : ITIMER_REAL;
	memset(&s, 0, sizeof s);
	s.sig = sig;
	on(sig, preempt_tick, 0);
	struct itimerval it = { { 0, 1000 }, { 0, 1000 } };
	ck_assert_int_eq(setitimer(which, &it, NULL), 0);
	preempt_run(&s);
	memset(&it, 0, sizeof it);
	setitimer(which, &it, NULL);
	check_sched(&s);
	ck_assert(!blocked(sig));
}
END_TEST

/* ---- threads, each preempting its own workers ------------------------ */
static volatile int threads_done;

static void *
thread_main(void *arg)
{
	preempt_run(arg);
	__atomic_add_fetch(&threads_done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

START_TEST(threads_preempt_their_own_contexts)
{
	static struct sched s[2];
	pthread_t th[2];
	on(SIGUSR1, preempt_tick, 0);
	for (int t = 0; t < 2; t++) {
		s[t].sig = SIGUSR1;
		ck_assert_int_eq(pthread_create(&th[t], NULL, thread_main, &s[t]), 0);
	}
	while (__atomic_load_n(&threads_done, __ATOMIC_SEQ_CST) < 2) {
		for (int t = 0; t < 2; t++)
			pthread_kill(th[t], SIGUSR1);
		usleep(500);
	}
	for (int t = 0; t < 2; t++) {
		pthread_join(th[t], NULL);
		check_sched(&s[t]);
	}
}
END_TEST

/* ---- nested handlers, and how many mask calls each switch makes ------ */
static ucontext_t n_main, n_worker, n_handler;
static int masks[6][2];

static void
note(int at)
{
	masks[at][0] = blocked(SIGUSR1);
	masks[at][1] = blocked(SIGUSR2);
}

static void
on_usr2(int sig)
{
	(void)sig;
	note(0);
	ck_assert_int_eq(ucc_swapcontext(&n_handler, &n_main), 0);
	note(2);
}

static void
on_usr1(int sig)
{
	(void)sig;
	raise(SIGUSR2);
	note(3);
}

static void
nested_worker(void)
{
	raise(SIGUSR1);
	note(4);
}

START_TEST(nested_handlers)
{
	struct tstack st;
	tstack_alloc(&st, 64 * 1024);
	on(SIGUSR1, on_usr1, 0);
	on(SIGUSR2, on_usr2, 0);
	make_ctx(&n_worker, &st, &n_main, nested_worker);
	ck_assert_int_eq(ucc_swapcontext(&n_main, &n_worker), 0);
	note(1);				/* out of both handlers */
	ck_assert_int_eq(ucc_swapcontext(&n_main, &n_handler), 0);
	note(5);
	static const int want[6][2] = {
		{ 1, 1 },	/* in SIGUSR2's handler, inside SIGUSR1's */
		{ 0, 0 },	/* switched out of them */
		{ 1, 1 },	/* SIGUSR2's handler resumed */
		{ 1, 0 },	/* back in SIGUSR1's */
		{ 0, 0 },	/* the worker, both returned */
		{ 0, 0 },	/* main, the worker ended */
	};
	for (int i = 0; i < 6; i++) {
		ck_assert_msg(masks[i][0] == want[i][0] && masks[i][1] == want[i][1],
			      "stage %d: SIGUSR1 %d SIGUSR2 %d", i, masks[i][0], masks[i][1]);
	}
	tstack_free(&st);
}
END_TEST

/* raise() without the C library's own mask calls (musl's raise blocks
 * every signal around the kill), for the tests that count them */
static void
raise_bare(int sig)
{
	syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), sig);
}

/* Mask calls, counted (and done) by a seccomp trap: none for switches
 * outside handlers, before or while a handler is suspended; one to leave
 * a handler's context and one to resume it. */
static ucontext_t c_main, c_co, c_handler;

static void
co_ping(void)
{
	for (;;)
		ucc_swapcontext(&c_co, &c_main);
}

static void
on_usr1_leave(int sig)
{
	(void)sig;
	ucc_swapcontext(&c_handler, &c_main);
}

static void
co_raises(void)
{
	raise_bare(SIGUSR1);
	for (;;)
		ucc_swapcontext(&c_co, &c_main);
}

START_TEST(mask_calls_only_across_handlers)
{
	struct tstack st, st2;
	ucontext_t other;
	tstack_alloc(&st, 64 * 1024);
	tstack_alloc(&st2, 64 * 1024);
	on(SIGUSR1, on_usr1_leave, 0);
	ck_assert_int_eq(sigcount_arm_emulating(), 0);
	make_ctx(&c_co, &st, NULL, co_ping);
	for (int i = 0; i < 1000; i++)
		ck_assert_int_eq(ucc_swapcontext(&c_main, &c_co), 0);
	ck_assert_int_eq(sigcount(), 0);

	make_ctx(&other, &st2, NULL, co_raises);
	ck_assert_int_eq(ucc_swapcontext(&c_main, &other), 0);
	ck_assert_int_eq(sigcount(), 1);	/* out of the handler */
	ck_assert(!blocked(SIGUSR1));
	long before = sigcount();
	for (int i = 0; i < 1000; i++)		/* a handler is suspended */
		ck_assert_int_eq(ucc_swapcontext(&c_main, &c_co), 0);
	ck_assert_int_eq(sigcount() - before, 0);
	ck_assert_int_eq(ucc_swapcontext(&c_main, &c_handler), 0);
	ck_assert_int_eq(sigcount() - before, 1);	/* into it, and back out */
	/* the handler returned; its worker ran on to its loop and came back */
	before = sigcount();
	for (int i = 0; i < 1000; i++)
		ck_assert_int_eq(ucc_swapcontext(&c_main, &c_co), 0);
	ck_assert_int_eq(sigcount() - before, 0);
	tstack_free(&st);
	tstack_free(&st2);
}
END_TEST

/* ---- a handler on an alternate stack --------------------------------- */
static ucontext_t a_main, a_worker, a_handler;
static unsigned char *alt;
static size_t altsize;
static int on_alt_stack, alt_resumed_blocked;

static void
on_alt(int sig)
{
	unsigned char here;
	(void)sig;
	on_alt_stack = &here >= alt && &here < alt + altsize;
	ucc_swapcontext(&a_handler, &a_main);
	alt_resumed_blocked = blocked(SIGUSR1);
}

static void
alt_worker(void)
{
	raise(SIGUSR1);
}

START_TEST(handler_on_sigaltstack)
{
	struct tstack st, as;
	tstack_alloc(&st, 64 * 1024);
	altsize = 64 * 1024;
	tstack_alloc(&as, altsize);
	alt = as.lo;
	stack_t ss = { .ss_sp = alt, .ss_size = altsize, .ss_flags = 0 };
	ck_assert_int_eq(sigaltstack(&ss, NULL), 0);
	on(SIGUSR1, on_alt, SA_ONSTACK);
	make_ctx(&a_worker, &st, &a_main, alt_worker);
	ck_assert_int_eq(ucc_swapcontext(&a_main, &a_worker), 0);
	ck_assert(on_alt_stack);
	ck_assert(!blocked(SIGUSR1));
	ck_assert_int_eq(ucc_swapcontext(&a_main, &a_handler), 0);
	ck_assert(alt_resumed_blocked);
	ck_assert(!blocked(SIGUSR1));
	ss.ss_flags = SS_DISABLE;
	sigaltstack(&ss, NULL);
	tstack_free(&st);
	tstack_free(&as);
}
END_TEST

/* ---- getcontext inside a handler keeps the handler's mask ------------ */
static ucontext_t g_main, g_worker, g_point, g_scratch;
static int g_point_blocked;

static void
on_usr1_get(int sig)
{
	volatile int pass = 0;
	(void)sig;
	ucc_getcontext(&g_point);
	if (pass++ == 0)
		ucc_swapcontext(&g_scratch, &g_main);	/* leave, unresumed */
	g_point_blocked = blocked(SIGUSR1);		/* from setcontext below */
}

static void
get_worker(void)
{
	raise(SIGUSR1);
}

START_TEST(getcontext_in_a_handler)
{
	struct tstack st;
	tstack_alloc(&st, 64 * 1024);
	on(SIGUSR1, on_usr1_get, 0);
	make_ctx(&g_worker, &st, &g_main, get_worker);
	ck_assert_int_eq(ucc_swapcontext(&g_main, &g_worker), 0);
	ck_assert(!blocked(SIGUSR1));
	volatile int done = 0;
	ucc_getcontext(&g_main);
	if (!done) {
		done = 1;
		ucc_setcontext(&g_point);	/* back into the handler */
	}
	ck_assert(g_point_blocked);
	ck_assert(!blocked(SIGUSR1));
	tstack_free(&st);
}
END_TEST

/* ---- a handler left by siglongjmp ------------------------------------ */
static sigjmp_buf out;
static ucontext_t l_main, l_co;

static void
jump_out(int sig)
{
	(void)sig;
	siglongjmp(out, 1);
}

static void
l_ping(void)
{
	for (;;)
		ucc_swapcontext(&l_co, &l_main);
}

/* The handler's record is left behind; the next switch drops it: the
 * switches after it make no mask call and leave the mask the program set
 * alone.  _i = 0: the handler on the thread's stack; 1: on sigaltstack. */
START_TEST(handler_left_by_siglongjmp)
{
	struct tstack st, as;
	tstack_alloc(&st, 64 * 1024);
	tstack_alloc(&as, 64 * 1024);
	if (_i) {
		stack_t ss = { .ss_sp = as.lo, .ss_size = as.size, .ss_flags = 0 };
		ck_assert_int_eq(sigaltstack(&ss, NULL), 0);
	}
	on(SIGUSR1, jump_out, _i ? SA_ONSTACK : 0);
	if (sigsetjmp(out, 1) == 0)
		raise(SIGUSR1);
	ck_assert(!blocked(SIGUSR1));
	make_ctx(&l_co, &st, NULL, l_ping);
	ck_assert_int_eq(sigcount_arm_emulating(), 0);
	sigset_t two;
	sigemptyset(&two);
	sigaddset(&two, SIGUSR2);
	ck_assert_int_eq(sigprocmask(SIG_BLOCK, &two, NULL), 0);
	long before = sigcount();
	for (int i = 0; i < 100; i++)
		ck_assert_int_eq(ucc_swapcontext(&l_main, &l_co), 0);
	ck_assert_int_eq(sigcount() - before, 0);
	ck_assert(blocked(SIGUSR2));
	tstack_free(&st);
	/* the alternate stack stays in place until the process ends */
}
END_TEST

/* ---- what the program installed, it reads back ----------------------- */
#ifdef UCC_SIG_INTERPOSE
#ifndef __GLIBC__
/* musl's <signal.h> has no sysv_signal; the library defines it
 * (lib/signal.c), and a static musl build interposes too. */
void (*sysv_signal(int sig, void (*fn)(int)))(int);
#endif
static volatile int hits;
static void count_it(int sig) { (void)sig; hits++; }
static void count_it_info(int sig, siginfo_t *si, void *uc)
{
	ck_assert_int_eq(si->si_signo, sig);
	ck_assert_ptr_nonnull(uc);
	hits++;
}

START_TEST(installers_report_the_program_s_handlers)
{
	struct sigaction sa, old;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = count_it_info;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	ck_assert_int_eq(sigaction(SIGUSR1, &sa, NULL), 0);
	ck_assert_int_eq(sigaction(SIGUSR1, NULL, &old), 0);
	ck_assert_ptr_eq((void *)old.sa_sigaction, (void *)count_it_info);
	ck_assert_int_eq(old.sa_flags & (SA_SIGINFO | SA_RESTART), SA_SIGINFO | SA_RESTART);
	hits = 0;
	raise(SIGUSR1);
	ck_assert_int_eq(hits, 1);

	/* signal: the previous handler back; BSD semantics */
	ck_assert_ptr_eq((void *)signal(SIGUSR1, count_it), (void *)count_it_info);
	ck_assert_int_eq(sigaction(SIGUSR1, NULL, &old), 0);
	ck_assert_ptr_eq((void *)old.sa_handler, (void *)count_it);
	ck_assert_int_eq(old.sa_flags & SA_SIGINFO, 0);
	ck_assert(old.sa_flags & SA_RESTART);
	ck_assert(sigismember(&old.sa_mask, SIGUSR1));
	raise(SIGUSR1);
	ck_assert_int_eq(hits, 2);

	/* sysv_signal: reset to the default after one delivery */
	ck_assert_ptr_eq((void *)sysv_signal(SIGUSR1, count_it), (void *)count_it);
	raise(SIGUSR1);
	ck_assert_int_eq(hits, 3);
	ck_assert_int_eq(sigaction(SIGUSR1, NULL, &old), 0);
	ck_assert_ptr_eq((void *)old.sa_handler, (void *)SIG_DFL);

	/* sigset: SIG_HOLD blocks; a handler unblocks.  (Deprecated, and
	 * taken over all the same.) */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
	ck_assert_ptr_eq((void *)sigset(SIGUSR1, count_it), (void *)SIG_DFL);
	ck_assert_ptr_eq((void *)sigset(SIGUSR1, SIG_HOLD), (void *)count_it);
	ck_assert(blocked(SIGUSR1));
	ck_assert_ptr_eq((void *)sigset(SIGUSR1, count_it), (void *)SIG_HOLD);
	ck_assert(!blocked(SIGUSR1));
#pragma GCC diagnostic pop
	raise(SIGUSR1);
	ck_assert_int_eq(hits, 4);

	/* SIG_IGN and SIG_DFL pass straight through */
	ck_assert_ptr_eq((void *)signal(SIGUSR1, SIG_IGN), (void *)count_it);
	ck_assert_ptr_eq((void *)signal(SIGUSR1, SIG_DFL), (void *)SIG_IGN);

	/* bad input: the C library's answer */
	errno = 0;
	ck_assert_int_eq(sigaction(SIGKILL, &sa, NULL), -1);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_int_eq(sigaction(0, NULL, &old), -1);
	ck_assert_int_eq(sigaction(SIGUSR1, NULL, NULL), 0);
	ck_assert_ptr_eq((void *)signal(-1, count_it), (void *)SIG_ERR);
}
END_TEST
#else
static volatile int hits;
static void count_it(int sig) { (void)sig; hits++; }
#endif

/* The prefixed name is the same function everywhere. */
START_TEST(ucc_sigaction_installs_too)
{
	struct sigaction sa, old;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = count_it;
	sigemptyset(&sa.sa_mask);
	ck_assert_int_eq(ucc_sigaction(SIGUSR2, &sa, NULL), 0);
	hits = 0;
	raise(SIGUSR2);
	ck_assert_int_eq(hits, 1);
	ck_assert_int_eq(ucc_sigaction(SIGUSR2, NULL, &old), 0);
	ck_assert_ptr_eq((void *)old.sa_handler, (void *)count_it);
	sa.sa_handler = SIG_DFL;
	ck_assert_int_eq(ucc_sigaction(SIGUSR2, &sa, NULL), 0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("sigswitch");
	TCase *tc = tcase("sigswitch");
	tcase_add_loop_test(tc, preemptive_scheduler, 0, 2);
	tcase_add_test(tc, threads_preempt_their_own_contexts);
	tcase_add_test(tc, nested_handlers);
	SIGCOUNT_TEST(tc, mask_calls_only_across_handlers);
	tcase_add_test(tc, handler_on_sigaltstack);
	tcase_add_test(tc, getcontext_in_a_handler);
	SIGCOUNT_LOOP_TEST(tc, handler_left_by_siglongjmp, 0, 2);
#ifdef UCC_SIG_INTERPOSE
	tcase_add_test(tc, installers_report_the_program_s_handlers);
#endif
	tcase_add_test(tc, ucc_sigaction_installs_too);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
