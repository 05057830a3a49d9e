/* The real-time signals' half of the signal mask, on i386: glibc's
 * functions switch the mask with the old sigprocmask system call, whose
 * mask is one word, signals 1-32; what each function does with a
 * real-time signal blocked in the thread, or in the context. */
#include "scenario.h"

#include <signal.h>
#include <string.h>

static ucontext_t main_uc, co_uc;

static int
rt_signal(void)
{
	return SIGRTMIN + 2;
}

static void
block_only(int sig)
{
	sigset_t s;
	sigemptyset(&s);
	if (sig)
		sigaddset(&s, sig);
	pthread_sigmask(SIG_SETMASK, &s, NULL);
}

static const char *
blocked_now(void)
{
	sigset_t s;
	pthread_sigmask(SIG_BLOCK, NULL, &s);
	return sigismember(&s, rt_signal()) ? "blocked" : "not blocked";
}

static const char *
in_mask(const ucontext_t *uc)
{
	return sigismember(&uc->uc_sigmask, rt_signal()) ? "saved" : "not saved";
}

static const char *co_key;

static void
co(void)
{
	say(co_key, "%s", blocked_now());
	swapcontext(&co_uc, &main_uc);
}

/* co_uc, made to run co with this mask only */
static void
make_co(int sig)
{
	prepare(&co_uc, stack_alloc(65536), 65536, &main_uc);
	makecontext(&co_uc, co, 0);
	sigemptyset(&co_uc.uc_sigmask);
	if (sig)
		sigaddset(&co_uc.uc_sigmask, sig);
}

int
main(void)
{
	/* getcontext with the signal blocked: is it in uc_sigmask? */
	static ucontext_t uc;
	block_only(rt_signal());
	memset(&uc.uc_sigmask, 0, sizeof uc.uc_sigmask);
	getcontext(&uc);
	say("getcontext.rt-signals.blocked-in-thread", "%s", in_mask(&uc));

	/* setcontext of a context whose mask blocks it, from a thread that
	 * does not */
	static volatile int back;
	static ucontext_t target;
	block_only(0);
	back = 0;
	getcontext(&target);
	if (!back) {
		back = 1;
		sigemptyset(&target.uc_sigmask);
		sigaddset(&target.uc_sigmask, rt_signal());
		setcontext(&target);
	}
	say("setcontext.rt-signals.blocked-in-context", "%s", blocked_now());

	/* swapcontext: into a context whose mask blocks it, from a thread
	 * that does not; then the other way round, oucp saved with it
	 * blocked */
	block_only(0);
	make_co(rt_signal());
	co_key = "swapcontext.rt-signals.blocked-in-context.co-runs";
	swapcontext(&main_uc, &co_uc);
	say("swapcontext.rt-signals.blocked-in-context.main-back", "%s", blocked_now());

	block_only(rt_signal());
	make_co(0);
	memset(&main_uc.uc_sigmask, 0, sizeof main_uc.uc_sigmask);
	co_key = "swapcontext.rt-signals.blocked-in-thread.co-runs";
	swapcontext(&main_uc, &co_uc);
	say("swapcontext.rt-signals.blocked-in-thread.oucp", "%s", in_mask(&main_uc));
	say("swapcontext.rt-signals.blocked-in-thread.main-back", "%s", blocked_now());
	block_only(0);
	return 0;
}
