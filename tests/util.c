#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

void
tstack_alloc(struct tstack *s, size_t size)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t body = (size + page - 1) / page * page;

	s->maplen = body + 2 * page;
	s->map = mmap(NULL, s->maplen, PROT_NONE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	ck_assert_ptr_ne(s->map, MAP_FAILED);
	ck_assert_int_eq(mprotect((char *)s->map + page, body,
				  PROT_READ | PROT_WRITE), 0);
	/* The usable bytes end exactly at the upper guard page. */
	s->lo = (unsigned char *)s->map + page + body - size;
	s->size = size;
}

void
tstack_free(struct tstack *s)
{
	munmap(s->map, s->maplen);
}

void __attribute__((noinline))
fresh_ctx(ucontext_t *uc, void *sp, size_t size, ucontext_t *link)
{
	ck_assert_int_eq(ucc_getcontext(uc), 0);
	uc->uc_stack.ss_sp = sp;
	uc->uc_stack.ss_size = size;
	uc->uc_link = link;
}

void
assert_mask_calls_fail(int err, const ucontext_t *resumable,
		       ucontext_t *from, const ucontext_t *to)
{
	ucontext_t probe;
	errno = 0;
	ck_assert_int_eq(ucc_getcontext(&probe), -1);
	ck_assert_int_eq(errno, err);
	errno = 0;
	ck_assert_int_eq(ucc_setcontext(resumable), -1);
	ck_assert_int_eq(errno, err);
	errno = 0;
	ck_assert_int_eq(ucc_swapcontext(from, to), -1);
	ck_assert_int_eq(errno, err);
}

void
make_ctx(ucontext_t *uc, struct tstack *s, ucontext_t *link,
	 void (*fn)(void))
{
	fresh_ctx(uc, s->lo, s->size, link);
	errno = 0;
	ucc_makecontext(uc, fn, 0);
	ck_assert_int_eq(errno, 0);
}

long
scaled(long n)
{
	const char *env = getenv("UCC_TEST_SCALE");
	long d = env ? atol(env) : 1;
	return d > 1 && n / d > 0 ? n / d : n;
}

int
run_suite(Suite *s)
{
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

TCase *
tcase(const char *name)
{
	TCase *tc = tcase_create(name);
	/* Natively every case takes well under a second; a hang (a broken
	 * switch looping) fails in 10 s.  Slow runners (qemu-user, valgrind)
	 * scale it with Check's CK_TIMEOUT_MULTIPLIER. */
	tcase_set_timeout(tc, 10);
	return tc;
}
