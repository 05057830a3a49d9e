/* Ping-pong through swapcontext between main and one coroutine, written
 * against <ucontext.h> only: built as is it uses the libc's functions,
 * linked with -lucontext_compat (or run under LD_PRELOAD) ours.
 *
 *   pingpong [seconds]    prints "<ns per swapcontext> <swapcontext calls>"
 *   pingpong -n TRIPS     exactly TRIPS round trips, nothing else
 *
 * With seconds (default 0.3), calibrates the number of round trips so the
 * timed run lasts about that long, after a warm-up. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <ucontext.h>

static ucontext_t main_uc, co_uc;

static void
pong(void)
{
	for (;;)
		swapcontext(&co_uc, &main_uc);
}

static double
now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec * 1e-9;
}

static double
run(long trips)
{
	double t0 = now();
	for (long i = 0; i < trips; i++)
		if (swapcontext(&main_uc, &co_uc) != 0) {
			perror("swapcontext");
			exit(1);
		}
	return now() - t0;
}

int
main(int argc, char **argv)
{
	static char stack[64 * 1024];
	long exact = argc > 2 && argv[1][0] == '-' ? atol(argv[2]) : 0;
	double budget = argc > 1 && !exact ? atof(argv[1]) : 0.3;

	if (getcontext(&co_uc) != 0) {
		perror("getcontext");
		return 1;
	}
	co_uc.uc_stack.ss_sp = stack;
	co_uc.uc_stack.ss_size = sizeof stack;
	co_uc.uc_link = NULL;
	makecontext(&co_uc, pong, 0);

	long trips = 1000;
	double t;
	if (exact > 0) {
		t = run(exact);
		printf("%.2f %ld\n", t * 1e9 / (2.0 * exact), 2 * exact);
		return 0;
	}
	while ((t = run(trips)) < budget / 10)
		trips *= 4;
	trips = (long)(trips * budget / t) + 1;
	t = run(trips);
	printf("%.2f %ld\n", t * 1e9 / (2.0 * trips), 2 * trips);
	return 0;
}
