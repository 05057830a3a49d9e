/* The signal mask: what each function saves and installs, how many
 * rt_sigprocmask calls each makes, and what happens when that call
 * fails.  The posix mode must match glibc here; the default mode differs
 * as documented. */
#include "scenario.h"
#include "sigcount.h"

#include <errno.h>
#include <signal.h>
#include <string.h>

static ucontext_t main_uc, co_uc;

static void
set_mask(int sig)
{
	sigset_t s;
	sigemptyset(&s);
	if (sig)
		sigaddset(&s, sig);
	pthread_sigmask(SIG_SETMASK, &s, NULL);
}

static const char *
mask_name(void)
{
	sigset_t s;
	pthread_sigmask(SIG_BLOCK, NULL, &s);
	int u1 = sigismember(&s, SIGUSR1), u2 = sigismember(&s, SIGUSR2);
	return u1 && u2 ? "USR1+USR2" : u1 ? "USR1" : u2 ? "USR2" : "empty";
}

static void
co(void)
{
	say("swapcontext.mask.co-runs-with", "%s", mask_name());
	set_mask(SIGUSR1);
	swapcontext(&co_uc, &main_uc);
}

static void
pong(void)
{
	for (;;)
		swapcontext(&co_uc, &main_uc);
}

static void
counted(void)
{
	ucontext_t uc;
	volatile int back = 0;

	prepare(&co_uc, stack_alloc(65536), 65536, NULL);
	if (sigcount_arm() != 0) {
		say("sigmask.counting", "unavailable");
		return;
	}
	makecontext(&co_uc, pong, 0);
	say("makecontext.syscalls", "%ld", sigcount());
	static long before;
	before = sigcount();
	getcontext(&uc);			/* returns twice */
	if (!back) {
		say("getcontext.syscalls", "%ld", sigcount() - before);
		back = 1;
		before = sigcount();
		setcontext(&uc);
	}
	say("setcontext.syscalls", "%ld", sigcount() - before);
	before = sigcount();
	for (int i = 0; i < 100; i++)
		swapcontext(&main_uc, &co_uc);
	say("swapcontext.syscalls", "%ld for 200 calls", sigcount() - before);
}

/* With rt_sigprocmask failing: glibc's functions and the posix mode
 * return -1/EPERM without switching; the default mode makes no call, so
 * it switches. */
static void
failing(void)
{
	static ucontext_t uc, o;
	volatile int back = 0;

	getcontext(&uc);
	if (back) {
		say("setcontext.mask-call-fails", "switched");
		return;
	}
	back = 1;
	if (sigcount_fail_with(EPERM) != 0) {
		say("sigmask.failing", "unavailable");
		return;
	}
	errno = 0;
	int r = getcontext(&o);
	say("getcontext.mask-call-fails", "returns %d, errno %s", r, errno == EPERM ? "EPERM" : errno ? "other" : "0");
	errno = 0;
	r = setcontext(&uc);
	say("setcontext.mask-call-fails", "returns %d, errno %s", r, errno == EPERM ? "EPERM" : errno ? "other" : "0");
}

static ucontext_t o_uc;

static void
back_to_o(void)
{
	swapcontext(&co_uc, &o_uc);
}

static void
failing_swap(void)
{
	prepare(&co_uc, stack_alloc(65536), 65536, NULL);
	makecontext(&co_uc, back_to_o, 0);
	if (sigcount_fail_with(EPERM) != 0) {
		say("sigmask.failing", "unavailable");
		return;
	}
	errno = 0;
	int r = swapcontext(&o_uc, &co_uc);
	say("swapcontext.mask-call-fails", "returns %d, errno %s", r, errno == EPERM ? "EPERM" : errno ? "other" : "0");
}

int
main(void)
{
	ucontext_t uc;
	volatile int back = 0;

	set_mask(SIGUSR2);
	memset(&uc, 0, sizeof uc);
	getcontext(&uc);
	if (!back) {
		say("getcontext.mask.saved", "%s",
		    sigismember(&uc.uc_sigmask, SIGUSR2) ? "the current mask" : "nothing");
		back = 1;
		set_mask(SIGUSR1);
		setcontext(&uc);
	}
	say("setcontext.mask.after", "%s", mask_name());

	set_mask(SIGUSR2);
	prepare(&co_uc, stack_alloc(65536), 65536, NULL);	/* saved: USR2 */
	makecontext(&co_uc, co, 0);
	set_mask(0);
	memset(&main_uc.uc_sigmask, 0, sizeof main_uc.uc_sigmask);
	swapcontext(&main_uc, &co_uc);
	say("swapcontext.mask.main-back-with", "%s", mask_name());
	say("swapcontext.mask.saved-for-main", "%s",
	    sigismember(&co_uc.uc_sigmask, SIGUSR1) ? "the co's mask" : "not written");
	set_mask(0);

	say("sigmask.counted", "%s", in_child(counted));
	say("sigmask.failing", "%s", in_child(failing));
	say("sigmask.failing-swap", "%s", in_child(failing_swap));
	return 0;
}
