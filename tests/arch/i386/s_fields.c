/* Field by field, on i386: after getcontext, and swapcontext's save into
 * oucp, from a probe that loads a known value into every general
 * register, the fields glibc defines, and the ones it leaves alone; the
 * registers a resumed context gets back; then what makecontext sets.
 * The structure is filled with 0xab first, so "untouched" is exact. */
#include "scenario.h"

#include <string.h>

#define FILL FIELD_FILL

static const char *const regname[NGREG] = {
	"GS", "FS", "ES", "DS", "EDI", "ESI", "EBP", "ESP", "EBX", "EDX",
	"ECX", "EAX", "TRAPNO", "ERR", "EIP", "CS", "EFL", "UESP", "SS",
};

/* Every gregs slot, after a save from a cprobe: meta[0] the stack
 * pointer at the call, meta[1] the return address. */
static void
dump_gregs(const char *group, const ucontext_t *uc, const uintptr_t meta[3])
{
	for (int r = 0; r < (int)NGREG; r++) {
		uint32_t v = (uint32_t)uc->uc_mcontext.gregs[r];
		const char *what;
		char hex[32];
		if (untouched(&uc->uc_mcontext.gregs[r], sizeof uc->uc_mcontext.gregs[r]))
			what = "untouched";
		else if (r == REG_ESP && v == meta[0])
			what = "the caller's stack pointer";
		else if (r == REG_EIP && v == meta[1])
			what = "the return address";
		else if (cprobe_pattern(r) && v == cprobe_pattern(r))
			what = "the register's value";
		else if (r == REG_FS && v == (uint32_t)arch_get_fs())
			what = "the running fs selector";
		else {
			snprintf(hex, sizeof hex, "%#x", v);
			what = hex;
		}
		field(group, regname[r], "%s", what);
	}
}

/* The rest of a save, past gregs: the fpregs pointer, the x87
 * environment in __fpregs_mem, the signal mask, and what is left alone. */
static void
dump_rest(const char *group, const unsigned char *buf)
{
	const ucontext_t *uc = (const ucontext_t *)buf;
	const size_t fpmem = offsetof(ucontext_t, __fpregs_mem);
	const unsigned char *env = buf + fpmem;
	char sub[64];

	field(group, "fpregs", "%s",
	      (const void *)uc->uc_mcontext.fpregs == (const void *)env ? "&__fpregs_mem" :
	      untouched(&uc->uc_mcontext.fpregs, sizeof uc->uc_mcontext.fpregs) ? "untouched" :
	      "elsewhere");
	/* fnstenv's layout, 4 bytes a field: control word, status word,
	 * tag word, then the last instruction's and operand's pointers. */
	uint32_t cw, sw, tag;
	memcpy(&cw, env + 0, 4);
	memcpy(&sw, env + 4, 4);
	memcpy(&tag, env + 8, 4);
	struct fpctl now;
	arch_get_fpctl(&now);
	field(group, "x87-cw", "%s", (cw & 0xffff) == now.cw ? "the running one" : "other");
	field(group, "x87env.words0-2", "%08x %08x %08x", cw, sw, tag);
	field(group, "x87env.bytes12-27", "%s", untouched(env + 12, 16) ? "untouched" : "written");
	field(group, "left-alone.fpregs_mem-bytes28-111", "%s",
	      untouched(env + 28, 112 - 28) ? "untouched" : "WRITTEN");
	field(group, "left-alone.oldmask-cr2", "%s",
	      untouched(&uc->uc_mcontext.oldmask, 8) ? "untouched" : "WRITTEN");
	field(group, "left-alone.uc_flags", "%s",
	      untouched(&uc->uc_flags, sizeof uc->uc_flags) ? "untouched" : "WRITTEN");
	field(group, "left-alone.uc_link", "%s",
	      untouched(&uc->uc_link, sizeof uc->uc_link) ? "untouched" : "WRITTEN");
	field(group, "left-alone.uc_stack", "%s",
	      untouched(&uc->uc_stack, sizeof uc->uc_stack) ? "untouched" : "WRITTEN");
	/* glibc's i386 functions use the old sigprocmask: 4 bytes, signals
	 * 1-32; the real-time signals' half is its own key (s_rtsignals). */
	field(group, "mask.bytes0-3", "%s",
	      untouched(&uc->uc_sigmask, 4) ? "untouched" : "the signal mask");
	snprintf(sub, sizeof sub, "%s.rt-signals", group);
	field(sub, "mask-bytes4-7", "%s",
	      untouched((const char *)&uc->uc_sigmask + 4, 4) ? "untouched" : "written");
	field(group, "left-alone.mask-bytes8-127", "%s",
	      untouched((const char *)&uc->uc_sigmask + 8, sizeof uc->uc_sigmask - 8) ? "untouched" : "WRITTEN");
	/* glibc's __ssp, or nothing on musl (348 bytes) */
	field(group, "left-alone.past-byte-348", "%s",
	      untouched(buf + 348, sizeof(ucontext_t) - 348) ? "untouched" : "WRITTEN");
}

