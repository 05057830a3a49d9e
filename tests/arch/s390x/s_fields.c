/* Field by field on s390x: after getcontext from a probe that loads a
 * known value into every general register it can, the slots glibc
 * writes, and the ones it leaves alone; the same for the access
 * registers and the FP state; then what makecontext sets.  The structure
 * is filled with 0xab first, so "untouched" is exact. */
#include "scenario.h"

#include <fenv.h>
#include <string.h>

#define FILL FIELD_FILL

static const char *const regname[16] = {
	"R0", "R1", "R2", "R3", "R4", "R5", "R6", "R7",
	"R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15",
};

static void
dump_gregs(const char *group, const ucontext_t *uc, const uintptr_t meta[3])
{
	for (int r = 0; r < 16; r++) {
		unsigned long v = uc->uc_mcontext.gregs[r];
		const char *what;
		if (untouched(&uc->uc_mcontext.gregs[r], sizeof v))
			what = "untouched";
		else if (r >= 3 && r <= 5)
			/* call-clobbered: glibc's hold the arguments of its
			 * rt_sigprocmask call, ours the caller's values */
			what = "written";
		else if (v == 0)
			what = "0";
		else if (r == 15 && v == meta[0])
			what = "the caller's stack pointer";
		else if (v == meta[1])
			what = "the return address";
		else if (v == (uintptr_t)uc)
			what = "the context's address";
		else if (cprobe_pattern(r) && v == cprobe_pattern(r))
			what = "the register's value";
		else
			what = "other";
		field(group, regname[r], "%s", what);
	}
}

/* The access registers: a0 and a1 hold the thread pointer. */
static void
dump_aregs(const char *group, const ucontext_t *uc)
{
	unsigned a0, a1;
	char name[8];
	__asm__ volatile("ear %0, %%a0" : "=d"(a0));
	__asm__ volatile("ear %0, %%a1" : "=d"(a1));
	for (int r = 0; r < 16; r++) {
		unsigned v = uc->uc_mcontext.aregs[r];
		snprintf(name, sizeof name, "A%d", r);
		field(group, name, "%s",
		      untouched(&uc->uc_mcontext.aregs[r], sizeof v) ? "untouched" :
		      r == 0 && v == a0 ? "the thread pointer's high half" :
		      r == 1 && v == a1 ? "the thread pointer's low half" :
		      v == 0 ? "0" : "other");
	}
}

static void
dump_fpregs(const char *group, const ucontext_t *uc)
{
	char name[16];
	for (int r = 0; r < 16; r++) {
		snprintf(name, sizeof name, "F%d", r);
		field(group, name, "%s", untouched(&uc->uc_mcontext.fpregs.fprs[r], 8) ?
		      "untouched" : "written");
	}
	struct fpctl now;
	arch_get_fpctl(&now);
	const unsigned *fpc = &uc->uc_mcontext.fpregs.fpc;
	field(group, "FPC", "%s", untouched(fpc, 4) ? "untouched" :
	      *fpc == now.fpc ? "the running one" : "other");
	field(group, "left-alone.after-FPC", "%s",
	      untouched((const char *)fpc + 4, 4) ? "untouched" : "WRITTEN");
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
	const size_t mask = offsetof(ucontext_t, uc_sigmask);
	saved = uc;

	/* getcontext, with the rounding mode up and inexact raised, so
	 * that the FPC is not all zeros */
	fesetround(FE_UPWARD);
	volatile double one = 1.0, three = 3.0, r = one / three;
	(void)r;
	memset(buf, FILL, sizeof buf);
	cprobe_getcontext(getcontext, uc, meta);
	field("getcontext", "return", "%s", meta[2] == 0 ? "0" : "other");
	dump_gregs("getcontext.gregs", uc, meta);
	dump_aregs("getcontext.aregs", uc);
	dump_fpregs("getcontext.fpregs", uc);
	field("getcontext", "left-alone.uc_flags", "%s",
	      untouched(&uc->uc_flags, sizeof uc->uc_flags) ? "untouched" : "WRITTEN");
	field("getcontext", "left-alone.uc_link", "%s",
	      untouched(&uc->uc_link, sizeof uc->uc_link) ? "untouched" : "WRITTEN");
	field("getcontext", "left-alone.uc_stack", "%s",
	      untouched(&uc->uc_stack, sizeof uc->uc_stack) ? "untouched" : "WRITTEN");
	field("getcontext", "left-alone.psw", "%s",
	      untouched(&uc->uc_mcontext.psw, sizeof uc->uc_mcontext.psw) ?
	      "untouched" : "WRITTEN");
	field("getcontext", "mask.bytes0-7", "%s",
	      untouched(&uc->uc_sigmask, 8) ? "untouched" : "the signal mask");
	field("getcontext", "left-alone.mask-bytes8-up", "%s",
	      untouched(buf + mask + 8, sizeof buf - mask - 8) ? "untouched" : "WRITTEN");

	/* swapcontext's save into oucp: the target switches straight back */
	{
		static ucontext_t target;
		static unsigned char tstack[16384] __attribute__((aligned(16)));
		prepare(&target, tstack, sizeof tstack, NULL);
		makecontext(&target, back_to_saved, 0);
		memset(buf, FILL, sizeof buf);
		swapcontext(uc, &target);
		for (int i = 0; i < 16; i++)
			/* the same slots as getcontext's, whatever their values */
			field("swapcontext.gregs", regname[i], "%s",
			      untouched(&uc->uc_mcontext.gregs[i], 8) ? "untouched" : "written");
		dump_aregs("swapcontext.aregs", uc);
		dump_fpregs("swapcontext.fpregs", uc);
		field("swapcontext", "left-alone.psw", "%s",
		      untouched(&uc->uc_mcontext.psw, sizeof uc->uc_mcontext.psw) ?
		      "untouched" : "WRITTEN");
		field("swapcontext", "mask.bytes0-7", "%s",
		      untouched(&uc->uc_sigmask, 8) ? "untouched" : "the signal mask");
		field("swapcontext", "left-alone.mask-bytes8-up", "%s",
		      untouched(buf + mask + 8, sizeof buf - mask - 8) ? "untouched" : "WRITTEN");
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
	for (int i = 0; i < 16; i++) {
		unsigned long v = uc->uc_mcontext.gregs[i];
		const char *what;
		char tmp[48];
		if (untouched(&uc->uc_mcontext.gregs[i], sizeof v))
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
	field("makecontext", "psw", "%s",
	      untouched(&uc->uc_mcontext.psw, sizeof uc->uc_mcontext.psw) ?
	      "untouched" : "written");
	/* the frame: the stack arguments at sp + 160, the back chain at sp */
	uintptr_t sp = uc->uc_mcontext.gregs[15];
	const unsigned long *frame = (const unsigned long *)sp;
	field("makecontext", "back-chain", "%s", frame[0] == 0 ? "0" : "other");
	field("makecontext", "stack-args", "%s",
	      frame[20] == 16 && frame[21] == 17 && frame[22] == 18 ?
	      "at sp + 160" : "elsewhere");
	field("makecontext", "sp-below-top", "%lu",
	      (unsigned long)((uintptr_t)stack + sizeof stack - sp));
	return 0;
}
