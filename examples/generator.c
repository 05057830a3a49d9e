/* A generator written with the four standard functions: a coroutine that
 * yields the Fibonacci numbers one at a time.  Nothing in it names this
 * library: linked with -lucontext_compat (or run with it LD_PRELOADed) it
 * uses ours; on glibc alone, glibc's; on musl, which has none, it needs
 * ours (musl-gcc -static generator.c -lucontext_compat).
 *
 * Prints the first N numbers (default 20) and exits 0 if they are right. */
#include <stdio.h>
#include <stdlib.h>
#include <ucontext.h>

static ucontext_t caller, gen;
static unsigned long long yielded;
static int finished;

static void
fibonacci(int count)
{
	unsigned long long a = 0, b = 1;

	for (int i = 0; i < count; i++) {
		yielded = a;
		swapcontext(&gen, &caller);	/* yield a */
		unsigned long long next = a + b;
		a = b;
		b = next;
	}
	finished = 1;
	setcontext(&caller);			/* never returns */
}

int
main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 20;
	static char stack[64 * 1024];

	if (getcontext(&gen) == -1) {
		perror("getcontext");
		return 1;
	}
	gen.uc_stack.ss_sp = stack;
	gen.uc_stack.ss_size = sizeof stack;
	gen.uc_link = NULL;
	makecontext(&gen, (void (*)(void))fibonacci, 1, n);

	unsigned long long a = 0, b = 1;	/* what it should yield */
	int ok = 1, got = 0;
	for (;;) {
		if (swapcontext(&caller, &gen) == -1) {
			perror("swapcontext");
			return 1;
		}
		if (finished)
			break;
		ok &= yielded == a;
		unsigned long long next = a + b;
		a = b;
		b = next;
		printf("%s%llu", got++ ? " " : "", yielded);
	}
	printf("\n");
	return ok && got == n ? 0 : 1;
}
