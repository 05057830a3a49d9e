/* Floating-point state per context on ppc64le: all of FPSCR, its control
 * bits (the rounding mode RN among them) and its exception flags, goes
 * with the context, and setcontext loads it from every context: glibc's
 * has no mark of a context without FP state. */
#include "scenario.h"

#include <string.h>

#define FLAGS 0x9e000000u	/* FX, and OX UX ZX XX */

static ucontext_t main_uc, co_uc;

static const char *
rn_name(void)
{
	struct fpctl f;
	arch_get_fpctl(&f);
	return arch_fpctl_same_control(&f, &arch_fpctl_a) ? "a" :
	       arch_fpctl_same_control(&f, &arch_fpctl_b) ? "b" :
	       arch_fpctl_same_control(&f, &arch_fpctl_c) ? "c" :
	       (f.fpscr & ARCH_FPSCR_CONTROL) == 0 ? "default" : "other";
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
set_rn(const struct fpctl *c)
{
	struct fpctl f;
	arch_get_fpctl(&f);
	f.fpscr = (f.fpscr & ~(uint64_t)ARCH_FPSCR_CONTROL) | (c->fpscr & ARCH_FPSCR_CONTROL);
	arch_set_fpctl(&f);
}

static void
set_flags(unsigned fl)
{
	struct fpctl f;
	arch_get_fpctl(&f);
	f.fpscr = (f.fpscr & ~(uint64_t)FLAGS) | fl | (fl ? 0x80000000u : 0);
	arch_set_fpctl(&f);
}

static void
co_body(void)
{
	say("swapcontext.rn.co-first", "%s", rn_name());	/* as getcontext found it */
	set_rn(&arch_fpctl_b);
	swapcontext(&co_uc, &main_uc);
	say("swapcontext.rn.co-again", "%s", rn_name());

	/* flags: ours cleared, main raised inexact */
	set_flags(0);
	swapcontext(&co_uc, &main_uc);
	say("swapcontext.flags.co-sees", "%s", flags_name());
	set_flags(ARCH_FP_ZE);
	swapcontext(&co_uc, &main_uc);
}

/* setcontext of a context whose saved fpscr was edited by hand. */
static void __attribute__((noinline))
setcontext_edited(void)
{
	static ucontext_t uc;
	volatile int back = 0;

	set_rn(&arch_fpctl_a);
	set_flags(ARCH_FP_PE);
	getcontext(&uc);
	if (!back) {
		back = 1;
		uint64_t v = arch_fpctl_c.fpscr | ARCH_FP_ZE | 0x80000000u;
		memcpy(&uc.uc_mcontext.fp_regs[32], &v, 8);
		set_rn(&arch_fpctl_b);
		set_flags(0);
		setcontext(&uc);
	}
	say("setcontext.fpscr-edited.rn", "%s", rn_name());
	say("setcontext.fpscr-edited.flags", "%s", flags_name());
}

int
main(void)
{
	struct fpctl saved;
	arch_get_fpctl(&saved);

	set_rn(&arch_fpctl_a);
	prepare(&co_uc, stack_alloc(65536), 65536, &main_uc);
	makecontext(&co_uc, co_body, 0);
	set_rn(&arch_fpctl_c);
	say("swapcontext.rn.main-before", "%s", rn_name());
	swapcontext(&main_uc, &co_uc);
	say("swapcontext.rn.main-after", "%s", rn_name());
	swapcontext(&main_uc, &co_uc);
	say("swapcontext.rn.main-last", "%s", rn_name());

	set_flags(ARCH_FP_PE);
	swapcontext(&main_uc, &co_uc);
	say("swapcontext.flags.main-sees", "%s", flags_name());

	setcontext_edited();
	arch_set_fpctl(&saved);
	return 0;
}
