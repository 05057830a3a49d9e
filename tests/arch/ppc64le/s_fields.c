/* Field by field on ppc64le: after getcontext from a probe that loads a
 * known value into every general register it can, the slots glibc
 * writes, and the ones it leaves alone; the same for the FP and vector
 * state; then what makecontext sets.  The structure is filled with 0xab
 * first, so "untouched" is exact. */
#include "scenario.h"

#include <fenv.h>
#include <string.h>

#define FILL FIELD_FILL

static const char *const special[12] = {
	"NIP", "MSR", "ORIG_R3", "CTR", "LINK", "XER", "CCR", "SOFTE",
	"TRAP", "DAR", "DSISR", "RESULT",
};

static void
regname(int r, char *name, size_t n)
{
	if (r < 32)
		snprintf(name, n, "R%d", r);
	else if (r < 44)
		snprintf(name, n, "%s", special[r - 32]);
	else
		snprintf(name, n, "SLOT%d", r);	/* past pt_regs */
}

static void
dump_gregs(const char *group, const ucontext_t *uc, const uintptr_t meta[3])
{
	char name[16];
	for (int r = 0; r < 48; r++) {
		unsigned long v = uc->uc_mcontext.gp_regs[r];
		const char *what;
		if (untouched(&uc->uc_mcontext.gp_regs[r], sizeof v))
			what = "untouched";
		else if (v == 0)
			what = "0";
		else if (r == 1 && v == meta[0])
			what = "the caller's stack pointer";
		else if (v == meta[1])
			what = "the return address";
		else if (cprobe_pattern(r) && v == cprobe_pattern(r))
			what = "the register's value";
		else if (r == 12 || r == 35)
			what = v == (uintptr_t)getcontext ? "the function's address" : "other";
		else
			what = "other";
		regname(r, name, sizeof name);
		field(group, name, "%s", what);
	}
}

/* The FP and vector state: which slots are written, fpscr's value, and
 * where v_regs points. */
static void
dump_fpvec(const char *group, const ucontext_t *uc)
{
	char name[16];
	for (int r = 0; r < 32; r++) {
		snprintf(name, sizeof name, "F%d", r);
		field(group, name, "%s", untouched(&uc->uc_mcontext.fp_regs[r], 8) ?
		      "untouched" : "written");
	}
	struct fpctl now;
	arch_get_fpctl(&now);
	uint64_t fpscr;
	memcpy(&fpscr, &uc->uc_mcontext.fp_regs[32], 8);
	field(group, "FPSCR", "%s", untouched(&uc->uc_mcontext.fp_regs[32], 8) ? "untouched" :
	      fpscr == now.fpscr ? "the running one" : "other");
	field(group, "regs", "%s", untouched(&uc->uc_mcontext.regs, 8) ? "untouched" :
	      (void *)uc->uc_mcontext.regs == (void *)uc->uc_mcontext.gp_regs ?
	      "gp_regs" : "other");
	uintptr_t want = ((uintptr_t)uc->uc_mcontext.vmx_reserve + 15) & ~(uintptr_t)15;
	field(group, "v_regs", "%s", untouched(&uc->uc_mcontext.v_regs, 8) ? "untouched" :
	      (uintptr_t)uc->uc_mcontext.v_regs == want ?
	      "the first 16-byte boundary in vmx_reserve" : "other");
	const unsigned char *v = (const unsigned char *)want;
	for (int r = 0; r < 32; r++) {
		snprintf(name, sizeof name, "V%d", r);
		field(group, name, "%s", untouched(v + 16 * r, 16) ? "untouched" : "written");
	}
	field(group, "VSCR", "%s", untouched(v + 512, 16) ? "untouched" : "written");
	unsigned vrsave;
	memcpy(&vrsave, v + 528, 4);
	field(group, "VRSAVE", "%s", untouched(v + 528, 4) ? "untouched" :
	      vrsave == 0 ? "0" : "other");
	field(group, "left-alone.after-vrsave", "%s",
	      untouched(v + 532, (const unsigned char *)(uc + 1) - (v + 532)) ?
	      "untouched" : "WRITTEN");
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
	saved = uc;

	/* getcontext, with the rounding mode up and inexact raised, so
	 * that fpscr is not all zeros */
	fesetround(FE_UPWARD);
	volatile double one = 1.0, three = 3.0, r = one / three;
	(void)r;
	memset(buf, FILL, sizeof buf);
	cprobe_getcontext(getcontext, uc, meta);
	field("getcontext", "return", "%s", meta[2] == 0 ? "0" : "other");
	dump_gregs("getcontext.gregs", uc, meta);
	dump_fpvec("getcontext.fpvec", uc);
	field("getcontext", "left-alone.uc_flags", "%s",
	      untouched(&uc->uc_flags, sizeof uc->uc_flags) ? "untouched" : "WRITTEN");
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
	field("getcontext", "left-alone.mcontext-up-to-regs", "%s",
	      untouched(&uc->uc_mcontext, offsetof(mcontext_t, regs)) ?
	      "untouched" : "WRITTEN");

	/* swapcontext's save into oucp: the target switches straight back */
	{
		static ucontext_t target;
		static unsigned char tstack[16384] __attribute__((aligned(16)));
		prepare(&target, tstack, sizeof tstack, NULL);
		makecontext(&target, back_to_saved, 0);
		memset(buf, FILL, sizeof buf);
		swapcontext(uc, &target);
		char name[16];
		for (int i = 0; i < 48; i++) {
			regname(i, name, sizeof name);
			/* the same slots as getcontext's, whatever their values */
			field("swapcontext.gregs", name, "%s",
			      untouched(&uc->uc_mcontext.gp_regs[i], 8) ? "untouched" : "written");
		}
		dump_fpvec("swapcontext.fpvec", uc);
		field("swapcontext", "mask.bytes0-7", "%s",
		      untouched(&uc->uc_sigmask, 8) ? "untouched" : "the signal mask");
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
	char name[16];
	for (int i = 0; i < 48; i++) {
		unsigned long v = uc->uc_mcontext.gp_regs[i];
		const char *what;
		char tmp[48];
		if (untouched(&uc->uc_mcontext.gp_regs[i], sizeof v))
			what = "untouched";
		else if (v == 0)
			what = "0";
		else if (v == (uintptr_t)cprobe_entry)
			what = "func";
		else if (v == (uintptr_t)&link)
			what = "uc_link";
		else if (v == (uintptr_t)uc)
			what = "ucp";
		else if (v >= (uintptr_t)stack && v < (uintptr_t)stack + sizeof stack)
			what = "an address in the stack";
		else if (v >= 11 && v <= 18) {
			snprintf(tmp, sizeof tmp, "argument %ld", (long)v - 10);
			what = tmp;
		} else
			what = "another address";	/* a trampoline's */
		regname(i, name, sizeof name);
		field("makecontext.gregs", name, "%s", what);
	}
	return 0;
}
