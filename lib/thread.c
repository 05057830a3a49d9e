/* The running thread's own stack, which base contexts (lib/slice.c) and
 * the sanitizer fiber API (lib/fiber.c) both ask for. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "internal.h"

/* The stack of the thread pthread_getattr_np reports on: 0, or -1. */
static int
attr_stack(uintptr_t *lo, uintptr_t *hi)
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
	return r;
}

/* The main thread's stack as mapped so far, from /proc/self/maps: the
 * mapping that holds the file name the kernel wrote at the top of the
 * initial stack (AT_EXECFN; under valgrind, in the stack it made for the
 * program, which is not the "[stack]" line), or else the "[stack]"
 * line; and in *floor the end of the mapping below it, which the stack
 * cannot grow past.  0, or -1.  Read here rather than asked of musl,
 * whose pthread_getattr_np finds the main thread's stack by growing a
 * page at a time with mremap until the kernel answers EFAULT: under
 * qemu-user a 32-bit program is answered ENOMEM instead, and the probe
 * walks the whole address space (Alpine armhf and armel images built on
 * an x86_64 machine run so).  glibc reads this file too, for the mapping
 * that holds its own mark of the initial stack. */
static int
maps_stack(uintptr_t *lo, uintptr_t *hi, uintptr_t *floor)
{
	char line[256];
	unsigned long a, b, below = 0;
	uintptr_t mark = (uintptr_t)getauxval(AT_EXECFN);
	int r = -1, start = 1;
	FILE *f = fopen("/proc/self/maps", "re");

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL) {
		/* a line longer than the buffer: only its start counts */
		int at_start = start;
		start = strchr(line, '\n') != NULL;
		if (!at_start || sscanf(line, "%lx-%lx", &a, &b) != 2)
			continue;
		if (mark != 0 ? !(mark >= a && mark < b) :
		    strstr(line, "[stack]") == NULL) {
			below = b;
			continue;
		}
		*lo = a;
		*hi = b;
		*floor = below;
		r = 0;
		break;
	}
	fclose(f);
	return r;
}

/* The running thread's own stack, [*lo, *hi): 0, or -1 if unknown. */
int
__ucc_thread_stack(uintptr_t *lo, uintptr_t *hi)
{
	uintptr_t floor = 0;

	if (getpid() != (pid_t)syscall(SYS_gettid))
		return attr_stack(lo, hi);
	if (maps_stack(lo, hi, &floor) != 0 && attr_stack(lo, hi) != 0)
		return -1;
	/* The main thread's stack grows on demand: what is mapped so far
	 * is not all of it, so take the limit it may grow to. */
	struct rlimit rl;
	uintptr_t max = (uintptr_t)256 << 20;
	if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
		max = rl.rlim_cur;
	if (*hi > max && *hi - max < *lo)
		*lo = *hi - max;
	if (*lo < floor)
		*lo = floor;
	return 0;
}
