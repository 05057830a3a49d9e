/* Base contexts and stack slicing: stack-top queries; tasklets whose
 * locals and deep recursion survive slicing; a slice restored after the
 * base's stack was reused; every slice length copied exactly; sliced and
 * ordinary contexts mixed; every error, each leaving both contexts
 * usable.  Built a second time on x86_64, as test_slice_narrow, with
 * the copy that CPUs without AVX take. */
#include "util.h"
#include "libc.h"
#ifdef HAVE_VALGRIND_VALGRIND_H
#include <valgrind/valgrind.h>
#endif

#include <errno.h>
#include <fenv.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- stack tops ---------------------------------------------------- */

START_TEST(current_sp_is_the_callers)
{
	volatile char here = 0;
	uintptr_t sp = (uintptr_t)ucc_current_sp();
	ck_assert_uint_le(sp, (uintptr_t)&here);
	ck_assert_uint_lt((uintptr_t)&here - sp, 4096);
}
END_TEST

static void * __attribute__((noinline))
sp_of_callee(void)
{
	void *sp = ucc_current_sp();
	__asm__ volatile("" : "+r"(sp));	/* no tail call */
	return sp;
}

START_TEST(current_sp_deeper_in_a_callee)
{
	uintptr_t mine = (uintptr_t)ucc_current_sp();
	ck_assert_uint_lt((uintptr_t)sp_of_callee(), mine);
}
END_TEST

START_TEST(context_sp_of_every_kind)
{
	ucontext_t uc;
	ck_assert_ptr_null(ucc_context_sp(NULL));
	fresh_ctx(&uc, NULL, 0, NULL);
	ck_assert_uint_eq((uintptr_t)ucc_context_sp(&uc), arch_uc_sp(&uc));
	volatile char here = 0;
	ck_assert_uint_lt((uintptr_t)ucc_context_sp(&uc), (uintptr_t)&here);
#ifdef __GLIBC__
	struct libc_ucontext l;
	ucontext_t g;
	ck_assert_int_eq(libc_ucontext(&l), 0);
	ck_assert_int_eq(l.getcontext(&g), 0);
	ck_assert_uint_eq((uintptr_t)ucc_context_sp(&g), arch_uc_sp(&g));
	uintptr_t near = (uintptr_t)ucc_current_sp();
	uintptr_t gsp = (uintptr_t)ucc_context_sp(&g);
	ck_assert_uint_lt(gsp > near ? gsp - near : near - gsp, 256);
#endif
}
END_TEST

static volatile uintptr_t interrupted_sp, handler_sp;

static void
on_usr1(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	(void)si;
	interrupted_sp = (uintptr_t)ucc_context_sp(ctx);
	handler_sp = (uintptr_t)ucc_current_sp();
}

START_TEST(context_sp_in_a_signal_handler)
{
	static unsigned char alt[64 * 1024];
	stack_t ss = { .ss_sp = alt, .ss_size = sizeof alt };
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_usr1;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	ck_assert_int_eq(sigaltstack(&ss, NULL), 0);
	ck_assert_int_eq(sigaction(SIGUSR1, &sa, NULL), 0);

	uintptr_t before = (uintptr_t)ucc_current_sp();
	raise(SIGUSR1);
	/* the interrupted code ran on this stack, a little deeper */
	ck_assert_uint_le(interrupted_sp, before);
	ck_assert_uint_lt(before - interrupted_sp, 64 * 1024);
	/* the handler ran on the alternate stack */
	ck_assert_uint_ge(handler_sp, (uintptr_t)alt);
	ck_assert_uint_lt(handler_sp, (uintptr_t)alt + sizeof alt);
}
END_TEST

/* ---- tasklets ---------------------------------------------------- */

#define NT 8
static ucc_base_t base;
static ucc_slice_t sched, task[NT];
static long result[NT];
static int yields[NT];

struct job {
	int id, depth, every;
	ucc_slice_t *self;	/* NULL: task[id] */
	long *out;		/* NULL: result[id] */
};

