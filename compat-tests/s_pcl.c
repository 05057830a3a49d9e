/* A real client: Debian's PCL (libpcl1), which is built on the C
 * library's ucontext functions, driving generators and nested coroutines.
 * Run as shipped and with our library preloaded, it must print the same,
 * except the system calls its switches make. */
#include "scenario.h"
#include "sigcount.h"

#include <pcl.h>

static coroutine_t primes, fib, outer, inner;
static long yielded;

static void
gen_primes(void *data)
{
	long limit = (long)data;
	for (long n = 2; n < limit; n++) {
		int prime = 1;
		for (long d = 2; d * d <= n && prime; d++)
			prime = n % d != 0;
		if (prime) {
			yielded = n;
			co_resume();
		}
	}
	yielded = -1;
	co_exit();
}

static void
gen_fib(void *data)
{
	unsigned long a = 0, b = 1;
	for (int i = 0; i < (int)(long)data; i++) {
		yielded = (long)a;
		unsigned long c = a + b;
		a = b;
		b = c;
		co_resume();
	}
	yielded = -1;
	co_exit();
}

static void
inner_body(void *data)
{
	(void)data;
	for (int i = 0; i < 3; i++) {
		say("pcl.inner", "step %d", i);
		co_resume();			/* back to outer */
	}
	co_exit_to(outer);
}

static void
outer_body(void *data)
{
	(void)data;
	inner = co_create(inner_body, NULL, NULL, 32768);
	for (int i = 0; i < 3; i++) {
		say("pcl.outer", "calls inner, %d", i);
		co_call(inner);
	}
	co_call(inner);				/* inner exits to us */
	say("pcl.outer", "inner exited to me");
	co_exit();
}

int
main(void)
{
	co_thread_init();
	primes = co_create(gen_primes, (void *)200L, NULL, 32768);
	long sum = 0, count = 0;
	for (;;) {
		co_call(primes);
		if (yielded < 0)
			break;
		sum += yielded;
		count++;
	}
	say("pcl.primes", "%ld primes below 200, sum %ld", count, sum);

	fib = co_create(gen_fib, (void *)40L, NULL, 32768);
	unsigned long last = 0;
	for (;;) {
		co_call(fib);
		if (yielded < 0)
			break;
		last = (unsigned long)yielded;
	}
	say("pcl.fib", "40th %lu", last);

	outer = co_create(outer_body, NULL, NULL, 65536);
	co_call(outer);
	say("pcl.main", "outer done");

	coroutine_t counter = co_create(gen_fib, (void *)1000000L, NULL, 32768);
	if (sigcount_arm() == 0) {
		for (int i = 0; i < 100; i++)
			co_call(counter);
		say("swapcontext.syscalls.pcl", "%ld for 100 co_call round trips", sigcount());
	}
	return 0;
}
