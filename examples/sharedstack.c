/* Tasklets on a shared stack of their own, libaco's shape.
 *
 *   sharedstack [N [ROUNDS [BURST]]]   (default 1000 tasklets, 20, 4)
 *
 * The scheduler runs on the thread's own stack; the N tasklets share one
 * stack the program allocates (ucc_stack_alloc), on a base at its top
 * (ucc_base_init_stack).  Each tasklet sums a series, yielding to the
 * scheduler after every term.  The scheduler resumes each tasklet BURST
 * times in a row before it goes on to the next: while the same tasklet
 * comes back, its stack bytes are still in place and nothing is copied;
 * resuming the next one copies the previous one out to its buffer.  The
 * scheduler asks ucc_slice_state whether a tasklet has finished, and the
 * buffers come from an allocator of the base's own, which counts them.
 *
 * Prints the tasklets, the switches, the buffers allocated and the bytes
 * the idle tasklets keep; exits 0 if every tasklet computed the right
 * result. */
#include <stdio.h>
#include <stdlib.h>

#include "ucontext_compat.h"

struct tasklet {
	ucc_slice_t ctx;
	long id, result;
};

static ucc_slice_t scheduler;	/* ordinary: the thread's own stack */
static ucontext_t scheduler_uc;
static int rounds;
static long buffers;

/* The base's allocator: realloc, counting the buffers it creates. */
static void *
counting_realloc(void *p, size_t n)
{
	if (p == NULL)
		buffers++;
	return realloc(p, n);
}

static void
tasklet_main(void *arg)
{
	struct tasklet *t = arg;
	long sum = 0;
	for (long i = 1; i <= rounds; i++) {
		sum += i * t->id;	/* a local, kept across every yield */
		if (ucc_slice_swap(&t->ctx, &scheduler) != 0) {
			perror("ucc_slice_swap");
			exit(1);
		}
	}
	t->result = sum;		/* then return: finished */
}

int
main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1000;
	rounds = argc > 2 ? atoi(argv[2]) : 20;
	int burst = argc > 3 ? atoi(argv[3]) : 4;
	if (n < 1 || rounds < 1 || burst < 1) {
		fprintf(stderr, "usage: sharedstack [N [ROUNDS [BURST]]]\n");
		return 2;
	}

	stack_t shared;
	ucc_base_t base;
	if (ucc_stack_alloc(&shared, 64 * 1024) != 0 ||
	    ucc_base_init_stack(&base, &shared) != 0) {
		perror("shared stack");
		return 1;
	}
	ucc_base_allocator(&base, counting_realloc, free);
	ucc_slice_wrap(&scheduler, &scheduler_uc);

	struct tasklet *ts = calloc((size_t)n, sizeof *ts);
	if (ts == NULL) {
		perror("calloc");
		return 1;
	}
	for (int i = 0; i < n; i++) {
		ts[i].id = i + 1;
		ucc_slice_init(&ts[i].ctx, &base);
		if (ucc_slice_make(&ts[i].ctx, &base, tasklet_main, &ts[i],
				   &scheduler) != 0) {
			perror("ucc_slice_make");
			return 1;
		}
	}

	long switches = 0, idle_bytes = -1;
	for (int alive = n; alive > 0;) {
		alive = 0;
		long held = 0;
		for (int i = 0; i < n; i++) {
			for (int b = 0; b < burst; b++) {
				if (ucc_slice_state(&ts[i].ctx) == UCC_SLICE_FINISHED)
					break;
				if (ucc_slice_swap(&scheduler, &ts[i].ctx) != 0) {
					perror("ucc_slice_swap");
					return 1;
				}
				switches += 2;
			}
			if (ucc_slice_state(&ts[i].ctx) != UCC_SLICE_FINISHED) {
				alive++;
				held += (long)ucc_slice_size(&ts[i].ctx);
			}
		}
		if (idle_bytes < 0)
			idle_bytes = held;
	}

	int wrong = 0;
	for (int i = 0; i < n; i++) {
		if (ts[i].result != ts[i].id * (long)rounds * (rounds + 1) / 2)
			wrong++;
		ucc_slice_release(&ts[i].ctx);
	}
	ucc_base_release(&base);
	ucc_stack_free(&shared);
	free(ts);

	printf("tasklets on one shared stack: %d, %d rounds, %d in a row\n", n,
	       rounds, burst);
	printf("switches done:                %ld\n", switches);
	printf("buffers allocated:            %ld\n", buffers);
	printf("slice bytes, all idle:        %ld (%ld per tasklet)\n",
	       idle_bytes, idle_bytes / n);
	printf("results:                      %s\n", wrong ? "WRONG" : "all correct");
	return wrong != 0;
}
