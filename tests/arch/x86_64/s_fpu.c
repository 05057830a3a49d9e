/* Floating-point state per context: rounding modes and exception masks
 * (the control state), MXCSR's exception flags, the x87 status word's,
 * and where setcontext reads the control state from. */
#include "scenario.h"

#include <fenv.h>
#include <string.h>

static ucontext_t main_uc, co_uc;

static const char *
round_name(void)
{
	switch (fegetround()) {
	case FE_TONEAREST: return "nearest";
	case FE_UPWARD: return "upward";
	case FE_DOWNWARD: return "downward";
	case FE_TOWARDZERO: return "toward-zero";
	}
	return "?";
}

static void
show(const char *key)
{
	struct fpctl f;
	arch_get_fpctl(&f);
	say(key, "round %s, x87 cw %#06x, mxcsr control %#06x", round_name(),
	    f.cw, f.mxcsr & ~ARCH_MXCSR_FLAGS);
}

static const char *
flags(void)
{
	return fetestexcept(FE_INEXACT) ? "inexact" : "clear";
}

static void
co_body(void)
{
	show("swapcontext.fpctl.co-first");	/* what getcontext captured */
	arch_set_fpctl(&arch_fpctl_b);
	swapcontext(&co_uc, &main_uc);
	show("swapcontext.fpctl.co-again");	/* its own again */

	/* Exception flags: we clear ours and switch; main raised inexact. */
	feclearexcept(FE_ALL_EXCEPT);
	swapcontext(&co_uc, &main_uc);
	say("swapcontext.fpflags.co-sees", "%s", flags());
	swapcontext(&co_uc, &main_uc);

	/* x87 flags: ours were cleared above; main raised precision. */
	say("swapcontext.x87flags.co-sees", "%s", arch_x87_flags() ? "raised" : "clear");
	swapcontext(&co_uc, &main_uc);
}

static void __attribute__((noinline))
fpregs_pointer(void)
{
	/* uc_mcontext.fpregs redirected to another area with other control
	 * words: glibc loads the x87 word through the pointer and MXCSR from
	 * the structure's own area; ours loads both through the pointer. */
	static ucontext_t uc;
	static unsigned char other[512] __attribute__((aligned(16)));
	volatile int back = 0;

	arch_set_fpctl(&arch_fpctl_b);
	getcontext(&uc);
	if (!back) {
		back = 1;
		memcpy(other, uc.uc_mcontext.fpregs, sizeof other);
		memcpy(other + 0, &arch_fpctl_a.cw, 2);
		memcpy(other + 24, &arch_fpctl_a.mxcsr, 4);
		uc.uc_mcontext.fpregs = (void *)other;
		arch_set_fpctl(&arch_fpctl_c);
		setcontext(&uc);
	}
	struct fpctl f;
	arch_get_fpctl(&f);
	say("setcontext.fpregs-pointer.x87-cw", "%s",
	    f.cw == arch_fpctl_a.cw ? "from fpregs" : f.cw == arch_fpctl_b.cw ? "from __fpregs_mem" : "other");
	say("setcontext.fpregs-pointer.mxcsr", "%s",
	    (f.mxcsr & ~ARCH_MXCSR_FLAGS) == (arch_fpctl_a.mxcsr & ~ARCH_MXCSR_FLAGS) ? "from fpregs" :
	    (f.mxcsr & ~ARCH_MXCSR_FLAGS) == (arch_fpctl_b.mxcsr & ~ARCH_MXCSR_FLAGS) ? "from __fpregs_mem" : "other");
}

static void __attribute__((noinline))
setcontext_flags(void)
{
	static ucontext_t uc;
	volatile int back = 0;
	volatile double one = 1.0, three = 3.0, r;

	feclearexcept(FE_ALL_EXCEPT);
	getcontext(&uc);		/* saved with the flags clear */
	if (!back) {
		back = 1;
		r = one / three;	/* raise inexact, then go back */
		(void)r;
		setcontext(&uc);
	}
	say("setcontext.fpflags.after-return", "%s", flags());
}

static void __attribute__((noinline))
setcontext_x87_flags(void)
{
	static ucontext_t uc;
	volatile int back = 0;

	feclearexcept(FE_ALL_EXCEPT);
	getcontext(&uc);		/* saved with the x87 flags clear */
	if (!back) {
		back = 1;
		arch_raise_x87_inexact();
		setcontext(&uc);
	}
	say("setcontext.x87flags.after-return", "%s", arch_x87_flags() ? "raised" : "clear");
	feclearexcept(FE_ALL_EXCEPT);
}

int
main(void)
{
	struct fpctl saved;
	arch_get_fpctl(&saved);

	fesetround(FE_UPWARD);
	prepare(&co_uc, stack_alloc(65536), 65536, &main_uc);
	makecontext(&co_uc, co_body, 0);
	arch_set_fpctl(&arch_fpctl_c);	/* divide-by-zero unmasked */
	show("swapcontext.fpctl.main-before");
	swapcontext(&main_uc, &co_uc);
	show("swapcontext.fpctl.main-after");
	fesetround(FE_DOWNWARD);
	swapcontext(&main_uc, &co_uc);
	show("swapcontext.fpctl.main-last");

	arch_set_fpctl(&saved);
	volatile double one = 1.0, three = 3.0, r;
	r = one / three;		/* inexact, then to the co, which cleared its */
	(void)r;
	swapcontext(&main_uc, &co_uc);
	say("swapcontext.fpflags.main-sees", "%s", flags());

	feclearexcept(FE_ALL_EXCEPT);
	arch_raise_x87_inexact();
	swapcontext(&main_uc, &co_uc);
	say("swapcontext.x87flags.main-sees", "%s", arch_x87_flags() ? "raised" : "clear");
	feclearexcept(FE_ALL_EXCEPT);

	fpregs_pointer();
	arch_set_fpctl(&saved);
	setcontext_flags();
	setcontext_x87_flags();
	return 0;
}
