/* Field by field, on aarch64: after getcontext, and swapcontext's save
 * into oucp, from a probe that loads a known value into every general
 * register it can and into q8-q15, the fields glibc defines (regs, sp,
 * pc, pstate, and in __reserved the FPSIMD record and the record that
 * ends the list), and the ones it leaves alone; the registers a resumed
 * context gets back; then what makecontext sets.  The structure is
 * filled with 0xab first, so "untouched" is exact. */
#include "scenario.h"

#include <string.h>

#define FILL FIELD_FILL
/* The FPSIMD record (struct fpsimd_context), from __reserved's start:
 * magic, size, fpsr, fpcr, then v0-v31, 16 bytes each; the next record
 * header after it. */
#define FPSIMD_MAGIC_VALUE 0x46508001u
#define FPSIMD_SIZE 528
#define REC_V(n) (16 + 16 * (n))

/* A register slot after a save from a cprobe: meta[0] the stack pointer
 * at the call, meta[1] the return address.  Addresses are never
 * printed: what is none of these is "other". */
static const char *
what(const uint64_t *slot, int reg, const uintptr_t meta[3])
{
	uint64_t v = *slot;
	if (untouched(slot, 8))
		return "untouched";
	if (v == 0)
		return "0";
	if (v == meta[0])
		return "the caller's stack pointer";
	if (v == meta[1])
		return "the return address";
	if (reg >= 0 && cprobe_pattern(reg) && v == cprobe_pattern(reg))
		return "the register's value";
	return "other";
}

static void
dump_save(const char *group, const unsigned char *buf, const uintptr_t meta[3],
	  const struct fpctl *fp)
{
	const ucontext_t *uc = (const ucontext_t *)buf;
	const mcontext_t *mc = &uc->uc_mcontext;
	const unsigned char *rsv = (const unsigned char *)mc->__reserved;
	char name[32];

	for (int r = 0; r < 31; r++) {
		snprintf(name, sizeof name, "regs.x%d", r);
		field(group, name, "%s", what((const uint64_t *)&mc->regs[r], r, meta));
	}
	field(group, "sp", "%s", what((const uint64_t *)&mc->sp, -1, meta));
	field(group, "pc", "%s", what((const uint64_t *)&mc->pc, -1, meta));
	field(group, "pstate", "%s", what((const uint64_t *)&mc->pstate, -1, meta));
	field(group, "left-alone.fault_address", "%s",
	      untouched(&mc->fault_address, 8) ? "untouched" : "WRITTEN");
	field(group, "left-alone.pad-before-__reserved", "%s",
	      untouched((const unsigned char *)&mc->pstate + 8,
			rsv - ((const unsigned char *)&mc->pstate + 8)) ? "untouched" : "WRITTEN");

	/* The FPSIMD record */
	uint32_t magic, size, fpsr, fpcr;
	memcpy(&magic, rsv + 0, 4);
	memcpy(&size, rsv + 4, 4);
	memcpy(&fpsr, rsv + 8, 4);
	memcpy(&fpcr, rsv + 12, 4);
	field(group, "fpsimd.magic", "%s", magic == FPSIMD_MAGIC_VALUE ? "FPSIMD_MAGIC" :
	      untouched(rsv, 4) ? "untouched" : "other");
	field(group, "fpsimd.size", "%u", size);
	field(group, "fpsimd.fpsr", "%s", fpsr == fp->fpsr ? "the running one" :
	      untouched(rsv + 8, 4) ? "untouched" : "other");
	field(group, "fpsimd.fpcr", "%s", fpcr == fp->fpcr ? "the running one" :
	      untouched(rsv + 12, 4) ? "untouched" : "other");
	for (int v = 0; v < 32; v++) {
		const unsigned char *q = rsv + REC_V(v);
		uint64_t lo, hi;
		memcpy(&lo, q, 8);
		memcpy(&hi, q + 8, 8);
		const char *w;
		if (untouched(q, 16))
			w = "untouched";
		else if (v >= 8 && v <= 15 && lo == cprobe_vpattern(v, 0) && hi == cprobe_vpattern(v, 1))
			w = "the register's value (128 bits)";
		else if (v >= 8 && v <= 15 && lo == cprobe_vpattern(v, 0))
			w = "the register's low half";
		else
			w = "other";
		snprintf(name, sizeof name, "fpsimd.v%d", v);
		field(group, name, "%s", w);
	}
	/* the record that ends the list: magic 0, size 0 */
	const unsigned char *end = rsv + FPSIMD_SIZE;
	static const unsigned char zero[8];
	field(group, "end-record", "%s", memcmp(end, zero, 8) == 0 ? "magic 0, size 0" :
	      untouched(end, 8) ? "untouched" : "other");
	/* glibc stores magic and size 8 bytes each: 4 more bytes of 0 */
	field(group, "end-record.bytes8-11", "%s", memcmp(end + 8, zero, 4) == 0 ? "0" :
	      untouched(end + 8, 4) ? "untouched" : "other");
	field(group, "left-alone.__reserved-past-byte-540", "%s",
	      untouched(end + 12, 4096 - FPSIMD_SIZE - 12) ? "untouched" : "WRITTEN");

	field(group, "left-alone.uc_flags", "%s",
	      untouched(&uc->uc_flags, sizeof uc->uc_flags) ? "untouched" : "WRITTEN");
	field(group, "left-alone.uc_link", "%s",
	      untouched(&uc->uc_link, sizeof uc->uc_link) ? "untouched" : "WRITTEN");
	field(group, "left-alone.uc_stack", "%s",
	      untouched(&uc->uc_stack, sizeof uc->uc_stack) ? "untouched" : "WRITTEN");
	field(group, "mask.bytes0-7", "%s",
	      untouched(&uc->uc_sigmask, 8) ? "untouched" : "the signal mask");
	field(group, "left-alone.mask-bytes8-127", "%s",
	      untouched((const char *)&uc->uc_sigmask + 8, sizeof uc->uc_sigmask - 8) ? "untouched" : "WRITTEN");
	field(group, "left-alone.mask-to-mcontext", "%s",
	      untouched((const char *)&uc->uc_sigmask + sizeof uc->uc_sigmask,
			(const unsigned char *)mc - ((const unsigned char *)&uc->uc_sigmask + sizeof uc->uc_sigmask)) ?
	      "untouched" : "WRITTEN");
	field(group, "left-alone.past-__reserved", "%s",
	      untouched(rsv + 4096, sizeof(ucontext_t) - (size_t)(rsv + 4096 - buf)) ? "untouched" : "WRITTEN");
}

