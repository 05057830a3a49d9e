// Boost.Context's jump_fcontext, measured as bench/ctxbench measures
// swapcontext: main <-> one fiber, clean, or with the two sides leaving
// the MXCSR exception flags different before each switch; and N fibers
// round robin, as ctxbench's ring.
//
//   boostbench swap | swapdirty        prints ns per switch
//   boostbench ring N [random]         prints ns per switch
//   boostbench ringn N R [random]      R rounds, nothing timed (cachegrind)
#include <boost/context/detail/fcontext.hpp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>

using boost::context::detail::fcontext_t;
using boost::context::detail::jump_fcontext;
using boost::context::detail::make_fcontext;
using boost::context::detail::transfer_t;

static volatile double one = 1.0, three = 3.0, sink;
static bool dirty;
static fcontext_t fiber;

static void
clear_flags()
{
	unsigned m;
	__asm__ volatile("stmxcsr %0" : "=m"(m));
	m &= ~0x3fu;
	__asm__ volatile("ldmxcsr %0" : : "m"(m));
}

static void
pong(transfer_t t)
{
	fcontext_t back = t.fctx;
	for (;;) {
		if (dirty)
			clear_flags();
		back = jump_fcontext(back, nullptr).fctx;
	}
}

static double
now()
{
	timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec * 1e-9;
}

static void
trips(long n)
{
	for (long i = 0; i < n; i++) {
		if (dirty)
			sink = one / three;
		fiber = jump_fcontext(fiber, nullptr).fctx;
	}
}

// ---- a ring of N fibers, as ctxbench's ----------------------------------
// A fiber's handle changes each time it suspends, so the ring keeps them
// in an array, as a scheduler keeps them in its fibers' records: the one
// resumed records the handle of the one that left, whose index the jump
// carries.
static fcontext_t *ring_h, ring_main;
static long *ring_order, *ring_next;

static void
member(transfer_t t)
{
	// First entry, from start_ring: note who we are, go back.
	long self = reinterpret_cast<long>(t.data);
	t = jump_fcontext(t.fctx, nullptr);
	long next = ring_next[self];
	for (;;) {
		long prev = reinterpret_cast<long>(t.data);
		(prev < 0 ? ring_main : ring_h[prev]) = t.fctx;
		t = jump_fcontext(next < 0 ? ring_main : ring_h[next],
				  reinterpret_cast<void *>(self));
	}
}

static void
rounds(long n)
{
	for (long r = 0; r < n; r++) {
		transfer_t t = jump_fcontext(ring_h[ring_order[0]],
					     reinterpret_cast<void *>(-1L));
		ring_h[reinterpret_cast<long>(t.data)] = t.fctx;
	}
}

static void
start_ring(long n, bool random_order)
{
	const size_t stack = 2048;
	ring_order = new long[n];
	ring_next = new long[n];
	ring_h = new fcontext_t[n];
	for (long i = 0; i < n; i++)
		ring_order[i] = i;
	if (random_order) {
		unsigned long long x = 0x9e3779b97f4a7c15ull;	// as ctxbench's
		for (long i = n - 1; i > 0; i--) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			long j = static_cast<long>(x % static_cast<unsigned long long>(i + 1));
			long t = ring_order[i];
			ring_order[i] = ring_order[j];
			ring_order[j] = t;
		}
	}
	for (long k = 0; k < n; k++)
		ring_next[ring_order[k]] = k + 1 < n ? ring_order[k + 1] : -1;
	char *stacks = static_cast<char *>(std::malloc(n * stack));
	if (!stacks) {
		std::perror("malloc");
		std::exit(1);
	}
	for (long i = 0; i < n; i++)
		ring_h[i] = make_fcontext(stacks + (i + 1) * stack, stack, member);
	// Enter each fiber once, telling it who it is, and come back.
	for (long i = 0; i < n; i++)
		ring_h[i] = jump_fcontext(ring_h[i], reinterpret_cast<void *>(i)).fctx;
}

static double
measure(void (*fn)(long), long units, long n)
{
	const char *env = std::getenv("CTXBENCH_SECONDS");
	double budget = env ? std::atof(env) : 0.2, t;
	fn(n);
	for (;;) {
		double t0 = now();
		fn(n);
		t = now() - t0;
		if (t >= budget / 10)
			break;
		n *= 4;
	}
	n = static_cast<long>(n * budget / t) + 1;
	double t0 = now();
	fn(n);
	return (now() - t0) * 1e9 / (static_cast<double>(n) * units);
}

int
main(int argc, char **argv)
{
	static char stack[64 * 1024];
	const char *what = argc > 1 ? argv[1] : "swap";
	long arg = argc > 2 ? std::atol(argv[2]) : 0;
	if (std::strcmp(what, "ring") == 0 && arg >= 1) {
		start_ring(arg, argc > 3 && std::strcmp(argv[3], "random") == 0);
		std::printf("%.3f\n", measure(rounds, arg + 1, 1));
		return 0;
	}
	if (std::strcmp(what, "ringn") == 0 && arg >= 1 && argc > 3) {
		start_ring(arg, argc > 4 && std::strcmp(argv[4], "random") == 0);
		rounds(std::atol(argv[3]));
		return 0;
	}
	dirty = std::strcmp(what, "swapdirty") == 0;
	fiber = make_fcontext(stack + sizeof stack, sizeof stack, pong);
	std::printf("%.3f\n", measure(trips, 2, 1000));
	return 0;
}
