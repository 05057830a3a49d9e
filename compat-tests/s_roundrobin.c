/* Many contexts round robin: 2000 contexts in a ring main -> 0 -> ... ->
 * 1999 -> main, 30 rounds, each checking the order it runs in. */
#include "scenario.h"

#define N 2000
#define ROUNDS 30

static ucontext_t main_uc, ring[N];
static long token, misorders;
static unsigned long sums[N];

static void
member(int i)
{
	for (long r = 0;; r++) {
		if (token != r * N + i)
			misorders++;
		token++;
		sums[i] += (unsigned long)(r * 31 + i);
		swapcontext(&ring[i], i + 1 < N ? &ring[i + 1] : &main_uc);
	}
}

int
main(void)
{
	const size_t size = 16384;
	char *stacks = stack_alloc(N * size);
	for (int i = 0; i < N; i++) {
		prepare(&ring[i], stacks + i * size, size, NULL);
		makecontext(&ring[i], (void (*)(void))member, 1, i);
	}
	for (int r = 0; r < ROUNDS; r++)
		swapcontext(&main_uc, &ring[0]);
	unsigned long total = 0;
	for (int i = 0; i < N; i++)
		total += sums[i] * (unsigned long)(i + 1);
	say("roundrobin.switches", "%ld", token);
	say("roundrobin.misorders", "%ld", misorders);
	say("roundrobin.checksum", "%lu", total);
	return 0;
}