static ucontext_t *saved;

static void
back_to_saved(void)
{
	setcontext(saved);
}

/* setcontext and swapcontext: the registers a resumed context gets.
 * The context getcontext saved is given a value of its own in every
 * general register slot but esp's, then resumed. */
static const char *resumer;

static uint32_t
edited(int r)
{
	return 0x5a5a0000u | (uint32_t)r << 8 | (uint32_t)r;
}

static int
after(ucontext_t *uc, const struct cprobe_regs *g)
{
	static const struct { const char *name; int reg; size_t off; } regs[] = {
#define R(n, N) { #n, REG_##N, offsetof(struct cprobe_regs, n) }
		R(eax, EAX), R(ebx, EBX), R(ecx, ECX), R(edx, EDX),
		R(esi, ESI), R(edi, EDI), R(ebp, EBP),
#undef R
	};
	char key[64];
	const unsigned char *gb = (const unsigned char *)g;
	static int resumed;

	if (!resumed) {
		/* getcontext's first return: eax 0, the callee-saved kept */
		snprintf(key, sizeof key, "%s.first-return.eax", resumer);
		say(key, "%#x", g->eax);
		snprintf(key, sizeof key, "%s.first-return.callee-saved", resumer);
		say(key, "%s", g->ebx == cprobe_pattern(REG_EBX) && g->esi == cprobe_pattern(REG_ESI) &&
		    g->edi == cprobe_pattern(REG_EDI) && g->ebp == cprobe_pattern(REG_EBP) ?
		    "kept" : "CHANGED");
		for (size_t i = 0; i < sizeof regs / sizeof regs[0]; i++)
			uc->uc_mcontext.gregs[regs[i].reg] = (greg_t)edited(regs[i].reg);
		resumed = 1;
		return 1;
	}
	resumed = 0;
	for (size_t i = 0; i < sizeof regs / sizeof regs[0]; i++) {
		uint32_t v;
		memcpy(&v, gb + regs[i].off, 4);
		const char *what;
		char hex[32];
		if (v == edited(regs[i].reg))
			what = "the context's";
		else if (v == (uint32_t)uc->uc_mcontext.gregs[REG_EIP])
			what = "the context's eip";
		else if (v == cprobe_pattern(regs[i].reg))
			what = "as getcontext found it";
		else {
			snprintf(hex, sizeof hex, "%#x", v);
			what = hex;
		}
		snprintf(key, sizeof key, "%s.resume.%s", resumer, regs[i].name);
		say(key, "%s", what);
	}
	return 0;
}

static int
swap_to(const ucontext_t *uc)
{
	static ucontext_t scratch;
	return swapcontext(&scratch, uc);
}

