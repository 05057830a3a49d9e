/* Floating-point state per context on s390x: all of the FPC, the
 * rounding mode and the exception flags, goes with the context, and
 * setcontext loads it from every context: glibc's has no mark of a
 * context without FP state. */
#include "scenario.h"

#include <string.h>

static ucontext_t main_uc, co_uc;

static const char *
mode_name(void)
{
	struct fpctl f;
	arch_get_fpctl(&f);
	return arch_fpctl_same_control(&f, &arch_fpctl_a) ? "a" :
	       arch_fpctl_same_control(&f, &arch_fpctl_b) ? "b" :
	       arch_fpctl_same_control(&f, &arch_fpctl_c) ? "c" :
	       (f.fpc & ~(ARCH_FPC_FLAGS | ARCH_FPC_DXC)) == 0 ? "default" : "other";
}

static const char *
flags_name(void)
{
	struct fpctl f;
	arch_get_fpctl(&f);
	unsigned fl = arch_fpctl_flags(&f);
	return fl == 0 ? "clear" : fl == ARCH_FP_PE ? "inexact" : fl == ARCH_FP_ZE ? "divbyzero" :
	       fl == (ARCH_FP_PE | ARCH_FP_ZE) ? "inexact divbyzero" : "other";
}

static void
set_mode(const struct fpctl *c)
{
	struct fpctl f;
	arch_get_fpctl(&f);
	f.fpc = (f.fpc & (ARCH_FPC_FLAGS | ARCH_FPC_DXC)) |
		(c->fpc & ~(ARCH_FPC_FLAGS | ARCH_FPC_DXC));
	arch_set_fpctl(&f);
}

static void
set_flags(unsigned fl)
{
	struct fpctl f;
	arch_get_fpctl(&f);
	f.fpc = (f.fpc & ~ARCH_FPC_FLAGS) | fl;
	arch_set_fpctl(&f);
}

static void
co_body(void)
{
	say("swapcontext.mode.co-first", "%s", mode_name());	/* as getcontext found it */
	set_mode(&arch_fpctl_b);
	swapcontext(&co_uc, &main_uc);
	say("swapcontext.mode.co-again", "%s", mode_name());

	/* flags: ours cleared, main raised inexact */
	set_flags(0);
	swapcontext(&co_uc, &main_uc);
	say("swapcontext.flags.co-sees", "%s", flags_name());
	set_flags(ARCH_FP_ZE);
	swapcontext(&co_uc, &main_uc);
}

/* setcontext of a context whose saved FPC was edited by hand. */
static void __attribute__((noinline))
setcontext_edited(void)
{
	static ucontext_t uc;
	volatile int back = 0;

	set_mode(&arch_fpctl_a);
	set_flags(ARCH_FP_PE);
	getcontext(&uc);
	if (!back) {
		back = 1;
		uc.uc_mcontext.fpregs.fpc = arch_fpctl_c.fpc | ARCH_FP_ZE;
		set_mode(&arch_fpctl_b);
		set_flags(0);
		setcontext(&uc);
	}
	say("setcontext.fpc-edited.mode", "%s", mode_name());
	say("setcontext.fpc-edited.flags", "%s", flags_name());
}

int
main(void)
{
	struct fpctl saved;
	arch_get_fpctl(&saved);

	set_mode(&arch_fpctl_a);
	prepare(&co_uc, stack_alloc(65536), 65536, &main_uc);
	makecontext(&co_uc, co_body, 0);
	set_mode(&arch_fpctl_c);
	say("swapcontext.mode.main-before", "%s", mode_name());
	swapcontext(&main_uc, &co_uc);
	say("swapcontext.mode.main-after", "%s", mode_name());
	swapcontext(&main_uc, &co_uc);
	say("swapcontext.mode.main-last", "%s", mode_name());

	set_flags(ARCH_FP_PE);
	swapcontext(&main_uc, &co_uc);
	say("swapcontext.flags.main-sees", "%s", flags_name());

	setcontext_edited();
	arch_set_fpctl(&saved);
	return 0;
}
