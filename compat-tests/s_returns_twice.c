/* getcontext returning twice, and more: what it returns each time and
 * what the caller's memory holds. */
#include "scenario.h"

int
main(void)
{
	ucontext_t uc;
	volatile int returns = 0;
	volatile long kept = 1;

	int r = getcontext(&uc);
	returns++;
	say("getcontext.return", "%d (return %d)", r, returns);
	if (returns < 3) {
		kept *= 10;
		setcontext(&uc);
		say("setcontext.returned", "unexpectedly");
	}
	say("getcontext.returns", "%d", returns);
	say("getcontext.volatile-local", "%ld", kept);
	return 0;
}
