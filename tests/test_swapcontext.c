/* swapcontext: ping-pong, uc_link chains, 10,000 contexts round robin,
 * refusing bad input without side effects. */
#include "util.h"
#include "sigcount.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static ucontext_t main_uc, co_uc;
static volatile long co_count;

static void
pong(void)
{
	for (;;) {
		co_count++;
		ck_assert_int_eq(ucc_swapcontext(&co_uc, &main_uc), 0);
	}
}

START_TEST(ping_pong_keeps_locals)
{
	struct tstack st;
	tstack_alloc(&st, 64 * 1024);
	make_ctx(&co_uc, &st, NULL, pong);

	long long sum = 0;	/* past 2^31: long is 32 bits on ILP32 */
	co_count = 0;
	for (long i = 1; i <= 100000; i++) {
		ck_assert_int_eq(ucc_swapcontext(&main_uc, &co_uc), 0);
		sum += i;
		ck_assert_int_eq(co_count, i);
	}
	ck_assert_int_eq(sum, 100000LL * 100001 / 2);
	tstack_free(&st);
}
END_TEST

static ucontext_t snapshot;

static void
check_target_untouched(void)
{
	/* The first thing the new context does: the ucp it was resumed from
	 * must be exactly as it was before the switch. */
	ck_assert_int_eq(memcmp(&co_uc, &snapshot, sizeof snapshot), 0);
	co_count = 1;
}

START_TEST(target_is_only_read)
{
	struct tstack st;
	tstack_alloc(&st, 64 * 1024);
	make_ctx(&co_uc, &st, &main_uc, check_target_untouched);
	memcpy(&snapshot, &co_uc, sizeof snapshot);
	co_count = 0;
	ck_assert_int_eq(ucc_swapcontext(&main_uc, &co_uc), 0);
	ck_assert_int_eq(co_count, 1);
	tstack_free(&st);
}
END_TEST

/* main -> a -> b -> c -> main, each hop by returning through uc_link. */
static ucontext_t link_uc[3];
static char trail[8];
static volatile int ntrail;

static void hop_a(void) { trail[ntrail++] = 'a'; }
static void hop_b(void) { trail[ntrail++] = 'b'; }
static void hop_c(void) { trail[ntrail++] = 'c'; }

START_TEST(uc_link_chain)
{
	struct tstack st[3];
	void (*fn[3])(void) = { hop_a, hop_b, hop_c };
	for (int i = 0; i < 3; i++) {
		tstack_alloc(&st[i], 32 * 1024);
		make_ctx(&link_uc[i], &st[i], i < 2 ? &link_uc[i + 1] : &main_uc,
			 fn[i]);
	}
	ntrail = 0;
	ck_assert_int_eq(ucc_swapcontext(&main_uc, &link_uc[0]), 0);
	trail[ntrail] = 0;
	ck_assert_str_eq(trail, "abc");
	for (int i = 0; i < 3; i++)
		tstack_free(&st[i]);
}
END_TEST

/* A ring main -> 0 -> 1 -> ... -> N-1 -> main, ROUNDS times. */
#define RING 10000
#define ROUNDS 20
static ucontext_t *ring;
static volatile long token;

static void
ring_member(int i)
{
	for (long r = 0;; r++) {
		ck_assert_int_eq(token, r * RING + i);
		token++;
		ucc_swapcontext(&ring[i], i + 1 < RING ? &ring[i + 1] : &main_uc);
	}
}

START_TEST(ten_thousand_round_robin)
{
	const size_t stack = 16 * 1024;
	ring = calloc(RING, sizeof *ring);
	ck_assert_ptr_nonnull(ring);
	unsigned char *stacks = malloc(RING * stack);
	ck_assert_ptr_nonnull(stacks);
	for (int i = 0; i < RING; i++) {
		fresh_ctx(&ring[i], stacks + i * stack, stack, NULL);
		ucc_makecontext(&ring[i], (void (*)(void))ring_member, 1, i);
	}
	token = 0;
	for (long r = 0; r < ROUNDS; r++) {
		ck_assert_int_eq(ucc_swapcontext(&main_uc, &ring[0]), 0);
		ck_assert_int_eq(token, (r + 1) * RING);
	}
	free(stacks);
	free(ring);
}
END_TEST

START_TEST(bad_input_fails_and_changes_nothing)
{
	ucontext_t o, zero, before;
	memset(&zero, 0, sizeof zero);
	memset(&o, 0x5a, sizeof o);
	memcpy(&before, &o, sizeof o);

	errno = 0;
	ck_assert_int_eq(ucc_swapcontext(NULL, &main_uc), -1);
	ck_assert_int_eq(errno, EFAULT);
	errno = 0;
	ck_assert_int_eq(ucc_swapcontext(&o, NULL), -1);
	ck_assert_int_eq(errno, EFAULT);
	errno = 0;
	ck_assert_int_eq(ucc_swapcontext(&o, &zero), -1);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_int_eq(memcmp(&o, &before, sizeof o), 0);
}
END_TEST

START_TEST(plain_name_is_ours)
{
#ifdef UCC_TEST_ASAN
	/* The sanitizer's runtime defines swapcontext too, an interceptor
	 * that calls the next definition: ours, if that makes no
	 * rt_sigprocmask call where glibc's makes one.  (Check runs each
	 * test in its own process, so the counting filter ends with it.) */
	struct tstack st;
	tstack_alloc(&st, 64 * 1024);
	make_ctx(&co_uc, &st, NULL, pong);
	ck_assert_int_eq(sigcount_arm(), 0);
	for (int i = 0; i < 10; i++)
		ck_assert_int_eq(swapcontext(&main_uc, &co_uc), 0);
	ck_assert_int_eq(sigcount(), 0);
#else
	SAME_FUNCTION(swapcontext, ucc_swapcontext);
#endif
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("swapcontext");
	TCase *tc = tcase("swapcontext");
	tcase_add_test(tc, ping_pong_keeps_locals);
	tcase_add_test(tc, target_is_only_read);
	tcase_add_test(tc, uc_link_chain);
	tcase_add_test(tc, ten_thousand_round_robin);
	tcase_add_test(tc, bad_input_fails_and_changes_nothing);
	tcase_add_test(tc, plain_name_is_ours);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