/* Recursion with a checked local per frame, yielding on the way. */
static long
deep(const struct job *j, int n)
{
	int id = j->id;
	volatile long mine[4] = { id * 1000003L + n, n, -n, id };
	if (n % j->every == 0) {
		yields[id % NT]++;
		ck_assert_int_eq(ucc_slice_swap(j->self ? j->self : &task[id], &sched), 0);
	}
	long r = n == 0 ? id : deep(j, n - 1);
	ck_assert_int_eq(mine[0], id * 1000003L + n);
	ck_assert_int_eq(mine[1] + mine[2], 0);
	ck_assert_int_eq(mine[3], id);
	return r + n;
}

static void
run_job(void *arg)
{
	const struct job *j = arg;
	*(j->out ? j->out : &result[j->id]) = deep(j, j->depth);
}

/* Round robin until every task has finished; returns the switches. */
static long
round_robin(int n)
{
	long switches = 0;
	for (int alive = n; alive > 0;) {
		alive = 0;
		for (int i = 0; i < n; i++) {
			if (ucc_slice_state(&task[i]) == UCC_SLICE_FINISHED)
				continue;
			alive++;
			ck_assert_int_eq(ucc_slice_swap(&sched, &task[i]), 0);
			switches++;
		}
	}
	return switches;
}

static void __attribute__((noinline))
tasklets_at(const struct job *jobs, int n)
{
	ck_assert_int_eq(ucc_base_init(&base), 0);
	ucc_slice_init(&sched, &base);
	for (int i = 0; i < n; i++) {
		result[i] = -1;
		yields[i] = 0;
		ck_assert_int_eq(ucc_slice_make(&task[i], &base, run_job,
						(void *)&jobs[i], &sched), 0);
	}
	ck_assert_int_gt(round_robin(n), n);
	for (int i = 0; i < n; i++) {
		long want = jobs[i].id + (long)jobs[i].depth * (jobs[i].depth + 1) / 2;
		ck_assert_int_eq(result[i], want);
		ck_assert_uint_eq(ucc_slice_size(&task[i]), 0);	/* finished */
		ucc_slice_release(&task[i]);
	}
	ucc_slice_release(&sched);
	ucc_base_release(&base);
}

START_TEST(locals_survive_slicing)
{
	static const struct job jobs[NT] = {
		{ 0, 1, 1, 0, 0 }, { 1, 7, 2, 0, 0 }, { 2, 30, 3, 0, 0 },
		{ 3, 100, 7, 0, 0 }, { 4, 0, 1, 0, 0 }, { 5, 55, 11, 0, 0 },
		{ 6, 12, 5, 0, 0 }, { 7, 200, 13, 0, 0 },
	};
	tasklets_at(jobs, NT);
	ck_assert_int_eq(yields[7], 200 / 13 + 1);
}
END_TEST

START_TEST(deep_recursion_survives_slicing)
{
	/* about 100 bytes a frame: slices of a few hundred kilobytes */
	static const struct job jobs[3] = {
		{ 0, 3000, 500, 0, 0 }, { 1, 6000, 1000, 0, 0 }, { 2, 100, 50, 0, 0 },
	};
	tasklets_at(jobs, 3);
}
END_TEST

/* A task suspended deep; meanwhile the scheduler's own calls reuse and
 * scribble over the stack below the base; the task resumes intact. */
static void __attribute__((noinline))
scribble(int n)
{
	volatile unsigned char junk[4096];
	memset((void *)junk, 0xee, sizeof junk);
	if (n > 0)
		scribble(n - 1);
}

START_TEST(slice_restored_after_the_stack_was_reused)
{
	static const struct job job = { 0, 300, 100, 0, 0 };
	ck_assert_int_eq(ucc_base_init(&base), 0);
	ucc_slice_init(&sched, &base);
	ck_assert_int_eq(ucc_slice_make(&task[0], &base, run_job, (void *)&job, &sched), 0);
	result[0] = -1;
	while (ucc_slice_state(&task[0]) != UCC_SLICE_FINISHED) {
		ck_assert_int_eq(ucc_slice_swap(&sched, &task[0]), 0);
		scribble(40);		/* 160 KiB of 0xee below the base */
	}
	ck_assert_int_eq(result[0], 300L * 301 / 2);
	ucc_slice_release(&task[0]);
	ucc_slice_release(&sched);
}
END_TEST

