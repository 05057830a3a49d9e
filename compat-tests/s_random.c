/* The randomized differential generator.
 *
 *   s_random SEED...      or   s_random FIRST-LAST
 *
 * From each seed, a random program over up to NSLOT contexts: make one
 * (from any context, with 0 to 9 random 32- and 64-bit arguments and a
 * random uc_link), switch to one, set one (abandoning the current, or
 * jumping back to its own saved point), capture with getcontext, return
 * through uc_link, do some work on locals.  The program is generated in
 * advance against a model of which contexts can be resumed, so it is the
 * same on every implementation; each context runs the same interpreter
 * over it and prints what it sees.  Every seed runs in a child process,
 * since a program may end by returning with a NULL uc_link. */
#include "scenario.h"

#include <inttypes.h>
#include <string.h>

#define NSLOT 8
#define NOPS 160
#define STACK (64 * 1024)

enum kind { MAKE, SWAP, SET, GET, RETURN, WORK, END };
static const char *const kind_name[] = {
	"make", "swap", "set", "get", "return", "work", "end",
};

struct op {
	enum kind kind;
	int target;		/* MAKE, SWAP, SET */
	int link;		/* MAKE: uc_link slot, or -1 for NULL */
	int entry;		/* MAKE: which entry function */
	uint64_t args[9];	/* MAKE: argument values */
};

static struct op ops[NOPS + 1];
static int nops;
static volatile int pc;
static ucontext_t ctx[NSLOT];
static unsigned char *stacks[NSLOT];
static uint64_t expect[NSLOT][10];	/* what each made context should receive */
static char line_key[32];

/* makecontext passes a register's worth per argument (64 bits on
 * LP64, 32 on i386): the values are drawn as 64 bits and passed as that. */
typedef unsigned long ulong_t;

/* Every choice comes from next(): xorshift64* from the seed, or, in the
 * fuzz harness (fuzz_random.c), whatever RANDOM_DRAW returns. */
static uint64_t rng;
#ifdef RANDOM_DRAW
uint64_t RANDOM_DRAW(uint64_t *state);
#endif
static uint64_t
next(void)
{
#ifdef RANDOM_DRAW
	return RANDOM_DRAW(&rng);
#else
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dull;
#endif
}
static int pick(int n) { return (int)(next() % (uint64_t)n); }

/* The model: NONE, MADE (resuming starts the function afresh) or SAVED
 * (resuming returns into the frame that saved it). */
enum state { NONE, MADE, SAVED };

static int
resumable(const enum state *st, int t)
{
	return st[t] == MADE || st[t] == SAVED;
}

static void
generate(uint64_t seed)
{
	enum state st[NSLOT] = { NONE };
	int link[NSLOT];
	int cur = 0;

	rng = seed * 0x9e3779b97f4a7c15ull + 1;
	nops = 0;
	while (nops < NOPS) {
		struct op o = { .kind = WORK };
		int r = pick(100), t = 1 + pick(NSLOT - 1);
		if (r < 15) {
			if (t == cur)
				continue;
			o.kind = MAKE;
			o.target = t;
			o.link = pick(5) == 0 ? -1 : pick(NSLOT);
			o.entry = pick(4);
			for (int i = 0; i < 9; i++)
				o.args[i] = next();
			st[t] = MADE;
			link[t] = o.link;
		} else if (r < 50) {
			t = pick(NSLOT);
			if (t == cur || !resumable(st, t))
				continue;
			o.kind = SWAP;
			o.target = t;
			st[cur] = SAVED;
			cur = t;
		} else if (r < 58) {
			t = pick(NSLOT);
			if (!resumable(st, t))
				continue;
			o.kind = SET;	/* t == cur: back to its own saved point */
			o.target = t;
			cur = t;
		} else if (r < 66) {
			o.kind = GET;
			st[cur] = SAVED;
		} else if (r < 76) {
			if (cur == 0)
				continue;
			int l = link[cur];
			if (l < 0)
				continue;	/* a NULL uc_link only ends a program */
			/* Returning ends the context: its saved frame is gone, and
			 * resuming a made context that has returned is not portable
			 * (glibc's trampoline overwrites part of the frame). */
			enum state after = NONE;
			enum state lst = l == cur ? after : st[l];
			if (lst != MADE && lst != SAVED)
				continue;
			o.kind = RETURN;
			st[cur] = after;
			cur = l;
		}
		ops[nops++] = o;
	}
	/* The end: from a context whose uc_link is NULL, sometimes, by
	 * returning; otherwise by exit(0). */
	ops[nops++] = (struct op){ .kind = cur != 0 && link[cur] < 0 ? RETURN : END };
}

