/* Stack slicing, measured: ns per switch between two sliced contexts
 * whose slices are 64 B to 64 KiB, against an ordinary swapcontext of
 * ours in the same run; a tasklet ping-ponging with its scheduler, on a
 * shared stack and on the thread's; and what ucc_base_init costs, first
 * on a thread and after.  Each figure the median of several runs.
 *
 *   slice [runs [csv]]        (default 5 runs, a table)
 *
 * Prints a table, or with "csv" lines "ordinary,0,NS",
 * "sliced,SLICE_BYTES,NS", "pingpong-shared,SLICE_BYTES,NS",
 * "pingpong-thread,SLICE_BYTES,NS", "baseinit-first,0,NS" and
 * "baseinit-again,0,NS".  The goals (issue 13): a 256-byte slice at most
 * 1.5x an ordinary switch, the ping-pong on a shared stack at most 1.1x. */
#define _GNU_SOURCE
#include <alloca.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ucontext_compat.h"

static double
now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e9 + t.tv_nsec;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* ---- ordinary: our swapcontext ping-pong ---------------------------- */

static ucontext_t main_uc, co_uc;

static void
pong(void)
{
	for (;;)
		ucc_swapcontext(&co_uc, &main_uc);
}

static double
ordinary_ns(long trips)
{
	static char stack[65536];
	ucc_getcontext(&co_uc);
	co_uc.uc_stack.ss_sp = stack;
	co_uc.uc_stack.ss_size = sizeof stack;
	co_uc.uc_link = NULL;
	ucc_makecontext(&co_uc, pong, 0);
	for (int i = 0; i < 1000; i++)
		ucc_swapcontext(&main_uc, &co_uc);
	double t0 = now();
	for (long i = 0; i < trips; i++)
		ucc_swapcontext(&main_uc, &co_uc);
	return (now() - t0) / (2.0 * trips);
}

/* ---- sliced: two tasklets switching to each other ------------------- */

static ucc_base_t base;
static ucc_slice_t sched, a, b;
static size_t pad;
static long trips_left;
static double elapsed;

static void
tasklet_a(void *arg)
{
	(void)arg;
	volatile char *p = alloca(pad);
	p[0] = 0;
	ucc_slice_swap(&a, &sched);		/* both exist before timing */
	double t0 = now();
	while (trips_left-- > 0)
		ucc_slice_swap(&a, &b);
	elapsed = now() - t0;
	ucc_slice_set(&sched);
}

static void
tasklet_b(void *arg)
{
	(void)arg;
	volatile char *p = alloca(pad);
	p[0] = 0;
	for (;;) {
		ucc_slice_swap(&b, &sched);	/* first: to be saved */
		for (;;)
			ucc_slice_swap(&b, &a);
	}
}

static double __attribute__((noinline))
sliced_ns(size_t bytes, long trips, size_t *slice)
{
	pad = bytes;
	ucc_base_init(&base);
	ucc_slice_init(&sched, &base);
	ucc_slice_init(&a, &base);
	ucc_slice_init(&b, &base);
	ucc_slice_make(&a, &base, tasklet_a, NULL, &sched);
	ucc_slice_make(&b, &base, tasklet_b, NULL, &sched);
	ucc_slice_swap(&sched, &a);
	ucc_slice_swap(&sched, &b);
	*slice = ucc_slice_size(&b);
	trips_left = trips;
	ucc_slice_swap(&sched, &a);		/* a and b ping-pong, a returns */
	ucc_slice_release(&a);
	ucc_slice_release(&b);
	ucc_slice_release(&sched);
	ucc_base_release(&base);
	return elapsed / (2.0 * trips);
}

/* ---- a tasklet and its scheduler ------------------------------------ */

static ucontext_t sched_uc;
static ucc_slice_t osched;	/* the scheduler, ordinary (shared stack) */
static ucc_slice_t *home;	/* where the tasklet yields to */

static void
yielder(void *arg)
{
	(void)arg;
	volatile char *p = alloca(pad);
	p[0] = 0;
	for (;;)
		ucc_slice_swap(&a, home);
}

/* ns per switch: the scheduler resumes the tasklet, which yields back.
 * shared: the tasklet on a stack of its own base, the scheduler an
 * ordinary context on the thread's stack; else both on a base on the
 * thread's stack, the scheduler sliced at the base. */
