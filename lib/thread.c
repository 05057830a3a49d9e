/* The running thread's own stack, which base contexts (lib/slice.c) and
 * the sanitizer fiber API (lib/fiber.c) both ask for. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "internal.h"

/* The running thread's own stack, [*lo, *hi): 0, or -1 if unknown. */
int
__ucc_thread_stack(uintptr_t *lo, uintptr_t *hi)
{
	pthread_attr_t attr;
	void *addr;
	size_t size;
	int r = -1;

	if (pthread_getattr_np(pthread_self(), &attr) != 0)
		return -1;
	if (pthread_attr_getstack(&attr, &addr, &size) == 0) {
		*lo = (uintptr_t)addr;
		*hi = (uintptr_t)addr + size;
		r = 0;
	}
	pthread_attr_destroy(&attr);
	if (r == 0 && getpid() == (pid_t)syscall(SYS_gettid)) {
		/* The main thread's stack grows on demand: musl reports only
		 * what is mapped so far, so take the limit it may grow to. */
		struct rlimit rl;
		uintptr_t max = (uintptr_t)256 << 20;
		if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
			max = rl.rlim_cur;
		if (*hi > max && *hi - max < *lo)
			*lo = *hi - max;
	}
	return r;
}
