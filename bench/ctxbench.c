/* Context-switch measurements for make bench, written against
 * <ucontext.h> alone: built as is it measures the C library's functions,
 * linked with -lucontext_compat (or run under LD_PRELOAD) ours.
 *
 *   ctxbench swap          ns per swapcontext, main <-> one coroutine
 *   ctxbench swapdirty     the same, each side leaving the MXCSR exception
 *                          flags different from the other's: main raises
 *                          inexact by a division, the coroutine clears the
 *                          flags, before each switch
 *   ctxbench dirtywork     that work alone, per switch, without switching
 *   ctxbench swapsusp      ns per swapcontext while a signal handler that
 *                          switched away is suspended (never resumed)
 *   ctxbench get           ns per getcontext
 *   ctxbench set           ns per setcontext (back to a saved point)
 *   ctxbench make          ns per makecontext + switching in + returning
 *                          through uc_link
 *   ctxbench ring N [random]
 *                          ns per switch, N contexts round robin, in the
 *                          order they lie in memory, or in a random one
 *   ctxbench swapn N       exactly N round trips and nothing timed (for
 *                          valgrind and strace)
 *   ctxbench swapsuspn N   the same while a signal handler is suspended
 *   ctxbench ringn N R [random]
 *                          exactly R rounds of the ring, nothing timed
 *                          (for cachegrind)
 *
 * Each timed figure comes from a run calibrated to last about 0.2 s (set
 * CTXBENCH_SECONDS), after a warm-up; one number is printed. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/mman.h>
#include <time.h>
#include <ucontext.h>

static double
now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec * 1e-9;
}

/* Run fn(n) with n growing until it lasts a tenth of the budget, then
 * once for the whole budget; return seconds per unit. */
static double
measure(void (*fn)(long), long units_per_call, long n)
{
	const char *env = getenv("CTXBENCH_SECONDS");
	double budget = env ? atof(env) : 0.2, t;

	fn(n);
	for (;;) {
		double t0 = now();
		fn(n);
		t = now() - t0;
		if (t >= budget / 10)
			break;
		n *= 4;
	}
	n = (long)(n * budget / t) + 1;
	if (n < 1)
		n = 1;
	double t0 = now();
	fn(n);
	return (now() - t0) / ((double)n * units_per_call);
}

/* ---- dirty flags, without the C library's feclearexcept (fnstenv,
 * fldenv: far dearer than the switch itself) ------------------------- */
static volatile double one = 1.0, three = 3.0, sink;

static inline void
raise_inexact(void)
{
	sink = one / three;
}

static inline void
clear_flags(void)
{
#if defined(__x86_64__) || defined(__i386__)
	unsigned m;
	__asm__ volatile("stmxcsr %0" : "=m"(m));
	m &= ~0x3fu;
	__asm__ volatile("ldmxcsr %0" : : "m"(m));
#endif
}

/* ---- ping-pong -------------------------------------------------------- */
static ucontext_t main_uc, co_uc;
static int dirty;

static void
pong(void)
{
	for (;;) {
		if (dirty)
			clear_flags();
		swapcontext(&co_uc, &main_uc);
	}
}

static void
trips(long n)
{
	for (long i = 0; i < n; i++) {
		if (dirty)
			raise_inexact();
		swapcontext(&main_uc, &co_uc);
	}
}

static void
dirtywork(long n)
{
	for (long i = 0; i < n; i++) {
		raise_inexact();
		__asm__ volatile("" ::: "memory");
		clear_flags();
	}
}

static void
start_pong(void)
{
	static char stack[64 * 1024];
	getcontext(&co_uc);
	co_uc.uc_stack.ss_sp = stack;
	co_uc.uc_stack.ss_size = sizeof stack;
	co_uc.uc_link = NULL;
	makecontext(&co_uc, pong, 0);
}

/* ---- a signal handler suspended: it switches away and is never resumed,
 * as a preemptive scheduler leaves its threads ------------------------- */
static ucontext_t susp_main, susp_worker, susp_handler;

static void
leave(int sig)
{
	(void)sig;
	swapcontext(&susp_handler, &susp_main);
}

static void
raiser(void)
{
	raise(SIGUSR1);
}

static void
suspend_a_handler(void)
{
	static char stack[64 * 1024];
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = leave;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	getcontext(&susp_worker);
	susp_worker.uc_stack.ss_sp = stack;
	susp_worker.uc_stack.ss_size = sizeof stack;
	susp_worker.uc_link = NULL;
	makecontext(&susp_worker, raiser, 0);
	swapcontext(&susp_main, &susp_worker);
}

/* ---- getcontext, setcontext, makecontext -------------------------------- */
/* The count lives in memory: gcc takes any function named getcontext to
 * return twice, and would rightly warn that a register-held count might
 * not survive that. */
static long get_left;

static void
gets(long n)
{
	ucontext_t uc;
	for (get_left = n; get_left > 0; get_left--)
		getcontext(&uc);
}

static ucontext_t set_uc;
static volatile long set_left;