static void
show(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#include <stdarg.h>
static void
show(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	say(line_key, "%s", buf);
}

/* acc may live in a register: resuming an older saved point rolls it
 * back, the same way on every implementation that restores the same
 * registers, which is part of what the transcript compares. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wclobbered"
#endif
static void
interp(int id, uint64_t acc0)
{
	uint64_t acc = acc0;
	volatile uint64_t vacc = acc0 ^ 0x5555;

	for (;;) {
		int at = pc++;
		const struct op *o = &ops[at];
		show("op %d: ctx %d %s %d", at, id, kind_name[o->kind], o->target);
		acc = acc * 6364136223846793005ull + (uint64_t)at;
		vacc = vacc * 31 + (uint64_t)at;
		switch (o->kind) {
		case MAKE: {
			int t = o->target;
			prepare(&ctx[t], stacks[t], STACK, o->link < 0 ? NULL : &ctx[o->link]);
			expect[t][0] = (uint64_t)t;
			memcpy(&expect[t][1], o->args, sizeof o->args);
			const uint64_t *a = o->args;
			extern void entry0(long), entry1(long, uint32_t, ulong_t);
			extern void entry2(long, ulong_t, ulong_t, ulong_t, ulong_t, ulong_t,
					   ulong_t, ulong_t);
			extern void entry3(long, ulong_t, uint32_t, ulong_t, uint32_t, ulong_t,
					   uint32_t, ulong_t, uint32_t, ulong_t);
			switch (o->entry) {
			case 0: makecontext(&ctx[t], (void (*)(void))entry0, 1, (long)t); break;
			case 1: makecontext(&ctx[t], (void (*)(void))entry1, 3, (long)t,
					    (uint32_t)a[0], (ulong_t)a[1]); break;
			case 2: makecontext(&ctx[t], (void (*)(void))entry2, 8, (long)t,
					    (ulong_t)a[0], (ulong_t)a[1], (ulong_t)a[2], (ulong_t)a[3],
					    (ulong_t)a[4], (ulong_t)a[5], (ulong_t)a[6]); break;
			default: makecontext(&ctx[t], (void (*)(void))entry3, 10, (long)t,
					     (ulong_t)a[0], (uint32_t)a[1], (ulong_t)a[2], (uint32_t)a[3],
					     (ulong_t)a[4], (uint32_t)a[5], (ulong_t)a[6], (uint32_t)a[7],
					     (ulong_t)a[8]); break;
			}
			break;
		}
		case SWAP:
			swapcontext(&ctx[id], &ctx[o->target]);
			show("ctx %d resumed after its swap at op %d", id, at);
			break;
		case SET:
			setcontext(&ctx[o->target]);
			show("setcontext returned");
			return;
		case GET:
			getcontext(&ctx[id]);
			show("ctx %d past its getcontext of op %d", id, at);
			break;
		case RETURN:
			return;
		case WORK:
			show("ctx %d locals %#" PRIx64 " %#" PRIx64, id, acc, (uint64_t)vacc);
			break;
		case END:
			show("end");
			exit(0);
		}
	}
}

static void
entered(long id, int n, const uint64_t *got, const int *is32)
{
	int ok = got[0] == (uint64_t)id;
	for (int i = 1; i < n; i++)
		ok &= is32[i] ? (uint32_t)got[i] == (uint32_t)expect[id][i] :
			(ulong_t)got[i] == (ulong_t)expect[id][i];
	show("ctx %ld entered with %d arguments: %s", id, n, ok ? "as made" : "WRONG");
	uint64_t h = 0;
	for (int i = 0; i < n; i++)
		h = h * 1099511628211ull ^ got[i];
	interp((int)id, h);
}

void
entry0(long id)
{
	uint64_t g[1] = { (uint64_t)id };
	int w[1] = { 0 };
	entered(id, 1, g, w);
}

void
entry1(long id, uint32_t a, ulong_t b)
{
	uint64_t g[3] = { (uint64_t)id, a, b };
	int w[3] = { 0, 1, 0 };
	entered(id, 3, g, w);
}

void
entry2(long id, ulong_t a, ulong_t b, ulong_t c, ulong_t d, ulong_t e,
       ulong_t f, ulong_t g7)
{
	uint64_t g[8] = { (uint64_t)id, a, b, c, d, e, f, g7 };
	int w[8] = { 0 };
	entered(id, 8, g, w);
}

void
entry3(long id, ulong_t a, uint32_t b, ulong_t c, uint32_t d, ulong_t e,
       uint32_t f, ulong_t g7, uint32_t h, ulong_t i)
{
	uint64_t g[10] = { (uint64_t)id, a, b, c, d, e, f, g7, h, i };
	int w[10] = { 0, 0, 1, 0, 1, 0, 1, 0, 1, 0 };
	entered(id, 10, g, w);
}

static uint64_t the_seed;

static void
run_seed(void)
{
	generate(the_seed);
	for (int i = 0; i < NSLOT; i++)
		stacks[i] = stack_alloc(STACK);
	pc = 0;
	interp(0, 0);
}

int
main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		unsigned long long first, last;
		if (sscanf(argv[i], "%llu-%llu", &first, &last) != 2)
			last = first = strtoull(argv[i], NULL, 10);
		for (unsigned long long s = first; s <= last; s++) {
			the_seed = s;
			snprintf(line_key, sizeof line_key, "random.seed%llu", s);
			char key[48];
			snprintf(key, sizeof key, "random.seed%llu.ended", s);
			say(key, "%s", in_child(run_seed));
		}
	}
	return 0;
}
