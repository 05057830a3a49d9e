/* Field by field on riscv64: after getcontext from a probe that loads a
 * known value into every general register it can, the slots glibc
 * writes, and the ones it leaves alone; the same for the FP state; then
 * what makecontext sets.  The structure is filled with 0xab first, so
 * "untouched" is exact. */
#include "scenario.h"

#include <fenv.h>
#include <string.h>

#define FILL FIELD_FILL

static const char *const regname[32] = {
	"PC", "RA", "SP", "GP", "TP", "T0", "T1", "T2", "S0", "S1",
	"A0", "A1", "A2", "A3", "A4", "A5", "A6", "A7",
	"S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9", "S10", "S11",
	"T3", "T4", "T5", "T6",
};

static void
dump_gregs(const char *group, const ucontext_t *uc, const uintptr_t meta[3])
{
	for (int r = 0; r < 32; r++) {
		unsigned long v = uc->uc_mcontext.__gregs[r];
		const char *what;
		if (untouched(&uc->uc_mcontext.__gregs[r], sizeof v))
			what = "untouched";
		else if (v == 0)
			what = "0";
		else if (r == 2 && v == meta[0])
			what = "the caller's stack pointer";
		else if (v == meta[1])
			what = "the return address";
		else if (cprobe_pattern(r) && v == cprobe_pattern(r))
			what = "the register's value";
		else
			what = "other";
		field(group, regname[r], "%s", what);
	}
}

static void
dump_fpregs(const char *group, const ucontext_t *uc)
{
	char name[16];
	for (int r = 0; r < 32; r++) {
		snprintf(name, sizeof name, "F%d", r);
		field(group, name, "%s", untouched(&uc->uc_mcontext.__fpregs.__d.__f[r], 8) ?
		      "untouched" : "written");
	}
	struct fpctl now;
	arch_get_fpctl(&now);
	const unsigned *fcsr = &uc->uc_mcontext.__fpregs.__d.__fcsr;
	field(group, "FCSR", "%s", untouched(fcsr, 4) ? "untouched" :
	      *fcsr == now.fcsr ? "the running one" : "other");
}

static ucontext_t *saved;

void back_to_saved(void);
void
back_to_saved(void)
{
	setcontext(saved);
}

int
main(void)
{
	static unsigned char buf[sizeof(ucontext_t)] __attribute__((aligned(16)));
	ucontext_t *uc = (ucontext_t *)buf;
	uintptr_t meta[3];
	const size_t past = offsetof(ucontext_t, uc_mcontext.__fpregs.__d.__fcsr) + 4;
	saved = uc;

	/* getcontext, with the rounding mode up and inexact raised, so
	 * that fcsr is not all zeros */
	fesetround(FE_UPWARD);
	volatile double one = 1.0, three = 3.0, r = one / three;
	(void)r;
	memset(buf, FILL, sizeof buf);
	cprobe_getcontext(getcontext, uc, meta);
	field("getcontext", "return", "%s", meta[2] == 0 ? "0" : "other");
	dump_gregs("getcontext.gregs", uc, meta);
	dump_fpregs("getcontext.fpregs", uc);
	field("getcontext", "left-alone.uc_flags", "%s",
	      untouched(&uc->__uc_flags, sizeof uc->__uc_flags) ? "untouched" : "WRITTEN");
	field("getcontext", "left-alone.uc_link", "%s",
	      untouched(&uc->uc_link, sizeof uc->uc_link) ? "untouched" : "WRITTEN");
	field("getcontext", "left-alone.uc_stack", "%s",
	      untouched(&uc->uc_stack, sizeof uc->uc_stack) ? "untouched" : "WRITTEN");
	field("getcontext", "mask.bytes0-7", "%s",
	      untouched(&uc->uc_sigmask, 8) ? "untouched" : "the signal mask");
	field("getcontext", "left-alone.mask-bytes8-up-to-uc_mcontext", "%s",
	      untouched((char *)&uc->uc_sigmask + 8,
			offsetof(ucontext_t, uc_mcontext) - offsetof(ucontext_t, uc_sigmask) - 8) ?
	      "untouched" : "WRITTEN");
	field("getcontext", "left-alone.past-fcsr", "%s",
	      untouched(buf + past, sizeof buf - past) ? "untouched" : "WRITTEN");

	/* swapcontext's save into oucp: the target switches straight back */
	{
		static ucontext_t target;
		static unsigned char tstack[16384] __attribute__((aligned(16)));
		prepare(&target, tstack, sizeof tstack, NULL);
		makecontext(&target, back_to_saved, 0);
		memset(buf, FILL, sizeof buf);
		swapcontext(uc, &target);
		for (int i = 0; i < 32; i++) {
			char name[8];
			snprintf(name, sizeof name, "%s", regname[i]);
			/* the same slots as getcontext's, whatever their values */
			field("swapcontext.gregs", name, "%s",
			      untouched(&uc->uc_mcontext.__gregs[i], 8) ? "untouched" : "written");
		}
		dump_fpregs("swapcontext.fpregs", uc);
		field("swapcontext", "mask.bytes0-7", "%s",
		      untouched(&uc->uc_sigmask, 8) ? "untouched" : "the signal mask");
		field("swapcontext", "left-alone.past-fcsr", "%s",
		      untouched(buf + past, sizeof buf - past) ? "untouched" : "WRITTEN");
	}
	fesetround(FE_TONEAREST);
	feclearexcept(FE_ALL_EXCEPT);

	/* makecontext: which registers it sets */
	static unsigned char stack[16384] __attribute__((aligned(16)));
	static ucontext_t link;
	memset(buf, FILL, sizeof buf);
	uc->uc_stack.ss_sp = stack;
	uc->uc_stack.ss_size = sizeof stack;
	uc->uc_link = &link;
	makecontext(uc, cprobe_entry, 8, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L);
	for (int i = 0; i < 32; i++) {
		unsigned long v = uc->uc_mcontext.__gregs[i];
		const char *what;
		char tmp[48];
		if (untouched(&uc->uc_mcontext.__gregs[i], sizeof v))
			what = "untouched";
		else if (v == 0)
			what = "0";
		else if (v == (uintptr_t)cprobe_entry)
			what = "func";
		else if (v == (uintptr_t)&link)
			what = "uc_link";
		else if (v >= (uintptr_t)stack && v < (uintptr_t)stack + sizeof stack)
			what = "an address in the stack";
		else if (v >= 11 && v <= 18) {
			snprintf(tmp, sizeof tmp, "argument %ld", (long)v - 10);
			what = tmp;
		} else
			what = "another address";	/* a trampoline's */
		field("makecontext.gregs", regname[i], "%s", what);
	}
	return 0;
}
