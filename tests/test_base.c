/* Base contexts, part 2: bases on stacks the caller provides (a shared
 * stack, libaco's shape, and the stack of a context of its own), several
 * per thread, nested; the copies a shared stack leaves out; what a
 * scheduler can ask of a sliced context in every state; allocators per
 * base; and the corner cases ucc_slice_swap(3) defines. */
#include "util.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static ucc_slice_t sched;	/* the scheduler: ordinary, on the thread's stack */
static ucontext_t sched_uc;

/* A tasklet: n rounds, each checking a frame of locals and yielding. */
struct job {
	ucc_slice_t *self, *to;	/* to: where it yields (NULL: &sched) */
	int id, n;
	long sum;
};

static void __attribute__((noinline))
rounds(struct job *j)
{
	volatile long mine[8];
	for (int k = 0; k < 8; k++)
		mine[k] = j->id * 7919L + k;
	for (int i = 0; i < j->n; i++) {
		for (int k = 0; k < 8; k++)
			ck_assert_int_eq(mine[k], j->id * 7919L + k);
		j->sum += i;
		ck_assert_int_eq(ucc_slice_swap(j->self, j->to ? j->to : &sched), 0);
	}
}

static void
run_job(void *arg)
{
	rounds(arg);
}

static long
want(const struct job *j)
{
	return (long)j->n * (j->n - 1) / 2;
}

/* Round robin, saving the scheduler into from, until all n have
 * finished; after each resume, then(), if given. */
static void
round_robin_from(ucc_slice_t *from, ucc_slice_t *t, int n, void (*then)(void))
{
	for (int alive = n; alive > 0;) {
		alive = 0;
		for (int i = 0; i < n; i++) {
			if (ucc_slice_state(&t[i]) == UCC_SLICE_FINISHED)
				continue;
			alive++;
			ck_assert_int_eq(ucc_slice_swap(from, &t[i]), 0);
			if (then != NULL)
				then();
		}
	}
}

/* The same from the ordinary scheduler. */
static void
round_robin(ucc_slice_t *t, int n)
{
	round_robin_from(&sched, t, n, NULL);
}

static stack_t
shared_stack(size_t size)
{
	stack_t ss;
	ck_assert_int_eq(ucc_stack_alloc(&ss, size), 0);
	return ss;
}

/* ---- shared stacks ------------------------------------------------ */

START_TEST(shared_stack_round_robin)
{
	enum { N = 4 };
	ucc_base_t b;
	ucc_slice_t t[N];
	struct job j[N];
	stack_t ss = shared_stack(64 * 1024);
	ck_assert_int_eq(ucc_base_init_stack(&b, &ss), 0);
	ucc_slice_wrap(&sched, &sched_uc);
	for (int i = 0; i < N; i++) {
		j[i] = (struct job){ &t[i], NULL, i, 3 + 5 * i, 0 };
		ucc_slice_init(&t[i], &b);
		ck_assert_int_eq(ucc_slice_make(&t[i], &b, run_job, &j[i], &sched), 0);
	}
	round_robin(t, N);
	for (int i = 0; i < N; i++) {
		ck_assert_int_eq(j[i].sum, want(&j[i]));
		ucc_slice_release(&t[i]);
	}
	ucc_base_release(&b);
	ck_assert_int_eq(ucc_stack_free(&ss), 0);
}
END_TEST

/* Scribble over the stack bytes a suspended context keeps in its buffer
 * (not the registers some ports keep at the buffer's head). */
static void
scribble_buffer(ucc_slice_t *s)
{
	size_t bytes = ucc_slice_size(s);
	memset(s->buf + (s->len - bytes), 0xee, bytes);
}

START_TEST(shared_stack_copies_only_when_needed)
{
	ucc_base_t b;
	ucc_slice_t t[2];
	struct job j[2] = { { &t[0], NULL, 1, 6, 0 }, { &t[1], NULL, 2, 6, 0 } };
	stack_t ss = shared_stack(64 * 1024);
	ck_assert_int_eq(ucc_base_init_stack(&b, &ss), 0);
	ucc_slice_wrap(&sched, &sched_uc);
	for (int i = 0; i < 2; i++) {
		ucc_slice_init(&t[i], &b);
		ck_assert_int_eq(ucc_slice_make(&t[i], &b, run_job, &j[i], &sched), 0);
	}
	/* Ping-pong with t[0] alone: it yields to a scheduler on another
	 * stack, so its bytes stay where they are and are never copied:
	 * what its buffer holds is not read back. */
	ck_assert_int_eq(ucc_slice_swap(&sched, &t[0]), 0);
	for (int k = 0; k < 2; k++) {
		ck_assert_int_eq(t[0].inplace, 1);
		scribble_buffer(&t[0]);
		ck_assert_int_eq(ucc_slice_swap(&sched, &t[0]), 0);
	}
	/* Resuming t[1] copies t[0] out first; t[1]'s run overwrites the
	 * stack, and t[0] comes back from its buffer. */
	ck_assert_int_eq(ucc_slice_swap(&sched, &t[1]), 0);
	ck_assert_int_eq(t[0].inplace, 0);
	ck_assert_int_eq(t[1].inplace, 1);
	round_robin(t, 2);
	ck_assert_int_eq(j[0].sum, want(&j[0]));
	ck_assert_int_eq(j[1].sum, want(&j[1]));
	ucc_slice_release(&t[0]);
	ucc_slice_release(&t[1]);
	ck_assert_int_eq(ucc_stack_free(&ss), 0);
}
END_TEST