START_TEST(ten_thousand_tasklets)
{
	enum { N = 10000 };
	static ucc_slice_t many[N];
	static struct job jobs[N];
	static long got[N];
	ck_assert_int_eq(ucc_base_init(&base), 0);
	ucc_slice_init(&sched, &base);
	for (int i = 0; i < N; i++) {
		jobs[i] = (struct job){ i, i % 37, 5, &many[i], &got[i] };
		got[i] = -1;
		ck_assert_int_eq(ucc_slice_make(&many[i], &base, run_job, &jobs[i], &sched), 0);
	}
	long switches = 0;
	for (int alive = N; alive > 0;) {
		alive = 0;
		for (int i = 0; i < N; i++) {
			if (ucc_slice_state(&many[i]) == UCC_SLICE_FINISHED)
				continue;
			alive++;
			ck_assert_int_eq(ucc_slice_swap(&sched, &many[i]), 0);
			switches++;
		}
	}
	for (int i = 0; i < N; i++) {
		ck_assert_int_eq(got[i], i + (long)(i % 37) * (i % 37 + 1) / 2);
		ucc_slice_release(&many[i]);
	}
	ck_assert_int_gt(switches, N * 5);
}
END_TEST

/* ---- every slice length, copied exactly ---------------------------- */

/* Two tasklets switch straight to each other, each with an array of
 * `len` bytes on its stack that it refills before every switch and
 * checks after it: a slice copied a byte short, too far, from the other
 * one's buffer or stale fails.  Every length from nothing to past the
 * points where the copy changes method (x86_64: 64 bytes a round, then
 * 16 at a time, up to 1 KiB without AVX and 6 KiB with it; rep movsb
 * beyond), so every copy loop runs with every count of rounds and
 * remainder; on a base on the thread's stack and on a shared one. */
enum { LEN_MAX = 6400, LEN_ROUNDS = 3 };
static ucc_slice_t len_task[2];
static size_t len_of[2];
static int len_done[2];

static unsigned char
len_byte(int id, int round, size_t i)
{
	return (unsigned char)(i * 31 + (size_t)id * 101 + (size_t)round * 7 + (i >> 8));
}

static void
len_body(void *arg)
{
	int id = (int)(intptr_t)arg;
	size_t n = len_of[id];
	volatile unsigned char *a = alloca(n + 1);
	for (int r = 0; r < LEN_ROUNDS; r++) {
		for (size_t i = 0; i < n; i++)
			a[i] = len_byte(id, r, i);
		ck_assert_int_eq(ucc_slice_swap(&len_task[id], &len_task[!id]), 0);
		for (size_t i = 0; i < n; i++)
			if (a[i] != len_byte(id, r, i))
				ck_abort_msg("tasklet %d, %zu bytes: byte %zu wrong after round %d",
					     id, n, i, r);
	}
	len_done[id] = 1;
}

/* home: where the tasklets start from and return to */
static void __attribute__((noinline))
every_length_on(ucc_base_t *b, ucc_slice_t *home)
{
	/* every length to 1344, then every 208 bytes (odd rounds of 16:
	 * every remainder) past 6 KiB; the other one, another length */
	for (size_t n = 0; n <= LEN_MAX; n += n < 1344 ? 16 : 208) {
		len_of[0] = n;
		len_of[1] = n * 5 % 1360;
		len_done[0] = len_done[1] = 0;
		for (int id = 0; id < 2; id++)
			ck_assert_int_eq(ucc_slice_make(&len_task[id], b, len_body,
							(void *)(intptr_t)id, home), 0);
		/* 0 runs its last round and returns; 1 waits in its last swap */
		ck_assert_int_eq(ucc_slice_swap(home, &len_task[0]), 0);
		ck_assert_int_eq(len_done[0], 1);
		ck_assert_int_eq(ucc_slice_swap(home, &len_task[1]), 0);
		ck_assert_int_eq(len_done[1], 1);
		ucc_slice_release(&len_task[0]);
		ucc_slice_release(&len_task[1]);
	}
}