int
main(void)
{
	static unsigned char buf[sizeof(ucontext_t)] __attribute__((aligned(16)));
	ucontext_t *uc = (ucontext_t *)buf;
	uintptr_t meta[3];
	saved = uc;

	/* getcontext */
	memset(buf, FILL, sizeof buf);
	cprobe_getcontext(getcontext, uc, meta);
	field("getcontext", "return", "%ld", (long)meta[2]);
	dump_gregs("getcontext.gregs", uc, meta);
	dump_rest("getcontext", buf);

	/* The x87 status word, after an x87 operation that raises inexact:
	 * its exception flags are saved. */
	volatile long double one = 1.0L, three = 3.0L, r;
	r = one / three;
	(void)r;
	memset(buf, FILL, sizeof buf);
	getcontext(uc);
	uint16_t sw;
	memcpy(&sw, buf + offsetof(ucontext_t, __fpregs_mem) + 4, 2);
	field("getcontext", "x87-sw.after-inexact-x87-op", "%#06x", sw);
	__asm__ volatile("fnclex");

	/* swapcontext's save into oucp: the target switches straight back. */
	{
		static ucontext_t target;
		static unsigned char tstack[16384] __attribute__((aligned(16)));
		prepare(&target, tstack, sizeof tstack, NULL);
		makecontext(&target, back_to_saved, 0);
		memset(buf, FILL, sizeof buf);
		cprobe_swapcontext(swapcontext, uc, &target, meta);
		field("swapcontext", "return", "%ld", (long)meta[2]);
		dump_gregs("swapcontext.gregs", uc, meta);
		dump_rest("swapcontext", buf);

		r = one / three;
		memset(buf, FILL, sizeof buf);
		swapcontext(uc, &target);
		memcpy(&sw, buf + offsetof(ucontext_t, __fpregs_mem) + 4, 2);
		field("swapcontext", "x87-sw.after-inexact-x87-op", "%#06x", sw);
		__asm__ volatile("fnclex");
	}

	/* What a resumed context gets in each general register. */
	{
		static ucontext_t ctx;
		resumer = "setcontext";
		say("setcontext.probe", "%d", cprobe_getset(getcontext, setcontext, &ctx, after));
		resumer = "swapcontext";
		say("swapcontext.probe", "%d", cprobe_getset(getcontext, swap_to, &ctx, after));
	}

	/* makecontext: which registers it sets */
	static unsigned char stack[16384] __attribute__((aligned(16)));
	static ucontext_t link;
	memset(buf, FILL, sizeof buf);
	uc->uc_stack.ss_sp = stack;
	uc->uc_stack.ss_size = sizeof stack;
	uc->uc_link = &link;
	makecontext(uc, cprobe_entry, 8, 11, 12, 13, 14, 15, 16, 17, 18);
	for (int r = 0; r < (int)NGREG; r++) {
		uint32_t v = (uint32_t)uc->uc_mcontext.gregs[r];
		const char *what;
		char tmp[48];
		if (untouched(&uc->uc_mcontext.gregs[r], sizeof uc->uc_mcontext.gregs[r]))
			what = "untouched";
		else if (v == (uintptr_t)cprobe_entry)
			what = "func";
		else if (v == (uintptr_t)&link)
			what = "uc_link";
		else if (v >= (uintptr_t)stack && v < (uintptr_t)stack + sizeof stack)
			what = "an address in the stack";
		else {
			snprintf(tmp, sizeof tmp, "%#x", v);
			what = tmp;
		}
		field("makecontext.gregs", regname[r], "%s", what);
	}
	field("makecontext", "left-alone.uc_flags", "%s",
	      untouched(&uc->uc_flags, sizeof uc->uc_flags) ? "untouched" : "WRITTEN");
	field("makecontext", "left-alone.past-gregs", "%s",
	      untouched(&uc->uc_mcontext.fpregs,
			sizeof buf - offsetof(ucontext_t, uc_mcontext.fpregs)) ? "untouched" : "WRITTEN");
	return 0;
}