/* Two shared stacks and a base on the thread's own stack, all at once:
 * several bases per thread. */
static ucc_base_t tb;
static ucc_slice_t tsched;	/* the thread-stack base's own scheduler */

static void
thread_base_tasks(void *arg)
{
	struct job *jobs = arg;		/* jobs[0..1] run on tb */
	static ucc_slice_t tt[2];	/* not in this frame: below the base */
	for (int i = 0; i < 2; i++) {
		jobs[i].self = &tt[i];
		jobs[i].to = &tsched;
		ucc_slice_init(&tt[i], &tb);
		ck_assert_int_eq(ucc_slice_make(&tt[i], &tb, run_job, &jobs[i], &tsched), 0);
	}
	round_robin_from(&tsched, tt, 2, NULL);
	for (int i = 0; i < 2; i++)
		ucc_slice_release(&tt[i]);
}

START_TEST(several_bases_per_thread)
{
	ucc_base_t b1, b2;
	ucc_slice_t t[4];
	struct job j[6];
	stack_t s1 = shared_stack(64 * 1024), s2 = shared_stack(32 * 1024);
	ck_assert_int_eq(ucc_base_init_stack(&b1, &s1), 0);
	ck_assert_int_eq(ucc_base_init_stack(&b2, &s2), 0);
	ucc_slice_wrap(&sched, &sched_uc);
	for (int i = 0; i < 4; i++) {
		ucc_base_t *b = i % 2 ? &b2 : &b1;
		j[i] = (struct job){ &t[i], NULL, 10 + i, 4 + i, 0 };
		ucc_slice_init(&t[i], b);
		ck_assert_int_eq(ucc_slice_make(&t[i], b, run_job, &j[i], &sched), 0);
	}
	/* interleaved, so that each shared stack changes hands */
	round_robin(t, 4);
	/* and a base on the thread's own stack, with its own scheduler */
	ck_assert_int_eq(ucc_base_init(&tb), 0);
	ucc_slice_init(&tsched, &tb);
	j[4] = (struct job){ NULL, NULL, 20, 9, 0 };
	j[5] = (struct job){ NULL, NULL, 21, 4, 0 };
	thread_base_tasks(&j[4]);
	ucc_base_release(&tb);
	for (int i = 0; i < 6; i++)
		ck_assert_int_eq(j[i].sum, want(&j[i]));
	for (int i = 0; i < 4; i++)
		ucc_slice_release(&t[i]);
	ucc_slice_release(&tsched);
	ck_assert_int_eq(ucc_stack_free(&s1), 0);
	ck_assert_int_eq(ucc_stack_free(&s2), 0);
}
END_TEST

/* ---- a base inside a context with a stack of its own ---------------- */

static ucontext_t main_uc, own_uc;
static int own_errno, own_ok;

static void
own_stack_context(void)
{
	ucc_base_t b;
	ucc_slice_t t[3];
	struct job j[3];
	errno = 0;
	own_ok = ucc_base_init(&b) == -1;	/* not the thread's stack */
	own_errno = errno;
	ck_assert_int_eq(ucc_base_init_stack(&b, &own_uc.uc_stack), 0);
	ucc_slice_init(&tsched, &b);	/* the context itself, at the base */
	for (int i = 0; i < 3; i++) {
		j[i] = (struct job){ &t[i], &tsched, 30 + i, 5 * i + 1, 0 };
		ucc_slice_init(&t[i], &b);
		ck_assert_int_eq(ucc_slice_make(&t[i], &b, run_job, &j[i], &tsched), 0);
	}
	round_robin_from(&tsched, t, 3, NULL);
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(j[i].sum, want(&j[i]));
		ucc_slice_release(&t[i]);
	}
	ucc_slice_release(&tsched);
	ucc_base_release(&b);
	own_ok = own_ok && own_errno == EINVAL ? 2 : -1;
}

START_TEST(base_inside_a_context_with_its_own_stack)
{
	struct tstack st;
	tstack_alloc(&st, 128 * 1024);
	make_ctx(&own_uc, &st, &main_uc, own_stack_context);
	ck_assert_int_eq(ucc_swapcontext(&main_uc, &own_uc), 0);
	ck_assert_int_eq(own_ok, 2);
	tstack_free(&st);
}
END_TEST

/* ---- nested bases --------------------------------------------------- */

static ucc_base_t outer, inner;
static ucc_slice_t osched, ot[2], maker_in, it[2];
static int refused_errno, outer_refused;

/* An inner tasklet: yields to the maker, and once tries to resume a
 * context of the outer base on the same stack, which is refused. */
