/* setcontext to a frame still on the stack: from deep recursion back to
 * a getcontext point, and to a swapcontext point, more than once. */
#include "scenario.h"

static ucontext_t top_uc, mark_uc, co_uc, main_uc;
static volatile int phase;

static int __attribute__((noinline))
dive(int n)
{
	volatile char pad[128];
	pad[n % 128] = (char)n;
	if (n == 0)
		return setcontext(&top_uc);
	return dive(n - 1) + pad[n % 128];
}

static void
co(void)
{
	swapcontext(&mark_uc, &main_uc);	/* mark: resumed twice below */
	phase++;
	say("setframe.swap-point-resumed", "phase %d", phase);
	if (phase < 4) {
		setcontext(&main_uc);
		/* Not reached.  Without a statement here the compiler makes
		 * the call a tail call, popping this frame, which the mark is
		 * resumed into again; glibc's setcontext then pushes its
		 * argument over the saved rbx, and the return below crashes. */
		say("setframe.setcontext", "returned");
	}
}

int
main(void)
{
	volatile int dives = 0;
	getcontext(&top_uc);
	if (dives < 3) {
		dives++;
		dive(1000);
		say("setframe.dive", "returned");
	}
	say("setframe.dives", "%d", dives);

	phase = 1;
	prepare(&co_uc, stack_alloc(65536), 65536, &main_uc);
	makecontext(&co_uc, co, 0);
	swapcontext(&main_uc, &co_uc);		/* co marks and comes back */
	while (phase < 4)
		swapcontext(&main_uc, &mark_uc);	/* re-enter the mark */
	say("setframe.phases", "%d", phase);
	return 0;
}
