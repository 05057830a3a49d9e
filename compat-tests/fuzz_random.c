/* A libFuzzer harness over the randomized generator (s_random.c): the
 * fuzzer's input makes the generator's choices, and the program they
 * describe runs twice in this process, on the C library's functions and
 * on this library's, each transcript kept in memory.  The input is a
 * failure if the transcripts differ, if a context was entered with the
 * wrong arguments, or if a sanitizer reports anything on the way.
 *
 *   fuzz_random [libFuzzer options] [corpus directory or input files]
 *
 * Each 8 bytes of input are XORed into one of the generator's draws, so
 * every input is a valid program and every mutation changes a choice;
 * past the end of the input, the draws go on from xorshift64*, so every
 * program has its full length.  Where s_random ends the process (exit,
 * or a return with a NULL uc_link), the harness's program instead
 * resumes the harness, which saved itself with swapcontext. */
#include "scenario.h"
#include "libc.h"
#include "ucontext_compat.h"

#include <stdarg.h>
#include <string.h>

/* The C library's functions do not tell AddressSanitizer about their
 * switches: the frames its run leaves on the context stacks stay
 * poisoned, and are cleared before the stacks are used again. */
#if defined(__has_feature)
# if __has_feature(address_sanitizer)
#  include <sanitizer/asan_interface.h>
#  define CLEAN(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
# endif
#endif
#ifndef CLEAN
# define CLEAN(p, n) ((void)0)
#endif

/* The functions a run uses: the C library's or ours. */
struct impl {
	int (*get)(ucontext_t *);
	int (*set)(const ucontext_t *);
	int (*swap)(ucontext_t *, const ucontext_t *);
	void (*make)(ucontext_t *, void (*)(void), int, ...);
};
static const struct impl *impl;
static ucontext_t end_uc;	/* the harness, saved while a program runs */
static int ended;

static void __attribute__((noreturn))
fuzz_exit(int status)
{
	(void)status;
	ended = 1;
	impl->set(&end_uc);
	abort();		/* setcontext failed */
}

/* s_random.c, written against the plain names, uses the run's. */
#define getcontext(u) impl->get(u)
#define setcontext(u) impl->set(u)
#define swapcontext(o, u) impl->swap(o, u)
#define makecontext impl->make
#define exit fuzz_exit
#define main s_random_main
#define RANDOM_DRAW fuzz_draw
#include "s_random.c"
#undef getcontext
#undef setcontext
#undef swapcontext
#undef makecontext
#undef exit
#undef main

/* ---- the input, as draws ------------------------------------------------ */

static const uint8_t *input;
static size_t input_len, input_at;

uint64_t
fuzz_draw(uint64_t *state)
{
	uint64_t x = *state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	x *= 0x2545f4914f6cdd1dull;
	for (int i = 0; i < 8 && input_at < input_len; i++)
		x ^= (uint64_t)input[input_at++] << (8 * i);
	return x;
}

/* ---- the scenario's helpers, in memory ---------------------------------- */

static char transcript[2][64 * 1024];
static size_t used;
static char *out;
static int overflowed;

void
say(const char *key, const char *fmt, ...)
{
	va_list ap;
	size_t room = sizeof transcript[0] - used;
	int n = snprintf(out + used, room, "%s ", key);
	if (n < 0 || (size_t)n >= room) {
		overflowed = 1;
		return;
	}
	used += (size_t)n;
	room -= (size_t)n;
	va_start(ap, fmt);
	n = vsnprintf(out + used, room, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n + 1 >= room) {
		overflowed = 1;
		return;
	}
	used += (size_t)n;
	out[used++] = '\n';
	out[used] = '\0';
}

/* One zeroed stack per slot, reused by every run. */
void *
stack_alloc(size_t size)
{
	void *p = calloc(1, size);
	if (p == NULL)
		abort();
	return p;
}

/* A NULL uc_link would end the process: the harness takes its place. */
void __attribute__((noinline))
prepare(ucontext_t *uc, void *stack, size_t size, ucontext_t *link)
{
	if (impl->get(uc) != 0)
		abort();
	uc->uc_stack.ss_sp = stack;
	uc->uc_stack.ss_size = size;
	uc->uc_link = link != NULL ? link : &end_uc;
}

const char *
in_child(void (*fn)(void))
{
	(void)fn;
	abort();		/* s_random_main is not used here */
}

/* ---- the runs ----------------------------------------------------------- */

static ucontext_t boot_uc;
static unsigned char *boot_stack;

/* Context 0: s_random's main program, on a stack of its own here. */
static void
boot(void)
{
	pc = 0;
	interp(0, 0);
}

static void
run(const struct impl *with, int side)
{
	impl = with;
	out = transcript[side];
	used = 0;
	out[0] = '\0';
	overflowed = 0;
	ended = 0;
	for (int i = 0; i < NSLOT; i++) {
		CLEAN(stacks[i], STACK);
		memset(stacks[i], 0, STACK);
	}
	CLEAN(boot_stack, STACK);
	memset(ctx, 0, sizeof ctx);
	memset(&boot_uc, 0, sizeof boot_uc);
	prepare(&boot_uc, boot_stack, STACK, NULL);
	impl->make(&boot_uc, boot, 0);
	if (impl->swap(&end_uc, &boot_uc) != 0)
		abort();
	if (!ended)
		say("fuzz", "returned to the harness without ending");
}

static struct impl libc_side, ours = {
	ucc_getcontext, ucc_setcontext, ucc_swapcontext, ucc_makecontext,
};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	struct libc_ucontext l;
	if (libc_ucontext(&l) != 0) {
		fprintf(stderr, "fuzz_random: the C library's functions are not found\n");
		abort();
	}
	libc_side = (struct impl){ l.getcontext, l.setcontext, l.swapcontext,
				   l.makecontext };
	for (int i = 0; i < NSLOT; i++)
		stacks[i] = stack_alloc(STACK);
	boot_stack = stack_alloc(STACK);
	snprintf(line_key, sizeof line_key, "fuzz");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	for (int side = 0; side < 2; side++) {
		input = data;
		input_len = size;
		input_at = 0;
		generate(size);
		run(side == 0 ? &libc_side : &ours, side);
	}
	if (overflowed || strcmp(transcript[0], transcript[1]) != 0) {
		fprintf(stderr, "fuzz_random: the transcripts differ\n"
			"---- the C library's\n%s---- ours\n%s",
			transcript[0], transcript[1]);
		abort();
	}
	if (strstr(transcript[1], "WRONG") != NULL) {
		fprintf(stderr, "fuzz_random: wrong arguments\n%s", transcript[1]);
		abort();
	}
	return 0;
}
