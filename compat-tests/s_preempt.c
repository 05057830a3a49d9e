/* Switching inside signal handlers: preemptive schedulers driven by
 * SIGALRM and by SIGVTALRM (the handler swapcontexts from the interrupted
 * worker to the scheduler), nested handlers, a handler on sigaltstack,
 * and threads each preempting their own workers.  glibc's switch
 * functions set the mask saved with the target, so the scheduler runs
 * with the signal unblocked and the resumed handler with it blocked; the
 * default library must do the same without a mask call on the switches
 * made outside handlers.  A stuck scheduler (the signal left blocked)
 * is caught by a CPU-time watchdog and reported, not waited for. */
#include "scenario.h"
#include "preempt.h"

#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#define STACK (64 * 1024)
#define blocked preempt_blocked

static void
on(int sig, void (*fn)(int), int flags)
{
	if (on_signal(sig, fn, flags) != 0) {
		perror("sigaction");
		exit(2);
	}
}

/* ---- the watchdog: CPU time, so that a spinning worker trips it ------- */
static const char *stage = "start";

static void
stuck(int sig)
{
	(void)sig;
	say("preempt.stuck", "%s", stage);
	_exit(3);
}

static void
watchdog(int seconds)
{
	struct itimerval it = { { 0, 0 }, { seconds, 0 } };
	setitimer(ITIMER_PROF, &it, NULL);
}

static void
report(const char *name, struct sched *s)
{
	say(name, "%d preemptions, every worker ran: %s, scheduler saw the "
	    "signal blocked %d times, resumed handlers saw it unblocked %d times",
	    PREEMPT_SWITCHES, preempt_all_ran(s) ? "yes" : "no", s->sched_blocked,
	    s->resumed_unblocked);
}

static void
timer_driven(const char *name, int sig, int which)
{
	static struct sched s;
	memset(&s, 0, sizeof s);
	s.sig = sig;
	stage = name;
	on(sig, preempt_tick, 0);
	watchdog(5);
	struct itimerval it = { { 0, 1000 }, { 0, 1000 } };
	setitimer(which, &it, NULL);
	preempt_run(&s);
	memset(&it, 0, sizeof it);
	setitimer(which, &it, NULL);
	signal(sig, SIG_IGN);
	report(name, &s);
	say(name, "after: signal %s", blocked(sig) ? "blocked" : "unblocked");
}

/* ---- threads, each preempting its own workers ------------------------- */
static pthread_t sched_thread[2];
static volatile int threads_done;

static void *
thread_main(void *arg)
{
	struct sched *s = arg;
	preempt_run(s);
	__atomic_add_fetch(&threads_done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

static void
threads(void)
{
	static struct sched s[2];
	stage = "threads";
	on(SIGUSR1, preempt_tick, 0);
	watchdog(10);
	for (int t = 0; t < 2; t++) {
		s[t].sig = SIGUSR1;
		pthread_create(&sched_thread[t], NULL, thread_main, &s[t]);
	}
	/* the ticker: a signal to each scheduler's thread every millisecond */
	while (__atomic_load_n(&threads_done, __ATOMIC_SEQ_CST) < 2) {
		for (int t = 0; t < 2; t++)
			pthread_kill(sched_thread[t], SIGUSR1);
		usleep(1000);
	}
	for (int t = 0; t < 2; t++)
		pthread_join(sched_thread[t], NULL);
	report("preempt.thread0", &s[0]);
	report("preempt.thread1", &s[1]);
}

/* ---- nested handlers: SIGUSR2's handler, inside SIGUSR1's, switches --- */
static ucontext_t n_main, n_worker, n_handler;

static void
mask_line(const char *key)
{
	say(key, "SIGUSR1 %s, SIGUSR2 %s", blocked(SIGUSR1) ? "blocked" : "unblocked",
	    blocked(SIGUSR2) ? "blocked" : "unblocked");
}

static void
on_usr2(int sig)
{
	(void)sig;
	mask_line("nested.usr2-handler");
	swapcontext(&n_handler, &n_main);
	mask_line("nested.usr2-handler-resumed");
}

static void
on_usr1(int sig)
{
	(void)sig;
	raise(SIGUSR2);
	mask_line("nested.usr1-handler-after-usr2");
}

static void
nested_worker(void)
{
	raise(SIGUSR1);
	mask_line("nested.worker-after");
}

static void
nested(void)
{
	stage = "nested";
	on(SIGUSR1, on_usr1, 0);
	on(SIGUSR2, on_usr2, 0);
	prepare(&n_worker, stack_alloc(STACK), STACK, &n_main);
	makecontext(&n_worker, nested_worker, 0);
	swapcontext(&n_main, &n_worker);	/* back from inside SIGUSR2's */
	mask_line("nested.scheduler");
	swapcontext(&n_main, &n_handler);	/* resume it; the worker ends */
	mask_line("nested.main-after");
}

/* ---- a handler on sigaltstack that switches --------------------------- */
static ucontext_t a_main, a_worker, a_handler;
static char *altstack;

static void
on_alt(int sig)
{
	char here;
	(void)sig;
	say("altstack.on-altstack", "%s",
	    &here >= altstack && &here < altstack + SIGSTKSZ * 4 ? "yes" : "no");
	swapcontext(&a_handler, &a_main);
	say("altstack.resumed", "SIGUSR1 %s", blocked(SIGUSR1) ? "blocked" : "unblocked");
}

static void
alt_worker(void)
{
	raise(SIGUSR1);
	say("altstack.worker-after", "SIGUSR1 %s", blocked(SIGUSR1) ? "blocked" : "unblocked");
}

static void
alt(void)
{
	stage = "altstack";
	stack_t ss = { .ss_sp = altstack = stack_alloc(SIGSTKSZ * 4),
		       .ss_size = SIGSTKSZ * 4, .ss_flags = 0 };
	sigaltstack(&ss, NULL);
	on(SIGUSR1, on_alt, SA_ONSTACK);
	prepare(&a_worker, stack_alloc(STACK), STACK, &a_main);
	makecontext(&a_worker, alt_worker, 0);
	swapcontext(&a_main, &a_worker);
	say("altstack.scheduler", "SIGUSR1 %s", blocked(SIGUSR1) ? "blocked" : "unblocked");
	swapcontext(&a_main, &a_handler);
	ss.ss_flags = SS_DISABLE;
	sigaltstack(&ss, NULL);
}

int
main(void)
{
	on(SIGPROF, stuck, 0);
	timer_driven("preempt.sigalrm", SIGALRM, ITIMER_REAL);
	timer_driven("preempt.sigvtalrm", SIGVTALRM, ITIMER_VIRTUAL);
	nested();
	alt();
	threads();
	say("preempt.done", "yes");
	return 0;
}
