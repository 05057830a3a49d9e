/* Stackless-style tasklets on one shared stack.
 *
 *   tasklets [N [ROUNDS [DEPTH]]]   (default 10000 tasklets, 3 rounds, 40)
 *
 * A round-robin scheduler runs N tasklets on the thread's own stack.  Each
 * recurses to a depth of its own (1 to DEPTH frames), then yields ROUNDS
 * times from the deepest frame before unwinding and finishing.  While a
 * tasklet is suspended only its slice, the stack between its deepest
 * frame and the base, is kept, in a heap buffer: idle tasklets cost what
 * they use, not a whole stack each.
 *
 * Prints the tasklets alive, the switches done, and the resident memory
 * per idle tasklet (measured from /proc/self/statm with all N suspended at
 * their deepest); exits 0 if every tasklet computed the right result. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ucontext_compat.h"

struct tasklet {
	ucc_slice_t ctx;
	int depth;
	long result;
};

static ucc_base_t base;
static ucc_slice_t scheduler;
static int rounds, max_depth;

static long
resident_bytes(void)
{
	long pages = 0, resident = 0;
	FILE *f = fopen("/proc/self/statm", "r");
	if (f == NULL)
		return -1;
	if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
		resident = -1;
	fclose(f);
	return resident * sysconf(_SC_PAGESIZE);
}

/* Each frame keeps a little state of its own, checked on the way back. */
static long
recurse(struct tasklet *t, int level)
{
	volatile long frame[2] = { level * 31L, (long)t->depth };
	long below;

	if (level == t->depth) {
		for (int r = 0; r < rounds; r++)
			ucc_slice_swap(&t->ctx, &scheduler);	/* yield */
		below = 0;
	} else {
		below = recurse(t, level + 1);
	}
	if (frame[0] != level * 31L || frame[1] != t->depth)
		abort();			/* a frame came back wrong */
	return below + level;
}

static void
tasklet_main(void *arg)
{
	struct tasklet *t = arg;
	t->result = recurse(t, 0);
}

static int __attribute__((noinline))
run(int n)
{
	struct tasklet *ts = calloc((size_t)n, sizeof *ts);
	if (ts == NULL || ucc_base_init(&base) != 0) {
		perror("tasklets");
		return 1;
	}
	ucc_slice_init(&scheduler, &base);
	long before = resident_bytes();
	for (int i = 0; i < n; i++) {
		/* spread over 1..max_depth (64-bit: i * 7919 overflows a
		 * 32-bit long past 271,000 tasklets) */
		ts[i].depth = 1 + (int)((i * 7919ull) % (unsigned)max_depth);
		if (ucc_slice_make(&ts[i].ctx, &base, tasklet_main, &ts[i], &scheduler) != 0) {
			perror("ucc_slice_make");
			return 1;
		}
	}

	long switches = 0, idle_bytes = -1, idle_total = -1, slice_bytes = 0;
	int alive = n, peak = 0, first_round = 1;
	while (alive > 0) {
		alive = 0;
		for (int i = 0; i < n; i++) {
			if (ucc_slice_state(&ts[i].ctx) == UCC_SLICE_FINISHED)
				continue;	/* finished */
			alive++;
			if (ucc_slice_swap(&scheduler, &ts[i].ctx) != 0) {
				perror("ucc_slice_swap");
				return 1;
			}
			switches += 2;
		}
		if (alive > peak)
			peak = alive;
		if (first_round && rounds > 0) {
			/* every tasklet is now suspended at its deepest */
			idle_total = resident_bytes();
			idle_bytes = idle_total - before;
			for (int i = 0; i < n; i++)
				slice_bytes += (long)ucc_slice_size(&ts[i].ctx);
			first_round = 0;
		}
	}

	int wrong = 0;
	for (int i = 0; i < n; i++) {
		long d = ts[i].depth;
		wrong += ts[i].result != d * (d + 1) / 2;
		ucc_slice_release(&ts[i].ctx);
	}
	ucc_slice_release(&scheduler);
	ucc_base_release(&base);

	printf("tasklets alive at once:        %d\n", peak);
	printf("switches done:                 %ld\n", switches);
	if (idle_bytes >= 0) {
		printf("resident memory per idle tasklet: %ld bytes"
		       " (slice %ld bytes on average, struct %zu)\n",
		       idle_bytes / n, slice_bytes / n, sizeof(struct tasklet));
		printf("resident memory, all idle:     %.1f MiB\n", idle_total / 1048576.0);
	}
	printf("results:                       %s\n", wrong ? "WRONG" : "all correct");
	free(ts);
	return wrong != 0;
}

int
main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 10000;
	rounds = argc > 2 ? atoi(argv[2]) : 3;
	max_depth = argc > 3 ? atoi(argv[3]) : 40;
	if (n <= 0 || rounds < 0 || max_depth <= 0) {
		fprintf(stderr, "usage: tasklets [N [ROUNDS [DEPTH]]]\n");
		return 2;
	}
	return run(n);
}