static void
inner_job(void *arg)
{
	struct job *j = arg;
	errno = 0;
	if (ucc_slice_swap(j->self, &ot[1]) == -1) {
		refused_errno = errno;
		outer_refused++;
	}
	rounds(j);
}

static void
outer_turn(void)
{
	ck_assert_int_eq(ucc_slice_swap(&ot[0], &osched), 0);
}

/* An outer tasklet that makes a base below itself and runs two inner
 * tasklets on it, then yields to the outer scheduler. */
static void
maker_job(void *arg)
{
	struct job *ij = arg;
	ck_assert_int_eq(ucc_base_init(&inner), 0);
	ucc_slice_init(&maker_in, &inner);
	for (int i = 0; i < 2; i++) {
		ij[i].self = &it[i];
		ij[i].to = &maker_in;
		ucc_slice_init(&it[i], &inner);
		ck_assert_int_eq(ucc_slice_make(&it[i], &inner, inner_job, &ij[i], &maker_in), 0);
	}
	/* between inner rounds, the outer world goes on */
	round_robin_from(&maker_in, it, 2, outer_turn);
	for (int i = 0; i < 2; i++)
		ucc_slice_release(&it[i]);
	ucc_slice_release(&maker_in);
	ucc_base_release(&inner);
}

START_TEST(nested_bases)
{
	struct job ij[2] = { { 0, 0, 40, 3, 0 }, { 0, 0, 41, 7, 0 } };
	struct job other = { &ot[1], &osched, 42, 30, 0 };
	ck_assert_int_eq(ucc_base_init(&outer), 0);
	ucc_slice_init(&osched, &outer);
	ucc_slice_init(&ot[0], &outer);
	ucc_slice_init(&ot[1], &outer);
	ck_assert_int_eq(ucc_slice_make(&ot[0], &outer, maker_job, ij, &osched), 0);
	ck_assert_int_eq(ucc_slice_make(&ot[1], &outer, run_job, &other, &osched), 0);
	round_robin_from(&osched, ot, 2, NULL);
	ck_assert_int_eq(outer_refused, 2);
	ck_assert_int_eq(refused_errno, EINVAL);
	ck_assert_int_eq(ij[0].sum, want(&ij[0]));
	ck_assert_int_eq(ij[1].sum, want(&ij[1]));
	ck_assert_int_eq(other.sum, want(&other));
	ucc_slice_release(&ot[0]);
	ucc_slice_release(&ot[1]);
	ucc_slice_release(&osched);
	ucc_base_release(&outer);
}
END_TEST

/* ---- what a scheduler can ask ---------------------------------------- */

static int seen_state;
static size_t seen_size;
static void *seen_sp;

static void
asks_about_itself(void *arg)
{
	ucc_slice_t *self = arg;
	seen_state = ucc_slice_state(self);
	seen_size = ucc_slice_size(self);
	seen_sp = ucc_slice_sp(self);
	ck_assert_int_eq(ucc_slice_swap(self, &sched), 0);
}

START_TEST(state_size_and_sp_in_every_state)
{
	ucc_base_t b;
	ucc_slice_t s;
	stack_t ss = shared_stack(64 * 1024);
	uintptr_t top = (uintptr_t)ss.ss_sp + ss.ss_size;
	ck_assert_int_eq(ucc_slice_state(NULL), UCC_SLICE_EMPTY);
	ck_assert_int_eq(ucc_base_init_stack(&b, &ss), 0);
	ucc_slice_wrap(&sched, &sched_uc);

	ucc_slice_init(&s, &b);
	ck_assert_int_eq(ucc_slice_state(&s), UCC_SLICE_EMPTY);
	ck_assert_uint_eq(ucc_slice_size(&s), 0);
	ck_assert_ptr_null(ucc_slice_sp(&s));

	ck_assert_int_eq(ucc_slice_make(&s, &b, asks_about_itself, &s, &sched), 0);
	ck_assert_int_eq(ucc_slice_state(&s), UCC_SLICE_READY);
	ck_assert_ptr_nonnull(ucc_slice_sp(&s));
	ck_assert_uint_eq((uintptr_t)ucc_slice_sp(&s) + ucc_slice_size(&s), top);

	ck_assert_int_eq(ucc_slice_swap(&sched, &s), 0);
	ck_assert_int_eq(seen_state, UCC_SLICE_RUNNING);
	ck_assert_uint_eq(seen_size, 0);
	ck_assert_ptr_null(seen_sp);
	ck_assert_int_eq(ucc_slice_state(&s), UCC_SLICE_SUSPENDED);
	ck_assert_uint_gt(ucc_slice_size(&s), 0);
	ck_assert_uint_eq((uintptr_t)ucc_slice_sp(&s) + ucc_slice_size(&s), top);
	/* the scheduler, resumed, is running */
	ck_assert_int_eq(ucc_slice_state(&sched), UCC_SLICE_RUNNING);
	ck_assert_ptr_null(ucc_slice_sp(&sched));

	ck_assert_int_eq(ucc_slice_swap(&sched, &s), 0);	/* returns */
	ck_assert_int_eq(ucc_slice_state(&s), UCC_SLICE_FINISHED);
	ck_assert_uint_eq(ucc_slice_size(&s), 0);
	ck_assert_ptr_null(ucc_slice_sp(&s));

	ucc_slice_release(&s);
	ck_assert_int_eq(ucc_slice_state(&s), UCC_SLICE_RELEASED);
	ck_assert_ptr_null(ucc_slice_sp(&s));

	/* an ordinary context: as its ucontext_t */
	ucontext_t uc;
	ucc_slice_t w;
	memset(&uc, 0, sizeof uc);
	ucc_slice_wrap(&w, &uc);
	ck_assert_int_eq(ucc_slice_state(&w), UCC_SLICE_EMPTY);
	ck_assert_int_eq(ucc_getcontext(&uc), 0);
	ck_assert_int_eq(ucc_slice_state(&w), UCC_SLICE_SUSPENDED);
	ck_assert_ptr_eq(ucc_slice_sp(&w), ucc_context_sp(&uc));
	ck_assert_uint_eq(ucc_slice_size(&w), 0);
	ucc_base_release(&b);
	ck_assert_int_eq(ucc_stack_free(&ss), 0);
}
END_TEST

