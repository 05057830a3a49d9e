/* Stress, bounded in time, every result checked by a checksum: a million
 * contexts round robin; two threads switching ten thousand contexts each,
 * handing them to each other; a storm of SIGALRM and SIGUSR1 while
 * switching.  Built twice: against libucontext_compat and, with
 * POSIX_MODE, against libucontext_compat_posix, where the storm also
 * checks that a context that blocks SIGUSR1 never sees it. */
#include "util.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

/* ---- a million contexts ---------------------------------------------- */

static long MILLION = 1000000L;
#define MROUNDS 3
static ucontext_t *mring, main_uc;
static volatile long token, misorders;
static volatile unsigned long msum;

static void
m_member(long i)
{
	for (long r = 0;; r++) {
		if (token != r * MILLION + i)
			misorders++;
		token++;
		msum += (unsigned long)i ^ (unsigned long)r;
		ucc_swapcontext(&mring[i], i + 1 < MILLION ? &mring[i + 1] : &main_uc);
	}
}

START_TEST(a_million_contexts_round_robin)
{
#ifdef UCC_TEST_ASAN
	/* Instrumented frames and the dynamic linker's resolver need far
	 * more than the minimum: ten times fewer contexts, sixteen times the
	 * stack, the same checks. */
	MILLION = scaled(1000000L) / 10;
	const size_t stack = 16 * 1024;
	printf("AddressSanitizer: %ld contexts of %zu bytes, not a million of 1280\n",
	       MILLION, stack);
#else
	MILLION = scaled(1000000L);
	const size_t stack = 1280;	/* UCC_STACK_MIN, the frame, a little more */
#endif
	size_t ctx_bytes = MILLION * sizeof(ucontext_t), stack_bytes = MILLION * stack;
	mring = mmap(NULL, ctx_bytes, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	unsigned char *stacks = mmap(NULL, stack_bytes, PROT_READ | PROT_WRITE,
				     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	ck_assert_ptr_ne(mring, MAP_FAILED);
	ck_assert_ptr_ne(stacks, MAP_FAILED);
	for (long i = 0; i < MILLION; i++) {
		fresh_ctx(&mring[i], stacks + i * stack, stack, NULL);
		errno = 0;
		ucc_makecontext(&mring[i], (void (*)(void))m_member, 1, i);
		ck_assert_int_eq(errno, 0);
	}
	token = misorders = 0;
	msum = 0;
	for (int r = 0; r < MROUNDS; r++)
		ck_assert_int_eq(ucc_swapcontext(&main_uc, &mring[0]), 0);
	unsigned long want = 0;
	for (long r = 0; r < MROUNDS; r++)
		for (long i = 0; i < MILLION; i++)
			want += (unsigned long)i ^ (unsigned long)r;
	ck_assert_int_eq(token, MROUNDS * MILLION);
	ck_assert_int_eq(misorders, 0);
	ck_assert_uint_eq(msum, want);
	printf("%ld contexts: %ld switches, checksum %lu as expected\n",
	       MILLION, (long)token + MROUNDS, msum);
	ck_assert_int_eq(munmap(stacks, stack_bytes), 0);	/* released */
	ck_assert_int_eq(munmap(mring, ctx_bytes), 0);
}
END_TEST

/* ---- two threads, contexts handed between them ------------------------- */

#define PER_THREAD_MAX 10000
static int PER_THREAD = PER_THREAD_MAX;
#define STEPS 20
struct task {
	ucontext_t uc;
	ucontext_t *volatile back;	/* the scheduler of whichever thread runs it */
	volatile int steps, last_thread, moves;
	volatile unsigned long sum;
};
static struct task *tasks;
/* Each thread runs a step of the tasks in its own queue, then hands them
 * to the other's: every task changes threads at every step, however the
 * two threads happen to be scheduled. */
struct queue {
	int ids[2 * PER_THREAD_MAX], head, tail, len;
	pthread_mutex_t lock;
};
static struct queue queues[2] = { { .lock = PTHREAD_MUTEX_INITIALIZER },
				  { .lock = PTHREAD_MUTEX_INITIALIZER } };
static volatile int unfinished;
static pthread_barrier_t start_together;

static void
push(struct queue *q, int id)
{
	pthread_mutex_lock(&q->lock);
	q->ids[q->tail] = id;
	q->tail = (q->tail + 1) % (2 * PER_THREAD_MAX);
	q->len++;
	pthread_mutex_unlock(&q->lock);
}

static int
pop(struct queue *q)
{
	int id = -1;
	pthread_mutex_lock(&q->lock);
	if (q->len > 0) {
		id = q->ids[q->head];
		q->head = (q->head + 1) % (2 * PER_THREAD_MAX);
		q->len--;
	}
	pthread_mutex_unlock(&q->lock);
	return id;
}
static volatile long total_steps[2];

static void
task_body(int id)
{
	struct task *t = &tasks[id];
	for (int s = 1; s <= STEPS; s++) {
		t->steps = s;
		t->sum += (unsigned long)id * (unsigned long)s;
		ucc_swapcontext(&t->uc, t->back);
	}
	for (;;)		/* done: never resumed again */
		ucc_swapcontext(&t->uc, t->back);
}

struct worker {
	int index;
	ucontext_t sched;
	long switches;
};

static void *
worker(void *arg)
{
	struct worker *w = arg;
	pthread_barrier_wait(&start_together);
	while (__atomic_load_n(&unfinished, __ATOMIC_SEQ_CST) > 0) {
		int id = pop(&queues[w->index]);
		if (id < 0) {
			sched_yield();	/* the other thread holds them all */
			continue;
		}
		struct task *t = &tasks[id];
		if (t->last_thread != w->index && t->steps > 0)
			t->moves++;
		t->last_thread = w->index;
		t->back = &w->sched;
		int before = t->steps;
		if (ucc_swapcontext(&w->sched, &t->uc) != 0 || t->steps != before + 1)
			return (void *)1;	/* lost or doubled a switch */
		w->switches++;
		total_steps[w->index]++;
		if (t->steps < STEPS)
			push(&queues[!w->index], id);
		else
			__atomic_sub_fetch(&unfinished, 1, __ATOMIC_SEQ_CST);
		sched_yield();	/* let the other thread take its turn, even
				 * under valgrind, which runs one at a time */
	}
	return NULL;
}

START_TEST(two_threads_hand_contexts_over)
{
	PER_THREAD = (int)scaled(PER_THREAD_MAX);
	const int n = 2 * PER_THREAD;
	const size_t stack = 16 * 1024;
	tasks = calloc((size_t)n, sizeof *tasks);
	unsigned char *stacks = mmap(NULL, (size_t)n * stack, PROT_READ | PROT_WRITE,
				     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	ck_assert_ptr_nonnull(tasks);
	ck_assert_ptr_ne(stacks, MAP_FAILED);
	for (int k = 0; k < 2; k++)
		queues[k].head = queues[k].tail = queues[k].len = 0;
	for (int i = 0; i < n; i++) {
		fresh_ctx(&tasks[i].uc, stacks + (size_t)i * stack, stack, NULL);
		ucc_makecontext(&tasks[i].uc, (void (*)(void))task_body, 1, i);
		tasks[i].last_thread = -1;
		push(&queues[i % 2], i);
	}
	unfinished = n;
	struct worker w[2] = { { .index = 0 }, { .index = 1 } };
	pthread_t th[2];
	ck_assert_int_eq(pthread_barrier_init(&start_together, NULL, 2), 0);
	for (int k = 0; k < 2; k++)
		ck_assert_int_eq(pthread_create(&th[k], NULL, worker, &w[k]), 0);
	for (int k = 0; k < 2; k++) {
		void *ret;
		pthread_join(th[k], &ret);
		ck_assert_ptr_null(ret);
	}
	unsigned long sum = 0, want = 0;
	long moves = 0;
	for (int i = 0; i < n; i++) {
		ck_assert_int_eq(tasks[i].steps, STEPS);
		sum += tasks[i].sum;
		want += (unsigned long)i * STEPS * (STEPS + 1) / 2;
		moves += tasks[i].moves;
	}
	ck_assert_uint_eq(sum, want);
	ck_assert_int_eq(w[0].switches + w[1].switches, (long)n * STEPS);
	ck_assert_int_gt(w[0].switches, 0);
	ck_assert_int_gt(w[1].switches, 0);
	ck_assert_int_eq(moves, (long)n * (STEPS - 1));	/* at every step */
	printf("two threads: %d contexts, %ld switches (%ld and %ld), "
	       "%ld moves to the other thread, checksum as expected\n",
	       n, w[0].switches + w[1].switches, w[0].switches, w[1].switches, moves);
	munmap(stacks, (size_t)n * stack);
	free(tasks);
}
END_TEST

/* ---- a signal storm while switching ------------------------------------ */

static ucontext_t s_main, s_co[2];
static volatile int running = -1;	/* which context runs: -1 main */
static volatile long alarms, usr1s, usr1_in_masked;
static volatile unsigned long co_h[2];
static volatile long co_k[2];
static volatile int storm_on;
static pthread_t storm_target;

static void
on_signal(int sig)
{
	/* clobber caller-saved registers, x87 and SSE state: the kernel must
	 * give the interrupted code its own back */
	volatile double x = 1.0;
	for (int i = 0; i < 8; i++)
		x = x * 1.5 + 0.25;
	(void)x;
	if (sig == SIGALRM)
		alarms++;
	else {
		usr1s++;
		if (running == 1)
			usr1_in_masked++;
	}
}

static void *
storm(void *arg)
{
	(void)arg;
	while (storm_on) {
		pthread_kill(storm_target, SIGUSR1);
		usleep(20);
	}
	return NULL;
}

/* Each coroutine keeps a hash in registers across its switches and
 * publishes it; main recomputes it at the end. */
static unsigned long
co_hash(int id, long k)
{
	unsigned long h = 1469598103934665603ul + (unsigned long)id;
	for (long i = 0; i < k; i++)
		h = (h ^ (unsigned long)i) * 1099511628211ul;
	return h;
}

static void
co_work(int id)
{
	unsigned long h = 1469598103934665603ul + (unsigned long)id;
	for (long k = 0;; k++) {
		h = (h ^ (unsigned long)k) * 1099511628211ul;
		co_h[id] = h;
		co_k[id] = k + 1;
		running = -1;
		ucc_swapcontext(&s_co[id], &s_main);
		running = id;
	}
}

START_TEST(switching_under_a_signal_storm)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	ck_assert_int_eq(sigaction(SIGALRM, &sa, NULL), 0);
	ck_assert_int_eq(sigaction(SIGUSR1, &sa, NULL), 0);

	struct tstack st[2];
	for (int i = 0; i < 2; i++) {
		tstack_alloc(&st[i], 64 * 1024);
#ifdef POSIX_MODE
		/* context 1 runs with SIGUSR1 blocked: the posix library
		 * installs that mask whenever it resumes context 1 */
		sigset_t m;
		sigemptyset(&m);
		if (i == 1)
			sigaddset(&m, SIGUSR1);
		pthread_sigmask(SIG_SETMASK, &m, NULL);
#endif
		make_ctx(&s_co[i], &st[i], NULL, (void (*)(void))co_work);
		ucc_makecontext(&s_co[i], (void (*)(void))co_work, 1, i);
	}
#ifdef POSIX_MODE
	sigset_t none;
	sigemptyset(&none);
	pthread_sigmask(SIG_SETMASK, &none, NULL);
#endif
	struct itimerval it = { { 0, 100 }, { 0, 100 } };
	ck_assert_int_eq(setitimer(ITIMER_REAL, &it, NULL), 0);
	storm_target = pthread_self();
	storm_on = 1;
	pthread_t th;
	ck_assert_int_eq(pthread_create(&th, NULL, storm, NULL), 0);

	const long switches = scaled(2000000);
	unsigned long h = 0;
	double d = 0;
	for (long k = 0; k < switches; k++) {
		h = h * 31 + (unsigned long)k;
		d += 0.5;
		ck_assert_int_eq(ucc_swapcontext(&s_main, &s_co[k & 1]), 0);
	}
	storm_on = 0;
	pthread_join(th, NULL);
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	setitimer(ITIMER_REAL, &off, NULL);

	unsigned long want = 0;
	for (long k = 0; k < switches; k++)
		want = want * 31 + (unsigned long)k;
	ck_assert_uint_eq(h, want);		/* main's registers held */
	ck_assert(d == switches * 0.5);
	for (int i = 0; i < 2; i++) {		/* and the coroutines' */
		ck_assert_int_eq(co_k[i], switches / 2);
		ck_assert_uint_eq(co_h[i], co_hash(i, co_k[i]));
	}
	ck_assert_int_gt(alarms + usr1s, scaled(1000));	/* it did storm */
	ck_assert_int_gt(usr1s, scaled(100));
#ifdef POSIX_MODE
	ck_assert_int_eq(usr1_in_masked, 0);
#endif
	printf("signal storm: %ld SIGALRM and %ld SIGUSR1 handled during "
	       "%ld switches, every register as expected\n", alarms, usr1s, 2 * switches);
	for (int i = 0; i < 2; i++)
		tstack_free(&st[i]);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("stress");
	TCase *tc = tcase("stress");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, a_million_contexts_round_robin);
	tcase_add_test(tc, two_threads_hand_contexts_over);
	tcase_add_test(tc, switching_under_a_signal_storm);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
