/* A preemptive round-robin scheduler, shared by tests/test_sigswitch.c
 * and compat-tests/s_preempt.c: PREEMPT_WORKERS workers that spin, and a
 * handler that swapcontexts from the interrupted worker back to the
 * scheduler.  Plain names throughout: ours where the program is linked
 * with the library or preloads it, the C library's otherwise.  The
 * signal, and what sends it, are the caller's. */
#ifndef UCC_TEST_PREEMPT_H
#define UCC_TEST_PREEMPT_H

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

/* Install fn for sig with sa_flags flags; sigaction's result.  Without
 * glibc the library cannot take over sigaction (ucc_sigaction(3)):
 * handlers that switch are installed with its own. */
#ifndef __GLIBC__
int ucc_sigaction(int, const struct sigaction *, struct sigaction *);
#endif
static int
on_signal(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = flags;
#ifdef __GLIBC__
	return sigaction(sig, &sa, NULL);
#else
	return ucc_sigaction(sig, &sa, NULL);
#endif
}

#define PREEMPT_WORKERS 3
#define PREEMPT_SWITCHES 60
#define PREEMPT_STACK (64 * 1024)

struct sched {
	ucontext_t main, worker[PREEMPT_WORKERS];
	volatile long progress[PREEMPT_WORKERS];
	volatile int running;		/* the worker on the CPU, or -1 */
	int sig;
	/* what a correct library makes 0: the scheduler finding the signal
	 * blocked, a resumed handler finding it unblocked */
	int sched_blocked, resumed_unblocked;
};
static __thread struct sched *preempt_me;

static int
preempt_blocked(int sig)
{
	sigset_t m;
	sigprocmask(SIG_BLOCK, NULL, &m);
	return sigismember(&m, sig);
}

/* The handler: from the interrupted worker to its thread's scheduler. */
static void
preempt_tick(int sig)
{
	struct sched *s = preempt_me;
	(void)sig;
	if (s == NULL || s->running < 0)
		return;			/* the scheduler's own time */
	int i = s->running;
	s->running = -1;
	swapcontext(&s->worker[i], &s->main);
	/* resumed: still inside the handler, the signal blocked again */
	if (!preempt_blocked(s->sig))
		s->resumed_unblocked++;
}

static void
preempt_work(int i)
{
	for (;;) {
		preempt_me->running = i;
		preempt_me->progress[i]++;
	}
}

/* PREEMPT_SWITCHES preemptions of the workers, round robin, on the
 * calling thread. */
static void
preempt_run(struct sched *s)
{
	preempt_me = s;
	s->running = -1;
	for (int i = 0; i < PREEMPT_WORKERS; i++) {
		void *stack = mmap(NULL, PREEMPT_STACK, PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (stack == MAP_FAILED) {
			perror("mmap");
			exit(2);
		}
		getcontext(&s->worker[i]);
		s->worker[i].uc_stack.ss_sp = stack;
		s->worker[i].uc_stack.ss_size = PREEMPT_STACK;
		s->worker[i].uc_link = NULL;
		makecontext(&s->worker[i], (void (*)(void))preempt_work, 1, i);
	}
	for (int n = 0; n < PREEMPT_SWITCHES; n++) {
		swapcontext(&s->main, &s->worker[n % PREEMPT_WORKERS]);
		if (preempt_blocked(s->sig))
			s->sched_blocked++;
	}
}

/* Every worker ran. */
static int
preempt_all_ran(const struct sched *s)
{
	for (int i = 0; i < PREEMPT_WORKERS; i++)
		if (s->progress[i] == 0)
			return 0;
	return 1;
}

#endif