START_TEST(every_slice_length_copied_exactly)
{
	/* on the thread's stack, the caller sliced at the base */
	ck_assert_int_eq(ucc_base_init(&base), 0);
	ucc_slice_init(&sched, &base);
	every_length_on(&base, &sched);
	ucc_slice_release(&sched);
	ucc_base_release(&base);

	/* on a shared stack, the caller an ordinary context off it */
	stack_t ss;
	ucc_base_t shared;
	static ucontext_t home_uc;
	static ucc_slice_t home;
	ck_assert_int_eq(ucc_stack_alloc(&ss, 64 * 1024), 0);
	ck_assert_int_eq(ucc_base_init_stack(&shared, &ss), 0);
	ucc_slice_wrap(&home, &home_uc);
	every_length_on(&shared, &home);
	ucc_base_release(&shared);
	ck_assert_int_eq(ucc_stack_free(&ss), 0);
}
END_TEST

/* ---- mixing sliced and ordinary contexts ---------------------------- */

static ucontext_t own_uc;
static ucc_slice_t own, mixed_task;
static int trail_n;
static char trail[16];

static void
own_stack_body(void)
{
	for (;;) {
		trail[trail_n++] = 'o';
		/* from an ordinary context on its own stack into a slice */
		ck_assert_int_eq(ucc_slice_swap(&own, &mixed_task), 0);
	}
}

static void
mixed_body(void *arg)
{
	(void)arg;
	volatile long local = 42;
	trail[trail_n++] = 's';
	ck_assert_int_eq(ucc_slice_swap(&mixed_task, &own), 0);	/* sliced -> ordinary */
	trail[trail_n++] = 's';
	ck_assert_int_eq(ucc_slice_swap(&mixed_task, &sched), 0);	/* sliced -> sliced */
	trail[trail_n++] = 's';
	ck_assert_int_eq(local, 42);
}

START_TEST(sliced_and_ordinary_mix)
{
	struct tstack st;
	tstack_alloc(&st, 64 * 1024);
	ck_assert_int_eq(ucc_base_init(&base), 0);
	ucc_slice_init(&sched, &base);
	make_ctx(&own_uc, &st, NULL, own_stack_body);
	ucc_slice_wrap(&own, &own_uc);
	/* the base frame, saved as an ordinary context, is the task's link */
	static ucontext_t main_uc;
	static ucc_slice_t main_plain;
	ucc_slice_wrap(&main_plain, &main_uc);
	ck_assert_int_eq(ucc_slice_make(&mixed_task, &base, mixed_body, NULL, &main_plain), 0);
	trail_n = 0;
	ck_assert_int_eq(ucc_slice_swap(&sched, &mixed_task), 0);	/* s, o, s */
	ck_assert_int_eq(ucc_slice_swap(&main_plain, &mixed_task), 0);	/* s, back via link */
	trail[trail_n] = 0;
	ck_assert_str_eq(trail, "soss");
	ucc_slice_release(&mixed_task);
	ucc_slice_release(&sched);
	tstack_free(&st);
}
END_TEST

/* Each sliced context keeps its floating-point state: the x87 control
 * word and all of MXCSR, exception flags included, as an ordinary one. */
static struct fpctl task_fp;

static void
fp_body(void *arg)
{
	(void)arg;
	arch_set_fpctl(&arch_fpctl_b);
	arch_raise_divbyzero();
	for (;;) {
		arch_get_fpctl(&task_fp);
		ucc_slice_swap(&task[0], &sched);
	}
}

