/* uc_link: a chain of returns, then a context with a NULL uc_link whose
 * return ends the process with exit(0), atexit handlers included. */
#include "scenario.h"

static ucontext_t main_uc, a, b, c, last;

static void hop_a(void) { say("uc_link.ran", "a"); }
static void hop_b(void) { say("uc_link.ran", "b"); }
static void hop_c(void) { say("uc_link.ran", "c"); }
static void the_end(void) { say("uc_link.ran", "last, returning with a NULL uc_link"); }
static void at_exit(void) { say("uc_link.atexit", "ran"); }

/* A made context resumed again after its function returned. */
static ucontext_t again, again_back;
static int runs;

static int
rerun0(void)
{
	runs++;
	return 0;
}

static void
rerun8(long a, long b, long c, long d, long e, long f, long g, long h)
{
	runs++;
	say("makecontext.rerun.eight-arguments", "run %d: arguments %s", runs,
	    a + b + c + d + e + f == 21 && g == 7 && h == 8 ? "as made" : "changed");
}

static void
rerun(int argc)
{
	prepare(&again, stack_alloc(32768), 32768, &again_back);
	if (argc == 0)
		makecontext(&again, (void (*)(void))rerun0, 0);
	else
		makecontext(&again, (void (*)(void))rerun8, 8, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
	runs = 0;
	for (int i = 0; i < 2; i++)
		swapcontext(&again_back, &again);
	say(argc ? "makecontext.rerun.eight-arguments" : "makecontext.rerun.no-arguments",
	    "ran %d times, back each time", runs);
}

static void rerun_0(void) { rerun(0); }
static void rerun_8(void) { rerun(8); }

int
main(void)
{
	say("makecontext.rerun.no-arguments.ended", "%s", in_child(rerun_0));
	say("makecontext.rerun.eight-arguments.ended", "%s", in_child(rerun_8));
	atexit(at_exit);
	prepare(&a, stack_alloc(32768), 32768, &b);
	makecontext(&a, hop_a, 0);
	prepare(&b, stack_alloc(32768), 32768, &c);
	makecontext(&b, hop_b, 0);
	prepare(&c, stack_alloc(32768), 32768, &main_uc);
	makecontext(&c, hop_c, 0);
	say("uc_link.swap", "%d", swapcontext(&main_uc, &a));
	say("uc_link.back", "in main");

	prepare(&last, stack_alloc(32768), 32768, NULL);
	makecontext(&last, the_end, 0);
	setcontext(&last);
	say("uc_link.after-exit", "unreachable");
	return 3;
}
