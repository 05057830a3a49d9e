/* Debian's PCL (libpcl1), as its users drive it: a generator coroutine,
 * resumed by co_call and yielding by co_resume.  Built on the C library's
 * swapcontext; run it under LD_PRELOAD to put ours underneath.
 *
 *   pclbench        prints ns per resume + yield (two swapcontext calls
 *                   and PCL's own bookkeeping) */
#include <pcl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static volatile long produced;

static void
generator(void *arg)
{
	(void)arg;
	for (long i = 0;; i++) {
		produced = i;
		co_resume();
	}
}

static double
now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec * 1e-9;
}

static void
pull(coroutine_t co, long n)
{
	for (long i = 0; i < n; i++)
		co_call(co);
}

int
main(void)
{
	const char *env = getenv("CTXBENCH_SECONDS");
	double budget = env ? atof(env) : 0.2, t;
	co_thread_init();
	coroutine_t co = co_create(generator, NULL, NULL, 64 * 1024);
	if (co == NULL) {
		perror("co_create");
		return 1;
	}
	long n = 1000;
	pull(co, n);
	for (;;) {
		double t0 = now();
		pull(co, n);
		t = now() - t0;
		if (t >= budget / 10)
			break;
		n *= 4;
	}
	n = (long)(n * budget / t) + 1;
	double t0 = now();
	pull(co, n);
	printf("%.3f\n", (now() - t0) * 1e9 / n);
	return 0;
}