static double __attribute__((noinline))
pingpong_ns(int shared, size_t bytes, long trips, size_t *slice)
{
	static stack_t ss;
	pad = bytes;
	if (shared) {
		if (ss.ss_sp == NULL && ucc_stack_alloc(&ss, 256 * 1024) != 0)
			abort();
		ucc_base_init_stack(&base, &ss);
		ucc_slice_wrap(&osched, &sched_uc);
		home = &osched;
	} else {
		ucc_base_init(&base);
		ucc_slice_init(&sched, &base);
		home = &sched;
	}
	ucc_slice_init(&a, &base);
	ucc_slice_make(&a, &base, yielder, NULL, home);
	for (int i = 0; i < 1000; i++)
		ucc_slice_swap(home, &a);
	*slice = ucc_slice_size(&a);
	double t0 = now();
	for (long i = 0; i < trips; i++)
		ucc_slice_swap(home, &a);
	double ns = (now() - t0) / (2.0 * trips);
	ucc_slice_release(&a);
	ucc_slice_release(&sched);
	ucc_base_release(&base);
	return ns;
}

/* ---- ucc_base_init ---------------------------------------------------- */

static double first_ns;

static void *
first_on_a_thread(void *arg)
{
	ucc_base_t b;
	(void)arg;
	double t0 = now();
	if (ucc_base_init(&b) != 0)
		abort();
	first_ns = now() - t0;
	return NULL;
}

static double
base_init_first_ns(void)
{
	pthread_t t;
	if (pthread_create(&t, NULL, first_on_a_thread, NULL) != 0 ||
	    pthread_join(t, NULL) != 0)
		abort();
	return first_ns;
}

static double __attribute__((noinline))
base_init_again_ns(long n)
{
	ucc_base_t b;
	double t0 = now();
	for (long i = 0; i < n; i++)
		if (ucc_base_init(&b) != 0)
			abort();
	return (now() - t0) / n;
}

int
main(int argc, char **argv)
{
	int runs = argc > 1 ? atoi(argv[1]) : 5;
	int csv = argc > 2 && strcmp(argv[2], "csv") == 0;
	double v[64];
	static const size_t sizes[] = {
		0, 64, 128, 192, 208, 512, 1024, 2048, 4096, 8192, 16384, 32768,
		65536 - 256,
	};

	if (runs < 1 || runs > 64)
		runs = 5;
	for (int r = 0; r < runs; r++)
		v[r] = ordinary_ns(2000000);
	double base_ns = median(v, runs);
	if (csv) {
		printf("ordinary,0,%.3f\n", base_ns);
	} else {
		printf("ns per switch, median of %d runs\n", runs);
		printf("  %-44s %8.2f\n", "ordinary: ucc_swapcontext", base_ns);
		printf("  %-28s %15s %8s %10s\n", "sliced: two tasklets", "slice bytes", "ns", "x ordinary");
	}
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		size_t slice = 0;
		long trips = sizes[i] > 8192 ? 50000 : 500000;
		for (int r = 0; r < runs; r++)
			v[r] = sliced_ns(sizes[i], trips, &slice);
		double ns = median(v, runs);
		if (csv)
			printf("sliced,%zu,%.3f\n", slice, ns);
		else
			printf("  %-28s %15zu %8.2f %10.2f\n", "", slice, ns, ns / base_ns);
		fflush(stdout);
	}
	static const size_t pp_sizes[] = { 0, 208, 4096 };
	for (int shared = 1; shared >= 0; shared--)
		for (size_t i = 0; i < sizeof pp_sizes / sizeof pp_sizes[0]; i++) {
			size_t slice = 0;
			for (int r = 0; r < runs; r++)
				v[r] = pingpong_ns(shared, pp_sizes[i], 1000000, &slice);
			double ns = median(v, runs);
			const char *what = shared ? "pingpong-shared" : "pingpong-thread";
			if (csv)
				printf("%s,%zu,%.3f\n", what, slice, ns);
			else
				printf("  %-28s %15zu %8.2f %10.2f\n", what, slice, ns, ns / base_ns);
		}
	for (int r = 0; r < runs; r++)
		v[r] = base_init_first_ns();
	double first = median(v, runs);
	for (int r = 0; r < runs; r++)
		v[r] = base_init_again_ns(100000);
	double again = median(v, runs);
	if (csv)
		printf("baseinit-first,0,%.1f\nbaseinit-again,0,%.2f\n", first, again);
	else
		printf("  ucc_base_init: first on a thread %.1f ns, again %.2f ns\n", first, again);
	return 0;
}