START_TEST(fp_state_per_sliced_context)
{
	struct fpctl saved, now;
	arch_get_fpctl(&saved);
	ck_assert_int_eq(ucc_base_init(&base), 0);
	ucc_slice_init(&sched, &base);
	ck_assert_int_eq(ucc_slice_make(&task[0], &base, fp_body, NULL, &sched), 0);
	arch_set_fpctl(&arch_fpctl_a);
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(ucc_slice_swap(&sched, &task[0]), 0);
		ck_assert(arch_fpctl_same_control(&task_fp, &arch_fpctl_b));
		ck_assert_uint_eq(arch_fpctl_flags(&task_fp), ARCH_FP_ZE);
		arch_get_fpctl(&now);
		ck_assert(arch_fpctl_same_control(&now, &arch_fpctl_a));
		ck_assert_uint_eq(arch_fpctl_flags(&now), 0);
	}
	arch_set_fpctl(&saved);
	ucc_slice_release(&task[0]);
}
END_TEST

/* ---- errors: -1, errno, both contexts intact ------------------------ */

static void
nothing(void *arg)
{
	(void)arg;
}

static void
yield_forever(void *arg)
{
	ucc_slice_t *self = arg;
	for (;;)
		ucc_slice_swap(self, &sched);
}

START_TEST(null_pointers_are_efault)
{
	ucc_slice_t s;
	ucc_slice_init(&s, NULL);
	errno = 0;
	ck_assert_int_eq(ucc_slice_swap(NULL, &s), -1);
	ck_assert_int_eq(errno, EFAULT);
	errno = 0;
	ck_assert_int_eq(ucc_slice_swap(&s, NULL), -1);
	ck_assert_int_eq(errno, EFAULT);
	errno = 0;
	ck_assert_int_eq(ucc_slice_set(NULL), -1);
	ck_assert_int_eq(errno, EFAULT);
	errno = 0;
	ck_assert_int_eq(ucc_base_init(NULL), -1);
	ck_assert_int_eq(errno, EFAULT);
	errno = 0;
	ck_assert_int_eq(ucc_slice_make(NULL, &base, nothing, NULL, NULL), -1);
	ck_assert_int_eq(errno, EFAULT);
}
END_TEST

START_TEST(unresumable_targets_are_einval)
{
	ucc_slice_t fresh, finished, released, plain;
	ucontext_t zero;
	memset(&zero, 0, sizeof zero);
	ck_assert_int_eq(ucc_base_init(&base), 0);
	ucc_slice_init(&sched, &base);
	ucc_slice_init(&fresh, &base);		/* never saved */
	ucc_slice_init(&finished, &base);
	ucc_slice_init(&released, &base);
	ck_assert_int_eq(ucc_slice_make(&finished, &base, nothing, NULL, &sched), 0);
	ck_assert_int_eq(ucc_slice_swap(&sched, &finished), 0);	/* runs, returns */
	ck_assert_int_eq(ucc_slice_make(&released, &base, nothing, NULL, &sched), 0);
	ucc_slice_release(&released);
	ucc_slice_wrap(&plain, &zero);		/* an ordinary, never saved */

	ucc_slice_t *bad[] = { &fresh, &finished, &released, &plain };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		errno = 0;
		ck_assert_int_eq(ucc_slice_swap(&sched, bad[i]), -1);
		ck_assert_int_eq(errno, EINVAL);
		errno = 0;
		ck_assert_int_eq(ucc_slice_set(bad[i]), -1);
		ck_assert_int_eq(errno, EINVAL);
	}
	errno = 0;
	ck_assert_int_eq(ucc_slice_make(&fresh, &base, NULL, NULL, &sched), -1);
	ck_assert_int_eq(errno, EINVAL);
	ucc_slice_release(&finished);
	ucc_slice_release(&sched);
}
END_TEST

