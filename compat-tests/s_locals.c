/* Live locals across thousands of switches: two contexts keep integers,
 * doubles and an array in their frames (and registers) while ping-ponging. */
#include "scenario.h"

#include <inttypes.h>

static ucontext_t main_uc, co_uc;

static void
co(void)
{
	uint64_t h = 1469598103934665603ull;
	double x = 1.0;
	unsigned arr[16] = { 0 };
	for (unsigned i = 0;; i++) {
		h = (h ^ i) * 1099511628211ull;
		x = x * 1.0000001 + 0.5;
		arr[i % 16] += i;
		if (i % 10000 == 9999)
			say("locals.co", "%u %#" PRIx64 " %.6f %u", i + 1, h, x, arr[i % 16]);
		swapcontext(&co_uc, &main_uc);
	}
}

int
main(void)
{
	prepare(&co_uc, stack_alloc(65536), 65536, NULL);
	makecontext(&co_uc, co, 0);
	uint64_t h = 7;
	double y = 3.0;
	int ints[8] = { 0 };
	for (int i = 0; i < 50000; i++) {
		swapcontext(&main_uc, &co_uc);
		h = h * 6364136223846793005ull + 1442695040888963407ull;
		y = y / 1.0000003 + 0.25;
		ints[i % 8] ^= i;
	}
	say("locals.main", "%#" PRIx64 " %.6f %d %d", h, y, ints[3], ints[7]);
	return 0;
}
