/* Contexts resumed on other threads: thread A creates and starts eight
 * contexts, each of which suspends; thread B resumes them all, in the
 * other order, and they finish there. */
#include "scenario.h"

#include <pthread.h>

#define N 8

static ucontext_t ctx[N], a_uc, b_uc;
static pthread_t ta, tb;
static int who[N][2];
static long result[N];

static int __attribute__((noinline))
which(void)
{
	__asm__ volatile("" ::: "memory");
	pthread_t me = pthread_self();
	return pthread_equal(me, ta) ? 'A' : pthread_equal(me, tb) ? 'B' : '?';
}

static void
task(int i)
{
	long acc = i;
	who[i][0] = which();
	for (int k = 0; k < 1000; k++)
		acc = acc * 31 + k;
	swapcontext(&ctx[i], &a_uc);		/* suspend on A */
	who[i][1] = which();
	for (int k = 0; k < 1000; k++)
		acc = acc * 17 + k;
	result[i] = acc;
}						/* uc_link: back to B */

static void *
thread_a(void *arg)
{
	(void)arg;
	for (int i = 0; i < N; i++) {
		prepare(&ctx[i], stack_alloc(65536), 65536, &b_uc);
		makecontext(&ctx[i], (void (*)(void))task, 1, i);
		swapcontext(&a_uc, &ctx[i]);
	}
	return NULL;
}

static void *
thread_b(void *arg)
{
	(void)arg;
	for (int i = N - 1; i >= 0; i--)
		swapcontext(&b_uc, &ctx[i]);
	return NULL;
}

int
main(void)
{
	pthread_create(&ta, NULL, thread_a, NULL);
	pthread_join(ta, NULL);
	pthread_create(&tb, NULL, thread_b, NULL);
	pthread_join(tb, NULL);
	for (int i = 0; i < N; i++) {
		char key[32];
		snprintf(key, sizeof key, "threads.task%d", i);
		say(key, "started on %c, finished on %c, result %ld",
		    who[i][0], who[i][1], result[i]);
	}
	return 0;
}