START_TEST(released_base_is_einval)
{
	ck_assert_int_eq(ucc_base_init(&base), 0);
	ucc_slice_init(&sched, &base);
	ck_assert_int_eq(ucc_slice_make(&task[0], &base, yield_forever, &task[0], &sched), 0);
	ck_assert_int_eq(ucc_slice_swap(&sched, &task[0]), 0);
	ucc_base_release(&base);
	errno = 0;
	ck_assert_int_eq(ucc_slice_swap(&sched, &task[0]), -1);
	ck_assert_int_eq(errno, EINVAL);
	errno = 0;
	ck_assert_int_eq(ucc_slice_make(&task[1], &base, nothing, NULL, &sched), -1);
	ck_assert_int_eq(errno, EINVAL);
	ucc_slice_release(&task[0]);
}
END_TEST

/* A base whose frame returned: resuming from a shallower frame refuses.
 * The frame is large, so its caller runs more than UCC_BASE_SLACK above. */
static void __attribute__((noinline))
base_that_returns(void)
{
	volatile char frame[2 * UCC_BASE_SLACK];
	for (size_t i = 0; i < sizeof frame; i++)	/* all of it, or clang */
		frame[i] = 0;				/* keeps one byte */
	ck_assert_int_eq(ucc_base_init(&base), 0);
	ucc_slice_init(&sched, &base);
	ck_assert_int_eq(ucc_slice_make(&task[0], &base, yield_forever, &task[0], &sched), 0);
	ck_assert_int_eq(ucc_slice_swap(&sched, &task[0]), 0);
	(void)frame[0];
}

START_TEST(returned_base_is_einval)
{
	base_that_returns();
	errno = 0;
	ck_assert_int_eq(ucc_slice_set(&task[0]), -1);
	ck_assert_int_eq(errno, EINVAL);
	ucc_slice_release(&task[0]);
}
END_TEST

/* A base on thread A: thread B may not resume its slices. */
static pthread_barrier_t bar;
static int b_result, b_errno;

static void *
thread_b(void *arg)
{
	(void)arg;
	pthread_barrier_wait(&bar);		/* A has suspended task 0 */
	errno = 0;
	b_result = ucc_slice_set(&task[0]);
	b_errno = errno;
	pthread_barrier_wait(&bar);
	return NULL;
}

START_TEST(another_threads_base_is_einval)
{
	pthread_t b;
	ck_assert_int_eq(pthread_barrier_init(&bar, NULL, 2), 0);
	ck_assert_int_eq(pthread_create(&b, NULL, thread_b, NULL), 0);
	ck_assert_int_eq(ucc_base_init(&base), 0);
	ucc_slice_init(&sched, &base);
	ck_assert_int_eq(ucc_slice_make(&task[0], &base, yield_forever, &task[0], &sched), 0);
	ck_assert_int_eq(ucc_slice_swap(&sched, &task[0]), 0);
	pthread_barrier_wait(&bar);
	pthread_barrier_wait(&bar);
	ck_assert_int_eq(b_result, -1);
	ck_assert_int_eq(b_errno, EINVAL);
	/* still ours to resume */
	ck_assert_int_eq(ucc_slice_swap(&sched, &task[0]), 0);
	pthread_join(b, NULL);
	ucc_slice_release(&task[0]);
}
END_TEST

START_TEST(slice_larger_than_the_stack_is_erange)
{
	ck_assert_int_eq(ucc_base_init(&base), 0);
	ucc_slice_init(&sched, &base);
	ck_assert_int_eq(ucc_slice_make(&task[0], &base, yield_forever, &task[0], &sched), 0);
	ck_assert_int_eq(ucc_slice_swap(&sched, &task[0]), 0);
	/* a copy claiming to reach below the stack's lowest address */
	ucc_slice_t huge = task[0];
	huge.len = base.sp - base.lo + 4096;
	huge.sp = base.sp - huge.len;
	errno = 0;
	ck_assert_int_eq(ucc_slice_swap(&sched, &huge), -1);
	ck_assert_int_eq(errno, ERANGE);
	ck_assert_int_eq(ucc_slice_swap(&sched, &task[0]), 0);	/* intact */
	ucc_slice_release(&task[0]);
}
END_TEST

static int fail_allocations;

static void *
flaky_realloc(void *p, size_t n)
{
	return fail_allocations ? NULL : realloc(p, n);
}

static int grew, failed_once;

