/* Stacks with a guard page: an overflow faults at the guard (SIGSEGV)
 * instead of corrupting whatever lies below. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ucontext_compat.h"
#include "internal.h"

static size_t
page_size(void)
{
	long p = sysconf(_SC_PAGESIZE);
	return p > 0 ? (size_t)p : 4096;
}

UCC_API int
ucc_stack_alloc(stack_t *ss, size_t size)
{
	if (ss == NULL) {
		errno = EFAULT;
		return -1;
	}
	size_t page = page_size();
	if (size == 0 || size > SIZE_MAX - 2 * page) {
		errno = EINVAL;
		return -1;
	}
	size_t usable = (size + page - 1) / page * page;
	/* The guard is the lowest page: stacks grow down. */
	char *map = mmap(NULL, usable + page, PROT_NONE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (map == MAP_FAILED)
		return -1;
	if (mprotect(map + page, usable, PROT_READ | PROT_WRITE) != 0) {
		int err = errno;
		munmap(map, usable + page);
		errno = err;
		return -1;
	}
	ss->ss_sp = map + page;
	ss->ss_size = usable;
	ss->ss_flags = 0;
	return 0;
}

UCC_API int
ucc_stack_free(stack_t *ss)
{
	if (ss == NULL) {
		errno = EFAULT;
		return -1;
	}
	if (ss->ss_sp == NULL)
		return 0;
	size_t page = page_size();
	if (((uintptr_t)ss->ss_sp & (page - 1)) != 0 || ss->ss_size % page != 0) {
		errno = EINVAL;		/* not from ucc_stack_alloc */
		return -1;
	}
	if (munmap((char *)ss->ss_sp - page, ss->ss_size + page) != 0)
		return -1;
	ss->ss_sp = NULL;
	ss->ss_size = 0;
	return 0;
}

UCC_API size_t
ucc_stack_guard_size(void)
{
	return page_size();
}
