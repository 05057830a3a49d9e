/* Contexts and threads: a context started on one thread finishes on
 * another; threads switching their own contexts at once do not interfere. */
#include "util.h"

#include <pthread.h>

static ucontext_t co_uc, t1_uc, t2_uc;
static volatile pthread_t ran_on[2];
static volatile int co_step;

/* Read the thread every time: pthread_self is declared const, and a
 * compiler may otherwise reuse one thread's answer on another. */
static pthread_t __attribute__((noinline))
whoami(void)
{
	__asm__ volatile("" ::: "memory");
	return pthread_self();
}

static void
wanderer(void)
{
	ran_on[0] = whoami();
	co_step = 1;
	ucc_swapcontext(&co_uc, &t1_uc);	/* suspended: thread 1 ends */
	ran_on[1] = whoami();
	co_step = 2;
}					/* uc_link: thread 2's context */

static void *
thread1(void *arg)
{
	struct tstack *st = arg;
	make_ctx(&co_uc, st, &t2_uc, wanderer);
	ck_assert_int_eq(ucc_swapcontext(&t1_uc, &co_uc), 0);
	return NULL;
}

static void *
thread2(void *arg)
{
	(void)arg;
	ck_assert_int_eq(ucc_swapcontext(&t2_uc, &co_uc), 0);
	return NULL;
}

START_TEST(resumed_on_another_thread)
{
	struct tstack st;
	pthread_t a, b;
	tstack_alloc(&st, 64 * 1024);

	ck_assert_int_eq(pthread_create(&a, NULL, thread1, &st), 0);
	ck_assert_int_eq(pthread_join(a, NULL), 0);
	ck_assert_int_eq(co_step, 1);
	ck_assert_int_eq(pthread_create(&b, NULL, thread2, NULL), 0);
	ck_assert_int_eq(pthread_join(b, NULL), 0);
	ck_assert_int_eq(co_step, 2);
	ck_assert(pthread_equal(ran_on[0], a));
	ck_assert(pthread_equal(ran_on[1], b));
	tstack_free(&st);
}
END_TEST

/* Each thread ping-pongs with its own coroutine. */
struct pair {
	ucontext_t main, co;
	struct tstack st;
	long count;
};

static __thread struct pair *mine;

static void
pair_co(void)
{
	struct pair *p = mine;
	for (;;) {
		p->count++;
		ucc_swapcontext(&p->co, &p->main);
	}
}

static void *
pair_thread(void *arg)
{
	struct pair *p = arg;
	mine = p;
	make_ctx(&p->co, &p->st, NULL, pair_co);
	for (long i = 1; i <= 200000; i++) {
		if (ucc_swapcontext(&p->main, &p->co) != 0 || p->count != i)
			return (void *)1;
	}
	return NULL;
}

START_TEST(threads_switch_independently)
{
	enum { N = 4 };
	struct pair p[N];
	pthread_t t[N];
	for (int i = 0; i < N; i++) {
		p[i].count = 0;
		tstack_alloc(&p[i].st, 64 * 1024);
		ck_assert_int_eq(pthread_create(&t[i], NULL, pair_thread, &p[i]), 0);
	}
	for (int i = 0; i < N; i++) {
		void *ret;
		ck_assert_int_eq(pthread_join(t[i], &ret), 0);
		ck_assert_ptr_null(ret);
		ck_assert_int_eq(p[i].count, 200000);
		tstack_free(&p[i].st);
	}
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("threads");
	TCase *tc = tcase("threads");
	tcase_add_test(tc, resumed_on_another_thread);
	tcase_add_test(tc, threads_switch_independently);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
