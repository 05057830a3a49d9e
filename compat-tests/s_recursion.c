/* Deep recursion on a context's stack, yielding to main from the deepest
 * frames and resuming there. */
#include "scenario.h"

static ucontext_t main_uc, co_uc;
static long yields;
static volatile int done;

static long
deep(int n)
{
	volatile char frame[64];
	frame[n % 64] = (char)n;
	if (n % 500 == 0) {
		yields++;
		swapcontext(&co_uc, &main_uc);
	}
	if (n == 0)
		return frame[0];
	return deep(n - 1) + n % 7 + frame[n % 64] % 3;
}

static void
co(void)
{
	say("recursion.result", "%ld", deep(20000));
	done = 1;
}

int
main(void)
{
	prepare(&co_uc, stack_alloc(8 << 20), 8 << 20, &main_uc);
	makecontext(&co_uc, co, 0);
	int resumes = 0;
	while (!done) {
		swapcontext(&main_uc, &co_uc);
		resumes++;
	}
	say("recursion.yields", "%ld in %d resumes", yields, resumes);
	return 0;
}