/* ---- corner cases ----------------------------------------------------- */

static int self_swaps;

static void
swaps_with_itself(void *arg)
{
	ucc_slice_t *self = arg;
	volatile long mark = 0x5eed;
	ck_assert_int_eq(ucc_slice_swap(self, self), 0);
	ck_assert_int_eq(ucc_slice_state(self), UCC_SLICE_RUNNING);
	ck_assert_int_eq(mark, 0x5eed);
	self_swaps++;
}

START_TEST(swap_with_itself_returns_at_once)
{
	ucc_base_t b;
	ucc_slice_t s, w;
	ucontext_t uc;
	stack_t ss = shared_stack(64 * 1024);
	ck_assert_int_eq(ucc_base_init_stack(&b, &ss), 0);
	ucc_slice_wrap(&sched, &sched_uc);
	ucc_slice_init(&s, &b);
	ck_assert_int_eq(ucc_slice_make(&s, &b, swaps_with_itself, &s, &sched), 0);
	ck_assert_int_eq(ucc_slice_swap(&sched, &s), 0);
	ck_assert_int_eq(self_swaps, 1);
	ck_assert_int_eq(ucc_slice_state(&s), UCC_SLICE_FINISHED);
	/* an ordinary context too (its uc_stack zeroed: the running stack) */
	memset(&uc, 0, sizeof uc);
	ucc_slice_wrap(&w, &uc);
	ck_assert_int_eq(ucc_slice_swap(&w, &w), 0);
	ucc_slice_release(&s);
	ucc_base_release(&b);
	ck_assert_int_eq(ucc_stack_free(&ss), 0);
}
END_TEST

static void
yields_once(void *arg)
{
	ucc_slice_swap(arg, &sched);
}

START_TEST(zeroed_and_errno_order)
{
	ucc_base_t b;
	ucc_slice_t zero, s, huge;
	memset(&zero, 0, sizeof zero);
	ck_assert_int_eq(ucc_base_init(&b), 0);
	ucc_slice_wrap(&sched, &sched_uc);
	ucc_slice_init(&s, &b);
	ck_assert_int_eq(ucc_slice_make(&s, &b, yields_once, &s, &sched), 0);

	/* a zeroed ucc_slice_t: nothing to resume, nowhere to save */
	errno = 0;
	ck_assert_int_eq(ucc_slice_swap(&sched, &zero), -1);
	ck_assert_int_eq(errno, EINVAL);
	errno = 0;
	ck_assert_int_eq(ucc_slice_set(&zero), -1);
	ck_assert_int_eq(errno, EINVAL);
	errno = 0;
	ck_assert_int_eq(ucc_slice_swap(&zero, &s), -1);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_int_eq(ucc_slice_state(&s), UCC_SLICE_READY);	/* unchanged */

	/* NULL first, then to's errors, then from's */
	errno = 0;
	ck_assert_int_eq(ucc_slice_swap(NULL, &zero), -1);
	ck_assert_int_eq(errno, EFAULT);
	errno = 0;
	ck_assert_int_eq(ucc_slice_swap(&zero, NULL), -1);
	ck_assert_int_eq(errno, EFAULT);
	huge = s;		/* a copy claiming more than the stack holds */
	huge.len = b.sp - b.lo + 4096;
	huge.sp = b.sp - huge.len;
	errno = 0;
	ck_assert_int_eq(ucc_slice_swap(&zero, &huge), -1);
	ck_assert_int_eq(errno, ERANGE);

	ck_assert_int_eq(ucc_slice_swap(&sched, &s), 0);	/* all intact */
	ck_assert_int_eq(ucc_slice_swap(&sched, &s), 0);
	ck_assert_int_eq(ucc_slice_state(&s), UCC_SLICE_FINISHED);
	ucc_slice_release(&s);
	ucc_base_release(&b);
}
END_TEST

