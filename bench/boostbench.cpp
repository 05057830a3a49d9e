// Boost.Context's jump_fcontext, measured as bench/ctxbench measures
// swapcontext: main <-> one fiber, clean, or with the two sides leaving
// the MXCSR exception flags different before each switch.
//
//   boostbench swap | swapdirty        prints ns per switch
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

int
main(int argc, char **argv)
{
	static char stack[64 * 1024];
	dirty = argc > 1 && std::strcmp(argv[1], "swapdirty") == 0;
	const char *env = std::getenv("CTXBENCH_SECONDS");
	double budget = env ? std::atof(env) : 0.2, t;
	fiber = make_fcontext(stack + sizeof stack, sizeof stack, pong);
	long n = 1000;
	trips(n);
	for (;;) {
		double t0 = now();
		trips(n);
		t = now() - t0;
		if (t >= budget / 10)
			break;
		n *= 4;
	}
	n = (long)(n * budget / t) + 1;
	double t0 = now();
	trips(n);
	std::printf("%.3f\n", (now() - t0) * 1e9 / (2.0 * n));
	return 0;
}
