/* Field by field: after getcontext from a probe that loads a known value
 * into every general register, the fields glibc defines, and the ones it
 * leaves alone.  Then what makecontext sets.  The structure is filled
 * with 0xab first, so "untouched" is exact. */
#include "scenario.h"

#include <string.h>

#define FILL FIELD_FILL

static const char *const regname[NGREG] = {
	"R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15", "RDI", "RSI",
	"RBP", "RBX", "RDX", "RAX", "RCX", "RSP", "RIP", "EFL", "CSGSFS",
	"ERR", "TRAPNO", "OLDMASK", "CR2",
};

static void
dump_gregs(const char *group, const ucontext_t *uc, const uintptr_t meta[3])
{
	for (int r = 0; r < NGREG; r++) {
		greg_t v = uc->uc_mcontext.gregs[r];
		const char *what;
		char hex[32];
		if (untouched(&uc->uc_mcontext.gregs[r], sizeof v))
			what = "untouched";
		else if (r == REG_RDI && (uintptr_t)v == (uintptr_t)uc)
			what = "ucp";
		else if (r == REG_RSP && meta && (uintptr_t)v == meta[0])
			what = "the caller's stack pointer";
		else if (r == REG_RIP && meta && (uintptr_t)v == meta[1])
			what = "the return address";
		else if (cprobe_pattern(r) && (uint64_t)v == cprobe_pattern(r))
			what = "the register's value";
		else {
			snprintf(hex, sizeof hex, "%#llx", (unsigned long long)v);
			what = hex;
		}
		field(group, regname[r], "%s", what);
	}
}

static ucontext_t *saved;

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
	const size_t fpmem = offsetof(ucontext_t, __fpregs_mem);
	saved = uc;

	/* getcontext */
	memset(buf, FILL, sizeof buf);
	cprobe_getcontext(getcontext, uc, meta);
	field("getcontext", "return", "%ld", (long)meta[2]);
	dump_gregs("getcontext.gregs", uc, meta);
	field("getcontext", "fpregs", "%s",
	      (void *)uc->uc_mcontext.fpregs == (void *)(buf + fpmem) ? "&__fpregs_mem" : "elsewhere");
	struct fpctl now;
	arch_get_fpctl(&now);
	uint16_t cw;
	uint32_t mxcsr;
	memcpy(&cw, buf + fpmem, 2);
	memcpy(&mxcsr, buf + fpmem + 24, 4);
	field("getcontext", "x87-cw", "%s", cw == now.cw ? "the running one" : "other");
	field("getcontext", "mxcsr", "%s", mxcsr == now.mxcsr ? "the running one" : "other");
	field("getcontext", "x87env.bytes2-11", "%02x%02x %02x%02x%02x%02x %02x%02x%02x%02x",
	      buf[fpmem + 2], buf[fpmem + 3], buf[fpmem + 4], buf[fpmem + 5],
	      buf[fpmem + 6], buf[fpmem + 7], buf[fpmem + 8], buf[fpmem + 9],
	      buf[fpmem + 10], buf[fpmem + 11]);
	field("getcontext", "x87env.bytes12-23", "%s",
	      untouched(buf + fpmem + 12, 12) ? "untouched" : "written");
	field("getcontext", "left-alone.uc_flags", "%s",
	      untouched(&uc->uc_flags, sizeof uc->uc_flags) ? "untouched" : "WRITTEN");
	field("getcontext", "left-alone.uc_link", "%s",
	      untouched(&uc->uc_link, sizeof uc->uc_link) ? "untouched" : "WRITTEN");
	field("getcontext", "left-alone.uc_stack", "%s",
	      untouched(&uc->uc_stack, sizeof uc->uc_stack) ? "untouched" : "WRITTEN");
	field("getcontext", "mask.bytes0-7", "%s",
	      untouched(&uc->uc_sigmask, 8) ? "untouched" : "the signal mask");
	field("getcontext", "left-alone.mask-bytes8-127", "%s",
	      untouched((char *)&uc->uc_sigmask + 8, sizeof uc->uc_sigmask - 8) ? "untouched" : "WRITTEN");
	field("getcontext", "left-alone.fpregs_mem-bytes28-511", "%s",
	      untouched(buf + fpmem + 28, 512 - 28) ? "untouched" : "WRITTEN");
	/* glibc's __ssp, or nothing on musl */
	field("getcontext", "left-alone.past-byte-936", "%s",
	      untouched(buf + 936, sizeof buf - 936) ? "untouched" : "WRITTEN");

	/* The x87 status word, after an x87 operation that raises inexact. */
	volatile long double one = 1.0L, three = 3.0L, r;
	r = one / three;
	(void)r;
	memset(buf, FILL, sizeof buf);
	getcontext(uc);
	uint16_t sw;
	memcpy(&sw, buf + fpmem + 4, 2);
	field("getcontext", "x87env.status-after-inexact-x87-op", "%#06x", sw);
	__asm__ volatile("fnclex");

	/* swapcontext's save into oucp, after the same x87 operation: the
	 * target switches straight back. */
	{
		static ucontext_t target;
		static unsigned char tstack[16384] __attribute__((aligned(16)));
		extern void back_to_saved(void);
		prepare(&target, tstack, sizeof tstack, NULL);
		makecontext(&target, back_to_saved, 0);
		r = one / three;
		memset(buf, FILL, sizeof buf);
		swapcontext(uc, &target);
		memcpy(&sw, buf + fpmem + 4, 2);
		field("swapcontext", "x87env.status-after-inexact-x87-op", "%#06x", sw);
		field("swapcontext", "x87env.bytes12-23", "%s",
		      untouched(buf + fpmem + 12, 12) ? "untouched" : "written");
		field("swapcontext", "mask.bytes0-7", "%s",
		      untouched(&uc->uc_sigmask, 8) ? "untouched" : "the signal mask");
		field("swapcontext", "left-alone.past-byte-936", "%s",
		      untouched(buf + 936, sizeof buf - 936) ? "untouched" : "WRITTEN");
		__asm__ volatile("fnclex");
	}

	/* makecontext: which registers it sets */
	static unsigned char stack[16384] __attribute__((aligned(16)));
	static ucontext_t link;
	memset(buf, FILL, sizeof buf);
	uc->uc_stack.ss_sp = stack;
	uc->uc_stack.ss_size = sizeof stack;
	uc->uc_link = &link;
	makecontext(uc, cprobe_entry, 8, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L);
	for (int r = 0; r < NGREG; r++) {
		greg_t v = uc->uc_mcontext.gregs[r];
		const char *what;
		char tmp[48];
		if (untouched(&uc->uc_mcontext.gregs[r], sizeof v))
			what = "untouched";
		else if ((uintptr_t)v == (uintptr_t)cprobe_entry)
			what = "func";
		else if ((uintptr_t)v == (uintptr_t)&link)
			what = "uc_link";
		else if ((uintptr_t)v >= (uintptr_t)stack && (uintptr_t)v < (uintptr_t)stack + sizeof stack)
			what = "an address in the stack";
		else if (v >= 11 && v <= 18) {
			snprintf(tmp, sizeof tmp, "argument %lld", (long long)v - 10);
			what = tmp;
		} else {
			snprintf(tmp, sizeof tmp, "%#llx", (unsigned long long)v);
			what = tmp;
		}
		char key[64];
		snprintf(key, sizeof key, "makecontext.gregs.%s", regname[r]);
		say(key, "%s", what);
	}
	return 0;
}
