/* Idle tasklets, counted in resident memory: N tasklets on one shared
 * stack, each suspended one shallow frame deep, all at once.
 *
 *   idle [N [malloc|slab]]     (default 10,000,000, slab)
 *
 * Each tasklet is a ucc_slice_t in one array and the buffer holding its
 * slice.  The buffers come from the base's allocator: the C library's
 * malloc, or a slab allocator written for fixed-size buffers, which keeps
 * no header per buffer (ucc_base_allocator: the point of an allocator
 * per base).  Prints the resident memory per idle tasklet, measured from
 * /proc/self/statm, and what it is made of; exits 0 if every tasklet ran
 * and finished correctly. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ucontext_compat.h"

static long
resident_bytes(void)
{
	long pages = 0, resident = -1;
	FILE *f = fopen("/proc/self/statm", "r");
	if (f == NULL)
		return -1;
	if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
		resident = -1;
	fclose(f);
	return resident * sysconf(_SC_PAGESIZE);
}

/* ---- a slab allocator: 16-byte size classes, no header per buffer ---- *
 * Slabs are SLAB bytes, aligned to SLAB, each of one size class, named in
 * the slab's first bytes; a buffer's slab (and so its size) is its
 * address rounded down.  Freed buffers go on their class's free list. */
#define SLAB ((size_t)1 << 21)
#define CLASSES 64			/* up to 1 KiB; larger: a slab each */

struct slab {
	size_t size;			/* of each buffer in this slab */
	unsigned char *next, *end;	/* the part never handed out */
};

static struct slab *current[CLASSES];
static void *free_list[CLASSES];
static size_t slab_bytes;		/* mapped for slabs */

static struct slab *
new_slab(size_t size, size_t bytes)
{
	/* SLAB-aligned: map twice as much and trim */
	size_t len = bytes + SLAB;
	unsigned char *m = mmap(NULL, len, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return NULL;
	unsigned char *a = (unsigned char *)(((uintptr_t)m + SLAB - 1) & ~(SLAB - 1));
	if (a > m)
		munmap(m, (size_t)(a - m));
	munmap(a + bytes, (size_t)(m + len - (a + bytes)));
	struct slab *s = (struct slab *)a;
	s->size = size;
	s->next = a + ((sizeof *s + 15) & ~(size_t)15);
	s->end = a + bytes;
	slab_bytes += bytes;
	return s;
}

static size_t
size_of(void *p)
{
	return ((struct slab *)((uintptr_t)p & ~(SLAB - 1)))->size;
}

static void *
slab_alloc(size_t n)
{
	size_t size = (n + 15) & ~(size_t)15, c = size / 16;
	if (c >= CLASSES) {
		struct slab *s = new_slab(size, (size + 64 + SLAB - 1) & ~(SLAB - 1));
		if (s == NULL)
			return NULL;
		void *p = s->next;
		s->next = s->end;
		return p;
	}
	if (free_list[c] != NULL) {
		void *p = free_list[c];
		free_list[c] = *(void **)p;
		return p;
	}
	struct slab *s = current[c];
	if (s == NULL || s->next + size > s->end) {
		s = current[c] = new_slab(size, SLAB);
		if (s == NULL)
			return NULL;
	}
	void *p = s->next;
	s->next += size;
	return p;
}

static void
slab_free(void *p)
{
	if (p == NULL)
		return;
	size_t c = size_of(p) / 16;
	if (c >= CLASSES) {
		struct slab *s = (struct slab *)((uintptr_t)p & ~(SLAB - 1));
		munmap(s, (size_t)(s->end - (unsigned char *)s));
		return;
	}
	*(void **)p = free_list[c];
	free_list[c] = p;
}

static void *
slab_realloc(void *p, size_t n)
{
	if (p != NULL && n <= size_of(p))
		return p;
	void *q = slab_alloc(n);
	if (q != NULL && p != NULL) {
		memcpy(q, p, size_of(p));
		slab_free(p);
	}
	return q;
}

/* ---- the tasklets ---------------------------------------------------- */

static ucc_slice_t scheduler;
static ucontext_t scheduler_uc;
static ucc_slice_t *ts;
static long done;

static void
tasklet(void *arg)
{
	ucc_slice_t *self = arg;
	ucc_slice_swap(self, &scheduler);	/* idle, one frame deep */
	done++;
}

int
main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 10000000;
	int slab = !(argc > 2 && strcmp(argv[2], "malloc") == 0);
	stack_t ss;
	ucc_base_t base;

	if (n < 1 || ucc_stack_alloc(&ss, 64 * 1024) != 0 ||
	    ucc_base_init_stack(&base, &ss) != 0) {
		perror("idle");
		return 1;
	}
	if (slab)
		ucc_base_allocator(&base, slab_realloc, slab_free);
	ucc_slice_wrap(&scheduler, &scheduler_uc);
	long before = resident_bytes();
	ts = calloc((size_t)n, sizeof *ts);
	if (ts == NULL) {
		perror("calloc");
		return 1;
	}
	for (long i = 0; i < n; i++) {
		ucc_slice_init(&ts[i], &base);
		if (ucc_slice_make(&ts[i], &base, tasklet, &ts[i], &scheduler) != 0 ||
		    ucc_slice_swap(&scheduler, &ts[i]) != 0) {
			perror("tasklet");
			return 1;
		}
	}
	/* all idle; the last one's bytes are still on the shared stack */
	long total = resident_bytes(), idle = total - before;
	size_t slice = ucc_slice_size(&ts[0]), buffer = ts[0].cap;

	for (long i = 0; i < n; i++)
		if (ucc_slice_swap(&scheduler, &ts[i]) != 0 ||
		    ucc_slice_state(&ts[i]) != UCC_SLICE_FINISHED) {
			perror("resume");
			return 1;
		}
	for (long i = 0; i < n; i++)
		ucc_slice_release(&ts[i]);
	ucc_base_release(&base);

	double each = (double)idle / n;
	printf("%ld idle tasklets, one frame deep, buffers from %s:\n", n,
	       slab ? "a slab allocator (ucc_base_allocator)" : "malloc");
	printf("  resident, all idle:    %.1f MB, %.1f bytes per tasklet"
	       " (the whole process: %.1f MB)\n", idle / 1e6, each, total / 1e6);
	printf("  of which:              ucc_slice_t %zu, buffer %zu (its slice %zu),"
	       " allocator and the rest %.1f\n", sizeof(ucc_slice_t), buffer,
	       slice, each - sizeof(ucc_slice_t) - buffer);
	if (slab)
		printf("  slabs mapped:          %.1f MB\n", slab_bytes / 1e6);
	printf("  results:               %s\n", done == n ? "all finished" : "WRONG");
	free(ts);
	return done != n;
}
