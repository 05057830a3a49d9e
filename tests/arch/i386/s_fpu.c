/* Floating-point state per context on i386: the x87 control word
 * (rounding, precision, exception masks) and the x87 exception flags go
 * with the context, MXCSR stays with the thread (glibc's i386 functions
 * never touch it), and setcontext reads the x87 state through
 * uc_mcontext.fpregs. */
#include "scenario.h"

#include <string.h>

static ucontext_t main_uc, co_uc;

static uint32_t
mxcsr(void)
{
	uint32_t m;
	__asm__ volatile("stmxcsr %0" : "=m"(m));
	return m;
}

static void
set_mxcsr(uint32_t m)
{
	__asm__ volatile("ldmxcsr %0" : : "m"(m));
}

/* Two MXCSR states, every exception masked: round down with
 * flush-to-zero, round toward zero with denormals-are-zero. */
#define MXCSR_A (0x1f80u | 0x2000u | 0x8000u)
#define MXCSR_B (0x1f80u | 0x6000u | 0x0040u)
#define MXCSR_FLAGS 0x3fu

static const char *
mxcsr_name(void)
{
	uint32_t m = mxcsr() & ~MXCSR_FLAGS;
	return m == MXCSR_A ? "A" : m == MXCSR_B ? "B" : m == 0x1f80u ? "default" : "other";
}

static const char *
cw_name(void)
{
	struct fpctl f;
	arch_get_fpctl(&f);
	return f.cw == arch_fpctl_a.cw ? "a" : f.cw == arch_fpctl_b.cw ? "b" :
	       f.cw == arch_fpctl_c.cw ? "c" : f.cw == 0x037f ? "default" : "other";
}

static void
show(const char *key)
{
	say(key, "x87 cw %s, mxcsr %s", cw_name(), mxcsr_name());
}

static unsigned
x87_flags(void)
{
	struct fpctl f;
	arch_get_fpctl(&f);
	return arch_fpctl_flags(&f);
}

static const char *
x87_flags_name(void)
{
	unsigned f = x87_flags();
	return f == 0 ? "clear" : f == ARCH_FP_PE ? "inexact" :
	       f == ARCH_FP_ZE ? "divbyzero" : f == (ARCH_FP_PE | ARCH_FP_ZE) ? "inexact divbyzero" :
	       "other";
}

/* 1/3 in long double, always on the x87: inexact */
static void
raise_x87_inexact(void)
{
	volatile long double one = 1.0L, three = 3.0L, r;
	r = one / three;
	(void)r;
}

static void
clear_x87_flags(void)
{
	__asm__ volatile("fnclex");
}

static void
co_body(void)
{
	show("swapcontext.fpctl.co-first");	/* as getcontext found it */
	arch_set_fpctl(&arch_fpctl_b);
	set_mxcsr(MXCSR_B);
	swapcontext(&co_uc, &main_uc);
	show("swapcontext.fpctl.co-again");	/* its own cw, the thread's mxcsr */

	/* x87 flags: ours cleared, main raised inexact */
	clear_x87_flags();
	swapcontext(&co_uc, &main_uc);
	say("swapcontext.x87flags.co-sees", "%s", x87_flags_name());
	arch_raise_divbyzero();
	swapcontext(&co_uc, &main_uc);
}

static void __attribute__((noinline))
fpregs_pointer(void)
{
	/* uc_mcontext.fpregs redirected to another environment, with other
	 * control words: the x87 state comes from there. */
	static ucontext_t uc;
	static unsigned char other[112] __attribute__((aligned(16)));
	volatile int back = 0;

	arch_set_fpctl(&arch_fpctl_b);
	getcontext(&uc);
	if (!back) {
		back = 1;
		memcpy(other, uc.uc_mcontext.fpregs, 28);
		memcpy(other + 0, &arch_fpctl_a.cw, 2);
		uc.uc_mcontext.fpregs = (void *)other;
		arch_set_fpctl(&arch_fpctl_c);
		setcontext(&uc);
	}
	say("setcontext.fpregs-pointer.x87-cw", "%s",
	    strcmp(cw_name(), "a") == 0 ? "from fpregs" :
	    strcmp(cw_name(), "b") == 0 ? "from __fpregs_mem" : "other");
}

/* setcontext: the x87 flags come back as saved, clear or raised. */
static void __attribute__((noinline))
setcontext_x87_flags(int raised)
{
	static ucontext_t uc;
	volatile int back = 0;

	clear_x87_flags();
	if (raised)
		raise_x87_inexact();
	getcontext(&uc);
	if (!back) {
		back = 1;
		clear_x87_flags();
		if (!raised)
			arch_raise_divbyzero();
		setcontext(&uc);
	}
	say(raised ? "setcontext.x87flags.saved-inexact" : "setcontext.x87flags.saved-clear",
	    "%s", x87_flags_name());
	clear_x87_flags();
}

/* setcontext keeps MXCSR, control and flags, as the thread has it. */
static void __attribute__((noinline))
setcontext_mxcsr(void)
{
	static ucontext_t uc;
	volatile int back = 0;

	set_mxcsr(MXCSR_A);
	getcontext(&uc);
	if (!back) {
		back = 1;
		set_mxcsr(MXCSR_B | 0x01u);	/* invalid raised */
		setcontext(&uc);
	}
	say("setcontext.mxcsr", "%s, flags %s", mxcsr_name(), mxcsr() & MXCSR_FLAGS ? "raised" : "clear");
}

int
main(void)
{
	struct fpctl saved;
	uint32_t saved_mxcsr = mxcsr();
	arch_get_fpctl(&saved);

	prepare(&co_uc, stack_alloc(65536), 65536, &main_uc);
	makecontext(&co_uc, co_body, 0);
	arch_set_fpctl(&arch_fpctl_c);
	set_mxcsr(MXCSR_A);
	show("swapcontext.fpctl.main-before");
	swapcontext(&main_uc, &co_uc);
	show("swapcontext.fpctl.main-after");	/* its own cw, the thread's mxcsr */
	swapcontext(&main_uc, &co_uc);
	show("swapcontext.fpctl.main-last");

	arch_set_fpctl(&saved);
	clear_x87_flags();
	raise_x87_inexact();
	swapcontext(&main_uc, &co_uc);
	say("swapcontext.x87flags.main-sees", "%s", x87_flags_name());
	clear_x87_flags();

	set_mxcsr(saved_mxcsr);
	fpregs_pointer();
	arch_set_fpctl(&saved);
	setcontext_x87_flags(0);
	setcontext_x87_flags(1);
	setcontext_mxcsr();
	set_mxcsr(saved_mxcsr);
	arch_set_fpctl(&saved);
	return 0;
}