static ucc_slice_t bsched;	/* a scheduler sliced on the same base */

static void
abandons_itself(void *arg)
{
	ucc_slice_t *to = arg;
	volatile int here = 1;
	ucc_slice_set(to);
	ck_abort_msg("ucc_slice_set returned");
	(void)here;
}

START_TEST(abandoned_context_is_finished)
{
	ucc_base_t b, sb;
	ucc_slice_t x, y;
	struct job jy = { &y, NULL, 50, 2, 0 };
	stack_t ss = shared_stack(64 * 1024);

	/* on the thread's stack, leaving for a context of the same base:
	 * finished at once */
	ck_assert_int_eq(ucc_base_init(&b), 0);
	ucc_slice_init(&bsched, &b);
	ucc_slice_init(&x, &b);
	ck_assert_int_eq(ucc_slice_make(&x, &b, abandons_itself, &bsched, NULL), 0);
	ck_assert_int_eq(ucc_slice_swap(&bsched, &x), 0);
	ck_assert_int_eq(ucc_slice_state(&x), UCC_SLICE_FINISHED);
	errno = 0;
	ck_assert_int_eq(ucc_slice_swap(&bsched, &x), -1);
	ck_assert_int_eq(errno, EINVAL);
	ucc_slice_release(&bsched);
	ucc_base_release(&b);

	/* on a shared stack, leaving for a scheduler elsewhere: running
	 * (and not resumable) until another context of its base runs */
	ck_assert_int_eq(ucc_base_init_stack(&sb, &ss), 0);
	ucc_slice_wrap(&sched, &sched_uc);
	ucc_slice_init(&y, &sb);
	ck_assert_int_eq(ucc_slice_make(&x, &sb, abandons_itself, &sched, NULL), 0);
	ck_assert_int_eq(ucc_slice_make(&y, &sb, run_job, &jy, &sched), 0);
	ck_assert_int_eq(ucc_slice_swap(&sched, &x), 0);
	ck_assert_int_eq(ucc_slice_state(&x), UCC_SLICE_RUNNING);
	errno = 0;
	ck_assert_int_eq(ucc_slice_swap(&sched, &x), -1);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_int_eq(ucc_slice_swap(&sched, &y), 0);
	ck_assert_int_eq(ucc_slice_state(&x), UCC_SLICE_FINISHED);
	while (ucc_slice_state(&y) != UCC_SLICE_FINISHED)
		ck_assert_int_eq(ucc_slice_swap(&sched, &y), 0);
	ck_assert_int_eq(jy.sum, want(&jy));
	ucc_slice_release(&x);
	ucc_slice_release(&y);
	ucc_base_release(&sb);
	ck_assert_int_eq(ucc_stack_free(&ss), 0);
}
END_TEST

/* ---- allocators ------------------------------------------------------- */

static long calls[2], frees[2];

static void *realloc0(void *p, size_t n) { calls[0]++; return realloc(p, n); }
static void *realloc1(void *p, size_t n) { calls[1]++; return realloc(p, n); }
static void free0(void *p) { frees[0]++; free(p); }
static void free1(void *p) { frees[1]++; free(p); }

START_TEST(allocator_belongs_to_the_base)
{
	ucc_base_t b0, b1;
	ucc_slice_t s0, s1;
	struct job j0 = { &s0, NULL, 60, 3, 0 }, j1 = { &s1, NULL, 61, 3, 0 };
	stack_t ss = shared_stack(64 * 1024);
	ucc_slice_wrap(&sched, &sched_uc);
	/* the process-wide default is taken when a base is made */
	ucc_slice_allocator(realloc0, free0);
	ck_assert_int_eq(ucc_base_init(&b0), 0);
	ucc_slice_allocator(NULL, NULL);
	ck_assert_int_eq(ucc_base_init_stack(&b1, &ss), 0);
	ucc_base_allocator(&b1, realloc1, free1);
	ucc_slice_init(&s0, &b0);
	ucc_slice_init(&s1, &b1);
	ck_assert_int_eq(ucc_slice_make(&s0, &b0, run_job, &j0, &sched), 0);
	ck_assert_int_eq(ucc_slice_make(&s1, &b1, run_job, &j1, &sched), 0);
	ck_assert_int_gt(calls[0], 0);
	ck_assert_int_gt(calls[1], 0);
	while (ucc_slice_state(&s0) != UCC_SLICE_FINISHED ||
	       ucc_slice_state(&s1) != UCC_SLICE_FINISHED) {
		if (ucc_slice_state(&s0) != UCC_SLICE_FINISHED)
			ck_assert_int_eq(ucc_slice_swap(&sched, &s0), 0);
		if (ucc_slice_state(&s1) != UCC_SLICE_FINISHED)
			ck_assert_int_eq(ucc_slice_swap(&sched, &s1), 0);
	}
	ck_assert_int_eq(j0.sum, want(&j0));
	ck_assert_int_eq(j1.sum, want(&j1));
	ucc_base_release(&b0);
	ucc_base_release(&b1);
	/* released after their bases: freed by their bases' allocators */
	ucc_slice_release(&s0);
	ucc_slice_release(&s1);
	ck_assert_int_eq(frees[0], 1);
	ck_assert_int_eq(frees[1], 1);
	ck_assert_int_eq(ucc_stack_free(&ss), 0);
}
END_TEST

