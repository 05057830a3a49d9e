/* Floating-point state per context on riscv64: all of fcsr, the rounding
 * mode (frm) and the exception flags (fflags), goes with the context,
 * and setcontext loads it from every context: glibc's has no mark of a
 * context without FP state. */
#include "scenario.h"

#include <string.h>

static ucontext_t main_uc, co_uc;

static const char *
frm_name(void)
{
	struct fpctl f;
	arch_get_fpctl(&f);
	return arch_fpctl_same_control(&f, &arch_fpctl_a) ? "a" :
	       arch_fpctl_same_control(&f, &arch_fpctl_b) ? "b" :
	       arch_fpctl_same_control(&f, &arch_fpctl_c) ? "c" :
	       (f.fcsr & ~ARCH_FCSR_FLAGS) == 0 ? "default" : "other";
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
set_frm(const struct fpctl *c)
{
	struct fpctl f;
	arch_get_fpctl(&f);
	f.fcsr = (f.fcsr & ARCH_FCSR_FLAGS) | (c->fcsr & ~ARCH_FCSR_FLAGS);
	arch_set_fpctl(&f);
}

static void
set_flags(unsigned fl)
{
	struct fpctl f;
	arch_get_fpctl(&f);
	f.fcsr = (f.fcsr & ~ARCH_FCSR_FLAGS) | fl;
	arch_set_fpctl(&f);
}

static void
co_body(void)
{
	say("swapcontext.frm.co-first", "%s", frm_name());	/* as getcontext found it */
	set_frm(&arch_fpctl_b);
	swapcontext(&co_uc, &main_uc);
	say("swapcontext.frm.co-again", "%s", frm_name());

	/* flags: ours cleared, main raised inexact */
	set_flags(0);
	swapcontext(&co_uc, &main_uc);
	say("swapcontext.fflags.co-sees", "%s", flags_name());
	set_flags(ARCH_FP_ZE);
	swapcontext(&co_uc, &main_uc);
}

/* setcontext of a context whose saved fcsr was edited by hand. */
static void __attribute__((noinline))
setcontext_edited(void)
{
	static ucontext_t uc;
	volatile int back = 0;

	set_frm(&arch_fpctl_a);
	set_flags(ARCH_FP_PE);
	getcontext(&uc);
	if (!back) {
		back = 1;
		uc.uc_mcontext.__fpregs.__d.__fcsr = arch_fpctl_c.fcsr | ARCH_FP_ZE;
		set_frm(&arch_fpctl_b);
		set_flags(0);
		setcontext(&uc);
	}
	say("setcontext.fcsr-edited.frm", "%s", frm_name());
	say("setcontext.fcsr-edited.fflags", "%s", flags_name());
}

int
main(void)
{
	struct fpctl saved;
	arch_get_fpctl(&saved);

	set_frm(&arch_fpctl_a);
	prepare(&co_uc, stack_alloc(65536), 65536, &main_uc);
	makecontext(&co_uc, co_body, 0);
	set_frm(&arch_fpctl_c);
	say("swapcontext.frm.main-before", "%s", frm_name());
	swapcontext(&main_uc, &co_uc);
	say("swapcontext.frm.main-after", "%s", frm_name());
	swapcontext(&main_uc, &co_uc);
	say("swapcontext.frm.main-last", "%s", frm_name());

	set_flags(ARCH_FP_PE);
	swapcontext(&main_uc, &co_uc);
	say("swapcontext.fflags.main-sees", "%s", flags_name());

	setcontext_edited();
	arch_set_fpctl(&saved);
	return 0;
}
