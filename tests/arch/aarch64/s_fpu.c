/* Floating-point state per context on aarch64: all of FPCR (rounding,
 * flush-to-zero, default NaN) and FPSR's exception flags go with the
 * context, read from the FPSIMD record of __reserved, and only when that
 * record is there. */
#include "scenario.h"

#include <string.h>

static ucontext_t main_uc, co_uc;

static const char *
fpcr_name(void)
{
	struct fpctl f;
	arch_get_fpctl(&f);
	return f.fpcr == arch_fpctl_a.fpcr ? "a" : f.fpcr == arch_fpctl_b.fpcr ? "b" :
	       f.fpcr == arch_fpctl_c.fpcr ? "c" : f.fpcr == 0 ? "default" : "other";
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
set_fpcr(const struct fpctl *c)
{
	struct fpctl f;
	arch_get_fpctl(&f);
	f.fpcr = c->fpcr;
	arch_set_fpctl(&f);
}

static void
set_flags(unsigned fl)
{
	struct fpctl f;
	arch_get_fpctl(&f);
	f.fpsr = (f.fpsr & ~ARCH_FPSR_FLAGS) | fl;
	arch_set_fpctl(&f);
}

static void
co_body(void)
{
	say("swapcontext.fpcr.co-first", "%s", fpcr_name());	/* as getcontext found it */
	set_fpcr(&arch_fpctl_b);
	swapcontext(&co_uc, &main_uc);
	say("swapcontext.fpcr.co-again", "%s", fpcr_name());

	/* flags: ours cleared, main raised inexact */
	set_flags(0);
	swapcontext(&co_uc, &main_uc);
	say("swapcontext.fpflags.co-sees", "%s", flags_name());
	set_flags(ARCH_FP_ZE);
	swapcontext(&co_uc, &main_uc);
}

/* setcontext of a context whose FPSIMD record says otherwise, or that
 * has none. */
static void __attribute__((noinline))
setcontext_record(int drop)
{
	static ucontext_t uc;
	volatile int back = 0;

	set_fpcr(&arch_fpctl_a);
	set_flags(ARCH_FP_PE);
	getcontext(&uc);
	if (!back) {
		back = 1;
		if (drop) {
			ARCH_UC_DROP_FPSTATE(&uc);
		} else {
			/* the record's fpcr, edited by hand */
			uint32_t fpcr = arch_fpctl_c.fpcr;
			memcpy((unsigned char *)uc.uc_mcontext.__reserved + 12, &fpcr, 4);
		}
		set_fpcr(&arch_fpctl_b);
		set_flags(ARCH_FP_ZE);
		setcontext(&uc);
	}
	const char *key = drop ? "setcontext.no-fpsimd-record" : "setcontext.fpsimd-record-edited";
	char k[80];
	snprintf(k, sizeof k, "%s.fpcr", key);
	say(k, "%s", fpcr_name());
	snprintf(k, sizeof k, "%s.flags", key);
	say(k, "%s", flags_name());
}

int
main(void)
{
	struct fpctl saved;
	arch_get_fpctl(&saved);

	set_fpcr(&arch_fpctl_a);
	prepare(&co_uc, stack_alloc(65536), 65536, &main_uc);
	makecontext(&co_uc, co_body, 0);
	set_fpcr(&arch_fpctl_c);
	say("swapcontext.fpcr.main-before", "%s", fpcr_name());
	swapcontext(&main_uc, &co_uc);
	say("swapcontext.fpcr.main-after", "%s", fpcr_name());
	swapcontext(&main_uc, &co_uc);
	say("swapcontext.fpcr.main-last", "%s", fpcr_name());

	set_flags(ARCH_FP_PE);
	swapcontext(&main_uc, &co_uc);
	say("swapcontext.fpflags.main-sees", "%s", flags_name());

	setcontext_record(0);
	setcontext_record(1);
	arch_set_fpctl(&saved);
	return 0;
}