/* ---- bad input ---------------------------------------------------------- */

START_TEST(base_init_stack_bad_input)
{
	ucc_base_t b;
	stack_t ss = { 0 };
	errno = 0;
	ck_assert_int_eq(ucc_base_init_stack(NULL, &ss), -1);
	ck_assert_int_eq(errno, EFAULT);
	errno = 0;
	ck_assert_int_eq(ucc_base_init_stack(&b, NULL), -1);
	ck_assert_int_eq(errno, EFAULT);
	errno = 0;
	ck_assert_int_eq(ucc_base_init_stack(&b, &ss), -1);	/* NULL ss_sp */
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_int_eq(ucc_slice_make(&sched, &b, run_job, NULL, NULL), -1);
	static char small[UCC_BASE_STACK_MIN - 1];
	ss.ss_sp = small;
	ss.ss_size = sizeof small;
	errno = 0;
	ck_assert_int_eq(ucc_base_init_stack(&b, &ss), -1);
	ck_assert_int_eq(errno, EINVAL);
}
END_TEST

/* ---- the switches a scheduler makes, refused or copied ---------------
 *
 * Each refusal and each copy decision of ucc_slice_swap in the shapes a
 * scheduler's switches take: an ordinary scheduler and a tasklet, either
 * way round, and two tasklets of one base.  (x86_64 checks these in
 * assembly, apart from the C every other switch goes through.) */

static ucc_slice_t probe_zero;		/* zeroed: EINVAL either side */
static ucc_slice_t *probe_home;		/* where probe yields */
static ucc_base_t *probe_base;
static int probe_mode, probe_result, probe_errno;
enum { PROBE_YIELD, PROBE_TO_ZERO, PROBE_RELEASED };

static void
probe(void *arg)
{
	ucc_slice_t *self = arg;
	for (;;) {
		errno = 0;
		probe_result = 0;
		if (probe_mode == PROBE_TO_ZERO) {
			probe_result = ucc_slice_swap(self, &probe_zero);
		} else if (probe_mode == PROBE_RELEASED) {
			ucc_base_release(probe_base);
			probe_result = ucc_slice_swap(self, probe_home);
			probe_errno = errno;
			ucc_slice_set(probe_home);	/* abandoned */
			ck_abort_msg("ucc_slice_set returned");
		}
		probe_errno = errno;
		ck_assert_int_eq(ucc_slice_swap(self, probe_home), 0);
	}
}

static ucc_slice_t probe_t;
static ucc_slice_t other_wrap;
static ucontext_t other_uc;
static int other_result, other_errno;

/* Another thread, with an ordinary context of its own, resumes the
 * tasklet of this thread's shared stack. */
static void *
other_thread(void *arg)
{
	(void)arg;
	memset(&other_uc, 0, sizeof other_uc);
	ucc_slice_wrap(&other_wrap, &other_uc);
	probe_home = &other_wrap;	/* where it would yield, resumed here */
	errno = 0;
	other_result = ucc_slice_swap(&other_wrap, &probe_t);
	other_errno = errno;
	return NULL;
}

/* An ordinary context on the lower half of the shared stack, below the
 * base point, resumes the tasklet whose bytes are still in place. */
static ucontext_t below_uc, back_uc;
static void
ordinary_below(void)
{
	ucc_slice_t w;
	ucc_slice_wrap(&w, &below_uc);
	probe_home = &w;
	errno = 0;
	other_result = ucc_slice_swap(&w, &probe_t);
	other_errno = errno;
}