/* A yield from 8 KiB deeper, which needs a bigger buffer. */
static void __attribute__((noinline))
yield_deep(void)
{
	volatile char big[8192];
	big[0] = 1;
	errno = 0;
	if (ucc_slice_swap(&task[0], &sched) == -1) {
		ck_assert_int_eq(errno, ENOMEM);
		failed_once = 1;
		fail_allocations = 0;	/* and try again */
		ck_assert_int_eq(ucc_slice_swap(&task[0], &sched), 0);
	}
	grew = 1;
	(void)big[0];
}

static void
grows_then_yields(void *arg)
{
	(void)arg;
	ucc_slice_swap(&task[0], &sched);	/* a small slice first */
	for (;;)
		yield_deep();
}

START_TEST(failed_allocation_is_enomem_and_resumable)
{
	ucc_slice_allocator(flaky_realloc, free);
	ck_assert_int_eq(ucc_base_init(&base), 0);
	ucc_slice_init(&sched, &base);
	fail_allocations = 1;
	errno = 0;
	ck_assert_int_eq(ucc_slice_make(&task[0], &base, grows_then_yields, NULL, &sched), -1);
	ck_assert_int_eq(errno, ENOMEM);
	fail_allocations = 0;
	ck_assert_int_eq(ucc_slice_make(&task[0], &base, grows_then_yields, NULL, &sched), 0);
	ck_assert_int_eq(ucc_slice_swap(&sched, &task[0]), 0);	/* buffers for both */
	fail_allocations = 1;
	grew = failed_once = 0;
	/* the task's next save needs a bigger buffer: it fails with ENOMEM,
	 * the task keeps running, retries, and comes back */
	ck_assert_int_eq(ucc_slice_swap(&sched, &task[0]), 0);
	ck_assert_int_eq(failed_once, 1);
	ck_assert_int_eq(ucc_slice_swap(&sched, &task[0]), 0);
	ck_assert_int_eq(grew, 1);	/* it resumed after its retried save */
	ucc_slice_allocator(NULL, NULL);
	ucc_slice_release(&task[0]);
}
END_TEST

static ucc_slice_t below_plain;
static ucontext_t below_uc;
static int below_result, below_errno;

static void
saves_itself_as_ordinary(void *arg)
{
	(void)arg;
	ucc_slice_wrap(&below_plain, &below_uc);
	errno = 0;
	below_result = ucc_slice_swap(&below_plain, &task[1]);
	below_errno = errno;
	ucc_slice_swap(&task[0], &sched);
}

START_TEST(ordinary_save_below_the_base_is_einval)
{
	/* Code running below the base cannot be saved as an ordinary context
	 * while a slice is restored over it. */
	ck_assert_int_eq(ucc_base_init(&base), 0);
	ucc_slice_init(&sched, &base);
	ck_assert_int_eq(ucc_slice_make(&task[1], &base, yield_forever, &task[1], &sched), 0);
	ck_assert_int_eq(ucc_slice_make(&task[0], &base, saves_itself_as_ordinary, NULL, &sched), 0);
	ck_assert_int_eq(ucc_slice_swap(&sched, &task[0]), 0);
	ck_assert_int_eq(below_result, -1);
	ck_assert_int_eq(below_errno, EINVAL);
	ucc_slice_release(&task[0]);
	ucc_slice_release(&task[1]);
}
END_TEST

static void
base_on_own_stack(void)
{
	ucc_base_t b;
	errno = 0;
	below_result = ucc_base_init(&b);
	below_errno = errno;
}

START_TEST(base_off_the_thread_stack_is_einval)
{
	struct tstack st;
	static ucontext_t m, c;
	tstack_alloc(&st, 64 * 1024);
	make_ctx(&c, &st, &m, base_on_own_stack);
	ck_assert_int_eq(ucc_swapcontext(&m, &c), 0);
	ck_assert_int_eq(below_result, -1);
	ck_assert_int_eq(below_errno, EINVAL);
	tstack_free(&st);
}
END_TEST