static ucontext_t *saved;

static void
back_to_saved(void)
{
	setcontext(saved);
}

/* A distinct FP state to be saved: round upward and flush-to-zero, and
 * the inexact flag raised. */
static void
distinct_fp(struct fpctl *f)
{
	f->fpcr = arch_fpctl_a.fpcr;
	f->fpsr = ARCH_FP_PE;
	arch_set_fpctl(f);
}

/* setcontext and swapcontext: the registers a resumed context gets.  The
 * context getcontext saved is given a value of its own in each register
 * slot but sp's and pc's, and in v8-v15, then resumed. */
static const char *resumer;

static uint64_t
edited(int r)
{
	return 0x5a5a5a5a00000000ull | (uint64_t)r << 8 | (uint64_t)r;
}

static uint64_t
vedited(int v, int hi)
{
	return 0x3c3c3c3c00000000ull | (uint64_t)(hi + 1) << 16 | (uint64_t)v;
}

static int
after(ucontext_t *uc, const struct cprobe_regs *g)
{
	unsigned char *rsv = (unsigned char *)uc->uc_mcontext.__reserved;
	char key[64];
	static int resumed;

	if (!resumed) {
		/* getcontext's first return: x0 0, the callee-saved kept */
		int kept = 1;
		for (int r = 19; r <= 29; r++)
			kept &= g->x[r] == cprobe_pattern(r);
		for (int v = 8; v <= 15; v++)
			kept &= g->q[v - 8][0] == cprobe_vpattern(v, 0);
		snprintf(key, sizeof key, "%s.first-return.x0", resumer);
		say(key, "%#llx", (unsigned long long)g->x[0]);
		snprintf(key, sizeof key, "%s.first-return.callee-saved", resumer);
		say(key, "%s", kept ? "kept" : "CHANGED");
		for (int r = 0; r < 31; r++)
			uc->uc_mcontext.regs[r] = edited(r);
		for (int v = 8; v <= 15; v++) {
			uint64_t lo = vedited(v, 0), hi = vedited(v, 1);
			memcpy(rsv + REC_V(v), &lo, 8);
			memcpy(rsv + REC_V(v) + 8, &hi, 8);
		}
		resumed = 1;
		return 1;
	}
	resumed = 0;
	/* the argument registers and the ones a context keeps: x9-x17 are
	 * scratch on the way */
	static const int shown[] = {
		0, 1, 2, 3, 4, 5, 6, 7, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
	};
	for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++) {
		int r = shown[i];
		uint64_t v = g->x[r];
		snprintf(key, sizeof key, "%s.resume.x%d", resumer, r);
		say(key, "%s", v == edited(r) ? "the context's" :
		    v == cprobe_pattern(r) && v ? "as getcontext found it" : "other");
	}
	for (int v = 8; v <= 15; v++) {
		const uint64_t *q = g->q[v - 8];
		snprintf(key, sizeof key, "%s.resume.v%d", resumer, v);
		say(key, "%s", q[0] == vedited(v, 0) && q[1] == vedited(v, 1) ? "the context's (128 bits)" :
		    q[0] == vedited(v, 0) ? "the context's low half" :
		    q[0] == cprobe_vpattern(v, 0) ? "as getcontext found it" : "other");
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
	struct fpctl before, fp;
	saved = uc;
	arch_get_fpctl(&before);

	/* getcontext */
	memset(buf, FILL, sizeof buf);
	distinct_fp(&fp);
	cprobe_getcontext(getcontext, uc, meta);
	arch_set_fpctl(&before);
	field("getcontext", "return", "%ld", (long)meta[2]);
	dump_save("getcontext", buf, meta, &fp);

	/* swapcontext's save into oucp: the target switches straight back. */
	{
		static ucontext_t target;
		static unsigned char tstack[16384] __attribute__((aligned(16)));
		prepare(&target, tstack, sizeof tstack, NULL);
		makecontext(&target, back_to_saved, 0);
		memset(buf, FILL, sizeof buf);
		distinct_fp(&fp);
		cprobe_swapcontext(swapcontext, uc, &target, meta);
		arch_set_fpctl(&before);
		field("swapcontext", "return", "%ld", (long)meta[2]);
		dump_save("swapcontext", buf, meta, &fp);
	}

	/* What a resumed context gets in each register. */
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
	makecontext(uc, cprobe_entry, 10, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L);
	const mcontext_t *mc = &uc->uc_mcontext;
	for (int r = 0; r < 34; r++) {
		const uint64_t *slot = r < 31 ? (const uint64_t *)&mc->regs[r] :
				       r == 31 ? (const uint64_t *)&mc->sp :
				       r == 32 ? (const uint64_t *)&mc->pc : (const uint64_t *)&mc->pstate;
		uint64_t v = *slot;
		const char *w;
		char tmp[48];
		if (untouched(slot, 8))
			w = "untouched";
		else if (v == (uintptr_t)cprobe_entry)
			w = "func";
		else if (v == (uintptr_t)&link)
			w = "uc_link";
		else if (v >= (uintptr_t)stack && v <= (uintptr_t)stack + sizeof stack)
			w = "an address in the stack";
		else if (v >= 11 && v <= 20) {
			snprintf(tmp, sizeof tmp, "argument %d", (int)v - 10);
			w = tmp;
		} else if (v == 0)
			w = "0";
		else
			w = "other";
		char name[32];
		if (r < 31)
			snprintf(name, sizeof name, "regs.x%d", r);
		else
			snprintf(name, sizeof name, "%s", r == 31 ? "sp" : r == 32 ? "pc" : "pstate");
		field("makecontext", name, "%s", w);
	}
	/* the stack arguments, 9 and 10, at sp and sp + 8 */
	uint64_t a9, a10;
	memcpy(&a9, (const void *)(uintptr_t)mc->sp, 8);
	memcpy(&a10, (const void *)(uintptr_t)(mc->sp + 8), 8);
	field("makecontext", "stack.sp+0", "%s", a9 == 19 ? "argument 9" : "other");
	field("makecontext", "stack.sp+8", "%s", a10 == 20 ? "argument 10" : "other");
	field("makecontext", "left-alone.__reserved", "%s",
	      untouched(mc->__reserved, 4096) ? "untouched" : "WRITTEN");
	field("makecontext", "left-alone.uc_flags", "%s",
	      untouched(&uc->uc_flags, sizeof uc->uc_flags) ? "untouched" : "WRITTEN");
	field("makecontext", "left-alone.uc_sigmask", "%s",
	      untouched(&uc->uc_sigmask, sizeof uc->uc_sigmask) ? "untouched" : "WRITTEN");
	return 0;
}