START_TEST(scheduler_switch_refusals)
{
	ucc_base_t b;
	stack_t ss = shared_stack(64 * 1024);
	ck_assert_int_eq(ucc_base_init_stack(&b, &ss), 0);
	ucc_slice_wrap(&sched, &sched_uc);
	ucc_slice_init(&probe_t, &b);
	probe_home = &sched;
	probe_base = &b;
	probe_mode = PROBE_YIELD;
	ck_assert_int_eq(ucc_slice_make(&probe_t, &b, probe, &probe_t, &sched), 0);
	ck_assert_int_eq(ucc_slice_swap(&sched, &probe_t), 0);
	ck_assert_int_eq(ucc_slice_swap(&sched, &probe_t), 0);	/* in place */
	ck_assert_int_eq(ucc_slice_state(&probe_t), UCC_SLICE_SUSPENDED);

	/* a zeroed context as from (nowhere to save) and as to, from a
	 * tasklet (nothing to resume) */
	memset(&probe_zero, 0, sizeof probe_zero);
	errno = 0;
	ck_assert_int_eq(ucc_slice_swap(&probe_zero, &probe_t), -1);
	ck_assert_int_eq(errno, EINVAL);
	probe_mode = PROBE_TO_ZERO;
	ck_assert_int_eq(ucc_slice_swap(&sched, &probe_t), 0);
	ck_assert_int_eq(probe_result, -1);
	ck_assert_int_eq(probe_errno, EINVAL);
	probe_mode = PROBE_YIELD;

	/* another thread, though the tasklet's bytes are in place */
	pthread_t th;
	ck_assert_int_eq(pthread_create(&th, NULL, other_thread, NULL), 0);
	pthread_join(th, NULL);
	ck_assert_int_eq(other_result, -1);
	ck_assert_int_eq(other_errno, EINVAL);
	probe_home = &sched;

	/* an ordinary context running on the shared stack, below the base */
	fresh_ctx(&below_uc, ss.ss_sp, ss.ss_size / 2, &back_uc);
	ucc_makecontext(&below_uc, ordinary_below, 0);
	ck_assert_int_eq(ucc_swapcontext(&back_uc, &below_uc), 0);
	ck_assert_int_eq(other_result, -1);
	ck_assert_int_eq(other_errno, EINVAL);
	probe_home = &sched;
	ck_assert_int_eq(ucc_slice_swap(&sched, &probe_t), 0);	/* still fine */

	/* a tasklet whose base was released while it ran */
	probe_mode = PROBE_RELEASED;
	ck_assert_int_eq(ucc_slice_swap(&sched, &probe_t), 0);
	ck_assert_int_eq(probe_result, -1);
	ck_assert_int_eq(probe_errno, EINVAL);
	ucc_slice_release(&probe_t);

	/* a suspended tasklet of a released base, from the scheduler */
	ck_assert_int_eq(ucc_base_init_stack(&b, &ss), 0);
	probe_mode = PROBE_YIELD;
	ck_assert_int_eq(ucc_slice_make(&probe_t, &b, probe, &probe_t, &sched), 0);
	ck_assert_int_eq(ucc_slice_swap(&sched, &probe_t), 0);
	ucc_base_release(&b);
	errno = 0;
	ck_assert_int_eq(ucc_slice_swap(&sched, &probe_t), -1);
	ck_assert_int_eq(errno, EINVAL);
	ucc_slice_release(&probe_t);
	ck_assert_int_eq(ucc_stack_free(&ss), 0);
}
END_TEST

/* junk: writes 4 KiB below its caller (under ASan, over where the
 * tasklet's frames had their redzones) */
static void __attribute__((noinline))
junk(void)
{
	volatile char big[4096];
	for (size_t i = 0; i < sizeof big; i++)
		big[i] = (char)0x5a;
}

static ucc_slice_t ord_wrap;
static ucontext_t ord_uc;

static void
ordinary_loop(void)
{
	for (;;) {
		junk();
		ck_assert_int_eq(ucc_slice_swap(&ord_wrap, &sched), 0);
	}
}

/* A tasklet that yields to an ordinary context keeps its bytes in place
 * only on a shared stack, and only while that context runs on another
 * stack: here, code runs over them in between, and every round checks
 * the tasklet's locals. */
START_TEST(tasklet_bytes_copied_when_others_run_over_them)
{
	struct tstack st;
	ucc_slice_t t;
	struct job j = { &t, &ord_wrap, 3, 20, 0 };

	/* a base on the thread's stack: the scheduler's calls run over it */
	ucc_base_t b;
	ck_assert_int_eq(ucc_base_init(&b), 0);
	ucc_slice_wrap(&sched, &sched_uc);
	ucc_slice_wrap(&ord_wrap, &ord_uc);
	tstack_alloc(&st, 64 * 1024);
	make_ctx(&ord_uc, &st, NULL, ordinary_loop);
	ucc_slice_init(&t, &b);
	ck_assert_int_eq(ucc_slice_make(&t, &b, run_job, &j, &sched), 0);
	while (ucc_slice_state(&t) != UCC_SLICE_FINISHED) {
		ck_assert_int_eq(ucc_slice_swap(&sched, &t), 0);
		junk();
	}
	ck_assert_int_eq(j.sum, want(&j));
	ucc_slice_release(&t);
	ucc_base_release(&b);

	/* a shared stack, and an ordinary context made on all of it, which
	 * runs once, over the tasklet's bytes */
	stack_t ss = shared_stack(64 * 1024);
	ck_assert_int_eq(ucc_base_init_stack(&b, &ss), 0);
	fresh_ctx(&ord_uc, ss.ss_sp, ss.ss_size, NULL);
	ucc_makecontext(&ord_uc, ordinary_loop, 0);
	struct job k = { &t, NULL, 4, 20, 0 };
	ucc_slice_init(&t, &b);
	ck_assert_int_eq(ucc_slice_make(&t, &b, run_job, &k, &sched), 0);
	ck_assert_int_eq(ucc_slice_swap(&sched, &t), 0);
	k.to = &ord_wrap;	/* its buffer holds its depth now */
	ck_assert_int_eq(ucc_slice_swap(&sched, &t), 0);	/* via ord_uc */
	k.to = NULL;
	while (ucc_slice_state(&t) != UCC_SLICE_FINISHED)
		ck_assert_int_eq(ucc_slice_swap(&sched, &t), 0);
	ck_assert_int_eq(k.sum, want(&k));
	ucc_slice_release(&t);
	ucc_base_release(&b);
	ck_assert_int_eq(ucc_stack_free(&ss), 0);
	tstack_free(&st);
}
END_TEST

