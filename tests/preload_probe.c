/* An ordinary glibc program, built without ucontext-compat: it reports
 * which library answers for each of the four functions, ping-pongs
 * through swapcontext, and counts the rt_sigprocmask calls that made.
 * tests/preload.sh runs it with and without LD_PRELOAD. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

#include "sigcount.h"

#define SWAPS 1000

static ucontext_t main_uc, co_uc;
static volatile long pongs;

static void
pong(long step)
{
	for (;;) {
		pongs += step;
		swapcontext(&co_uc, &main_uc);
	}
}

static void
who(const char *name, void *fn)
{
	Dl_info info;
	if (dladdr(fn, &info) == 0 || info.dli_fname == NULL) {
		printf("%s ?\n", name);
		return;
	}
	char *path = strdup(info.dli_fname);
	printf("%s %s\n", name, basename(path));
	free(path);
}

int
main(void)
{
	static char stack[64 * 1024];

	who("getcontext", (void *)getcontext);
	who("setcontext", (void *)setcontext);
	who("swapcontext", (void *)swapcontext);
	who("makecontext", (void *)makecontext);

	if (getcontext(&co_uc) != 0)
		return 1;
	co_uc.uc_stack.ss_sp = stack;
	co_uc.uc_stack.ss_size = sizeof stack;
	co_uc.uc_link = NULL;
	makecontext(&co_uc, (void (*)(void))pong, 1, 3L);

	if (sigcount_arm() != 0) {
		printf("seccomp unavailable\n");
		return 77;
	}
	for (long i = 1; i <= SWAPS; i++)
		if (swapcontext(&main_uc, &co_uc) != 0 || pongs != 3 * i)
			return 1;
	printf("rt_sigprocmask calls for %d round trips: %ld\n", SWAPS, sigcount());
	return 0;
}
