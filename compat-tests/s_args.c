/* makecontext passing every argc from 0 to 64, with 64-bit values and
 * with 32-bit ones, and a mix of pointer, int and 64-bit arguments. */
#include "scenario.h"

#include <inttypes.h>
#include <string.h>

static ucontext_t main_uc, co_uc;
static uint64_t got[65];
static int got_n;

static void
record(int n, const uint64_t *v)
{
	got_n = n;
	memcpy(got, v, sizeof *v * (size_t)n);
}

#include "args64.h"
#include "args32.h"

static void
mixed(const char *s, int i, unsigned long big, double *d, unsigned short h)
{
	say("makecontext.args.mixed", "%s %d %#lx %g %u", s, i, big, *d, h);
}

int
main(void)
{
	static uint64_t v64[64];
	static uint32_t v32[64];
	char *stack = stack_alloc(64 * 1024);

	for (int i = 0; i < 64; i++) {
		v64[i] = 0x9e3779b97f4a7c15ull * (uint64_t)(i + 1) ^ ((uint64_t)(i & 1) << 63);
		v32[i] = (uint32_t)(0x85ebca6bu * (uint32_t)(i + 1));
	}
	for (int n = 0; n <= 64; n++) {
		prepare(&co_uc, stack, 64 * 1024, &main_uc);
		a64_make(&co_uc, n, v64);
		got_n = -1;
		swapcontext(&main_uc, &co_uc);
		int bad = got_n != n;
		for (int i = 0; i < n && !bad; i++)
			bad = got[i] != v64[i];
		char key[64];
		snprintf(key, sizeof key, "makecontext.args64.%d", n);
		say(key, "%s", bad ? "WRONG" : "ok");
	}
	for (int n = 0; n <= 64; n++) {
		prepare(&co_uc, stack, 64 * 1024, &main_uc);
		a32_make(&co_uc, n, v32);
		got_n = -1;
		swapcontext(&main_uc, &co_uc);
		int bad = got_n != n;
		for (int i = 0; i < n && !bad; i++)
			bad = (uint32_t)got[i] != v32[i];
		char key[64];
		snprintf(key, sizeof key, "makecontext.args32.%d", n);
		say(key, "%s", bad ? "WRONG" : "ok");
	}
	double d = 2.5;
	prepare(&co_uc, stack, 64 * 1024, &main_uc);
	makecontext(&co_uc, (void (*)(void))mixed, 5, "text", -7,
		    (unsigned long)0x7777777788888888ull, &d, 65535);
	swapcontext(&main_uc, &co_uc);
	return 0;
}