/* Two bases made at one point: contexts of each may resume the other's
 * (their slices end at the same place), and a context that abandons
 * itself still becomes finished when another of its own base runs. */
static ucc_slice_t t1, t2, t3;

static void
first_of_two(void *arg)
{
	(void)arg;
	ck_assert_int_eq(ucc_slice_swap(&t1, &t2), 0);
	ucc_slice_set(&sched);
}

static void
second_of_two(void *arg)
{
	(void)arg;
	ck_assert_int_eq(ucc_slice_swap(&t2, &sched), 0);
	ck_assert_int_eq(ucc_slice_swap(&t2, &t1), 0);
}

static void
third(void *arg)
{
	(void)arg;
	ck_assert_int_eq(ucc_slice_swap(&t3, &sched), 0);
}

static void
yields_deep(void *arg)
{
	volatile char pad[512];
	pad[0] = 0;
	ucc_slice_swap(arg, &sched);
	(void)pad[0];
}

/* swap(s, s) with s suspended: s takes the running code, and runs. */
static void
swaps_with_a_suspended_one(void *arg)
{
	(void)arg;
	ck_assert_int_eq(ucc_slice_swap(&t1, &t1), 0);
	ck_assert_int_eq(ucc_slice_state(&t1), UCC_SLICE_RUNNING);
	ucc_slice_set(&sched);
}

START_TEST(two_bases_at_one_point)
{
	ucc_base_t b1, b2;
	ck_assert_int_eq(ucc_base_init(&b1), 0);
	ck_assert_int_eq(ucc_base_init(&b2), 0);
	ck_assert(b1.sp == b2.sp);
	ucc_slice_wrap(&sched, &sched_uc);
	ucc_slice_init(&t1, &b1);
	ucc_slice_init(&t2, &b2);
	ucc_slice_init(&t3, &b1);
	ck_assert_int_eq(ucc_slice_make(&t1, &b1, first_of_two, NULL, &sched), 0);
	ck_assert_int_eq(ucc_slice_make(&t2, &b2, second_of_two, NULL, &sched), 0);
	ck_assert_int_eq(ucc_slice_make(&t3, &b1, third, NULL, &sched), 0);
	ck_assert_int_eq(ucc_slice_swap(&sched, &t2), 0);
	ck_assert_int_eq(ucc_slice_swap(&sched, &t1), 0);
	ck_assert_int_eq(ucc_slice_state(&t1), UCC_SLICE_RUNNING);	/* abandoned */
	ck_assert_int_eq(ucc_slice_state(&t2), UCC_SLICE_SUSPENDED);
	ck_assert_int_eq(ucc_slice_swap(&sched, &t3), 0);
	ck_assert_int_eq(ucc_slice_state(&t1), UCC_SLICE_FINISHED);

	/* t1, suspended again (its buffer larger than t3's depth), swapped
	 * with itself by t3 */
	ck_assert_int_eq(ucc_slice_make(&t1, &b1, yields_deep, &t1, &sched), 0);
	ck_assert_int_eq(ucc_slice_make(&t3, &b1, swaps_with_a_suspended_one, NULL, &sched), 0);
	ck_assert_int_eq(ucc_slice_swap(&sched, &t1), 0);
	ck_assert_int_eq(ucc_slice_state(&t1), UCC_SLICE_SUSPENDED);
	ck_assert_int_eq(ucc_slice_swap(&sched, &t3), 0);
	ucc_slice_release(&t1);
	ucc_slice_release(&t2);
	ucc_slice_release(&t3);
	ucc_base_release(&b1);
	ucc_base_release(&b2);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("base");
	TCase *tc = tcase("shared stacks");
	tcase_add_test(tc, shared_stack_round_robin);
	tcase_add_test(tc, shared_stack_copies_only_when_needed);
	tcase_add_test(tc, several_bases_per_thread);
	tcase_add_test(tc, base_inside_a_context_with_its_own_stack);
	tcase_add_test(tc, nested_bases);
	suite_add_tcase(s, tc);

	tc = tcase("questions");
	tcase_add_test(tc, state_size_and_sp_in_every_state);
	tcase_add_test(tc, swap_with_itself_returns_at_once);
	tcase_add_test(tc, zeroed_and_errno_order);
	tcase_add_test(tc, abandoned_context_is_finished);
	tcase_add_test(tc, allocator_belongs_to_the_base);
	tcase_add_test(tc, base_init_stack_bad_input);
	suite_add_tcase(s, tc);

	tc = tcase("a scheduler's switches");
	tcase_add_test(tc, scheduler_switch_refusals);
	tcase_add_test(tc, tasklet_bytes_copied_when_others_run_over_them);
	tcase_add_test(tc, two_bases_at_one_point);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