static void __attribute__((noinline))
sets(long n)
{
	set_left = n;
	getcontext(&set_uc);
	if (set_left-- > 0)
		setcontext(&set_uc);
}

static ucontext_t make_uc, make_back;

static void
nothing(void)
{
}

static void
makes(long n)
{
	static char stack[16 * 1024];
	static int ready;
	if (!ready) {
		getcontext(&make_uc);
		make_uc.uc_stack.ss_sp = stack;
		make_uc.uc_stack.ss_size = sizeof stack;
		make_uc.uc_link = &make_back;
		ready = 1;
	}
	for (long i = 0; i < n; i++) {
		makecontext(&make_uc, nothing, 0);
		swapcontext(&make_back, &make_uc);
	}
}

/* ---- a ring of N contexts ----------------------------------------------- */
/* main -> ring[order[0]] -> ... -> ring[order[N-1]] -> main.  Each member
 * works out where it goes next once, before its loop, so that a switch
 * touches only the two contexts and their stacks. */
static ucontext_t *ring;
static long ring_n, *ring_order, *ring_next;

static void
member(long i)
{
	ucontext_t *self = &ring[i];
	ucontext_t *next = ring_next[i] < 0 ? &main_uc : &ring[ring_next[i]];
	for (;;)
		swapcontext(self, next);
}

static void
rounds(long n)
{
	ucontext_t *first = &ring[ring_order[0]];
	for (long r = 0; r < n; r++)
		swapcontext(&main_uc, first);
}

/* The visiting order, and each member's successor in it (-1: main). */
static void
ring_plan(long n, int random_order)
{
	ring_order = malloc((size_t)n * sizeof *ring_order);
	ring_next = malloc((size_t)n * sizeof *ring_next);
	if (!ring_order || !ring_next) {
		perror("malloc");
		exit(1);
	}
	for (long i = 0; i < n; i++)
		ring_order[i] = i;
	if (random_order) {
		uint64_t x = 0x9e3779b97f4a7c15u;	/* fixed: runs compare */
		for (long i = n - 1; i > 0; i--) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			long j = (long)(x % (uint64_t)(i + 1)), t = ring_order[i];
			ring_order[i] = ring_order[j];
			ring_order[j] = t;
		}
	}
	for (long k = 0; k < n; k++)
		ring_next[ring_order[k]] = k + 1 < n ? ring_order[k + 1] : -1;
}

static void
start_ring(long n, int random_order)
{
	const size_t stack = 2048;	/* each context only loops */
	ring_n = n;
	ring_plan(n, random_order);
	ring = mmap(NULL, (size_t)n * sizeof *ring, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *stacks = mmap(NULL, (size_t)n * stack, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (ring == MAP_FAILED || stacks == MAP_FAILED) {
		perror("mmap");
		exit(1);
	}
	for (long i = 0; i < n; i++) {
		getcontext(&ring[i]);
		ring[i].uc_stack.ss_sp = stacks + i * stack;
		ring[i].uc_stack.ss_size = stack;
		ring[i].uc_link = NULL;
		makecontext(&ring[i], (void (*)(void))member, 1, i);
	}
	rounds(1);	/* every member started: the frames are in place */
}

int
main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "swap";
	long arg = argc > 2 ? atol(argv[2]) : 0;
	double s;

	if (strcmp(what, "swap") == 0 || strcmp(what, "swapdirty") == 0) {
		dirty = what[4] == 'd';
		start_pong();
		s = measure(trips, 2, 1000);
	} else if (strcmp(what, "swapsusp") == 0) {
		suspend_a_handler();
		start_pong();
		s = measure(trips, 2, 1000);
	} else if (strcmp(what, "swapsuspn") == 0) {
		suspend_a_handler();
		start_pong();
		trips(arg);
		return 0;
	} else if (strcmp(what, "swapn") == 0) {
		start_pong();
		trips(arg);
		return 0;
	} else if (strcmp(what, "dirtywork") == 0) {
		s = measure(dirtywork, 2, 1000);
	} else if (strcmp(what, "get") == 0) {
		s = measure(gets, 1, 1000);
	} else if (strcmp(what, "set") == 0) {
		s = measure(sets, 1, 1000);
	} else if (strcmp(what, "make") == 0) {
		s = measure(makes, 1, 1000);
	} else if (strcmp(what, "ring") == 0 && arg >= 1) {
		start_ring(arg, argc > 3 && strcmp(argv[3], "random") == 0);
		s = measure(rounds, arg + 1, 1);
	} else if (strcmp(what, "ringn") == 0 && arg >= 1 && argc > 3) {
		start_ring(arg, argc > 4 && strcmp(argv[4], "random") == 0);
		rounds(atol(argv[3]));
		return 0;
	} else {
		fprintf(stderr, "usage: ctxbench swap|swapdirty|dirtywork|swapsusp|get|set|make|"
			"ring N [random]|swapn N|swapsuspn N|ringn N ROUNDS [random]\n");
		return 2;
	}
	printf("%.3f\n", s * 1e9);
	return 0;
}
