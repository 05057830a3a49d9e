/* uc_link on ppc64le: glibc's start trampoline reads it from ucp when the
 * function returns, so a uc_link set after makecontext is the one
 * resumed. */
#include "scenario.h"

static ucontext_t co, link_a, link_b;
static volatile int phase;

static void
co_fn(void)
{
	say("uc_link.late.ran", "yes");
}

int
main(void)
{
	volatile const char *got = "none";
	phase = 0;
	getcontext(&link_a);
	if (phase == 0) {
		getcontext(&link_b);
		if (phase == 0) {
			prepare(&co, stack_alloc(65536), 65536, &link_a);
			makecontext(&co, co_fn, 0);
			co.uc_link = &link_b;
			phase = 1;
			setcontext(&co);
			say("uc_link.late.setcontext", "returned");
			return 1;
		}
		got = "the one set after makecontext";
	} else {
		got = "the one set before makecontext";
	}
	say("uc_link.late.resumed", "%s", (const char *)got);
	return 0;
}
