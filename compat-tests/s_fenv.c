/* The floating-point environment through <fenv.h>, on every ABI: the
 * rounding mode and the exception flags a context starts with, keeps
 * across switches, and gets back from setcontext, as the C library's own
 * functions keep them on that ABI.  Only the flags every ABI's
 * feraiseexcept raises the same way (divide-by-zero, invalid: SSE on
 * x86_64, where the x87 status word's flags are a documented
 * difference, see s_fpu). */
#include "scenario.h"

#include <fenv.h>

static ucontext_t main_uc, co_uc;

static const char *
round_name(void)
{
	switch (fegetround()) {
	case FE_TONEAREST: return "nearest";
#ifdef FE_UPWARD
	case FE_UPWARD: return "upward";
#endif
#ifdef FE_DOWNWARD
	case FE_DOWNWARD: return "downward";
#endif
#ifdef FE_TOWARDZERO
	case FE_TOWARDZERO: return "towardzero";
#endif
	default: return "other";
	}
}

static const char *
flags(void)
{
	int f = fetestexcept(FE_DIVBYZERO | FE_INVALID);
	return f == 0 ? "none" :
	       f == FE_DIVBYZERO ? "divbyzero" :
	       f == FE_INVALID ? "invalid" : "divbyzero invalid";
}

static void
show(const char *who)
{
	char key[64];
	snprintf(key, sizeof key, "fenv.%s.round", who);
	say(key, "%s", round_name());
	snprintf(key, sizeof key, "fenv.%s.flags", who);
	say(key, "%s", flags());
}

static void
co(void)
{
	show("co-starts");		/* as getcontext found it */
	fesetround(FE_TOWARDZERO);
	feclearexcept(FE_ALL_EXCEPT);
	feraiseexcept(FE_DIVBYZERO);
	swapcontext(&co_uc, &main_uc);
	show("co-resumed");		/* its own again */
	feraiseexcept(FE_INVALID);
	show("co-ends");
}

int
main(void)
{
	fesetround(FE_TONEAREST);
	feclearexcept(FE_ALL_EXCEPT);
	prepare(&co_uc, stack_alloc(64 * 1024), 64 * 1024, &main_uc);
	makecontext(&co_uc, co, 0);

	fesetround(FE_UPWARD);
	feraiseexcept(FE_INVALID);
	swapcontext(&main_uc, &co_uc);
	show("main-back");		/* main's, not what co set */
	feclearexcept(FE_ALL_EXCEPT);
	swapcontext(&main_uc, &co_uc);
	show("main-after-co-ended");	/* uc_link resumed main's save */

	/* setcontext: a context saved with one environment, resumed from
	 * another, comes back with its own. */
	static ucontext_t saved;
	static volatile int back;
	fesetround(FE_DOWNWARD);
	feclearexcept(FE_ALL_EXCEPT);
	feraiseexcept(FE_DIVBYZERO);
	back = 0;
	getcontext(&saved);
	if (!back) {
		back = 1;
		fesetround(FE_TONEAREST);
		feclearexcept(FE_ALL_EXCEPT);
		setcontext(&saved);
	}
	show("setcontext-back");
	fesetround(FE_TONEAREST);
	feclearexcept(FE_ALL_EXCEPT);
	return 0;
}