/* ---- links ---------------------------------------------------------- */

START_TEST(null_link_exits_zero)
{
	ck_assert_int_eq(ucc_base_init(&base), 0);
	ucc_slice_init(&sched, &base);
	ck_assert_int_eq(ucc_slice_make(&task[0], &base, nothing, NULL, NULL), 0);
	ucc_slice_swap(&sched, &task[0]);
	ck_abort_msg("the task did not run");
}
END_TEST

START_TEST(unresumable_link_exits_255)
{
	static ucc_slice_t never;
	ck_assert_int_eq(ucc_base_init(&base), 0);
	ucc_slice_init(&sched, &base);
	ucc_slice_init(&never, &base);
	ck_assert_int_eq(ucc_slice_make(&task[0], &base, nothing, NULL, &never), 0);
	ucc_slice_swap(&sched, &task[0]);
	ck_abort_msg("the task did not run");
}
END_TEST

#ifdef UCC_TEST_NARROW_COPY
/* test_slice_narrow: linked statically, so the library's own switch is
 * in reach (lib/hwcap.c).  Its probe must agree with the compiler's. */
extern unsigned char __ucc_copy_wide;

static void
copy_narrow(void)
{
	__builtin_cpu_init();
	if (__ucc_copy_wide != (__builtin_cpu_supports("avx") ? 1 : 0)) {
		printf("the AVX probe says %d, the compiler's %d\n",
		       __ucc_copy_wide, __builtin_cpu_supports("avx") ? 1 : 0);
		exit(1);
	}
	printf("slices copied 16 bytes at a time (this CPU %s AVX)\n",
	       __ucc_copy_wide ? "has" : "lacks");
	__ucc_copy_wide = 0;
}
#endif

int
main(void)
{
#ifdef UCC_TEST_NARROW_COPY
	copy_narrow();
	Suite *s = suite_create("slice, 16-byte copies");
#else
	Suite *s = suite_create("slice");
#endif
	TCase *tc = tcase("stack tops");
	tcase_add_test(tc, current_sp_is_the_callers);
	tcase_add_test(tc, current_sp_deeper_in_a_callee);
	tcase_add_test(tc, context_sp_of_every_kind);
	tcase_add_test(tc, context_sp_in_a_signal_handler);
	suite_add_tcase(s, tc);

	tc = tcase("tasklets");
	tcase_add_test(tc, locals_survive_slicing);
	tcase_add_test(tc, deep_recursion_survives_slicing);
	tcase_add_test(tc, slice_restored_after_the_stack_was_reused);
	tcase_add_test(tc, ten_thousand_tasklets);
	tcase_add_test(tc, sliced_and_ordinary_mix);
	tcase_add_test(tc, every_slice_length_copied_exactly);
#ifdef HAVE_VALGRIND_VALGRIND_H
	/* valgrind emulates only the default rounding and precision (so
	 * make check-valgrind leaves test_fpu out): not run, not counted */
	if (RUNNING_ON_VALGRIND)
		printf("under valgrind: fp_state_per_sliced_context not run\n");
	else
#endif
		tcase_add_test(tc, fp_state_per_sliced_context);
	suite_add_tcase(s, tc);

	tc = tcase("errors");
	tcase_add_test(tc, null_pointers_are_efault);
	tcase_add_test(tc, unresumable_targets_are_einval);
	tcase_add_test(tc, released_base_is_einval);
	tcase_add_test(tc, returned_base_is_einval);
	tcase_add_test(tc, another_threads_base_is_einval);
	tcase_add_test(tc, slice_larger_than_the_stack_is_erange);
	tcase_add_test(tc, failed_allocation_is_enomem_and_resumable);
	tcase_add_test(tc, ordinary_save_below_the_base_is_einval);
	tcase_add_test(tc, base_off_the_thread_stack_is_einval);
	suite_add_tcase(s, tc);

	tc = tcase("links");
	tcase_add_exit_test(tc, null_link_exits_zero, 0);
	tcase_add_exit_test(tc, unresumable_link_exits_255, 255);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
