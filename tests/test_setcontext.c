/* setcontext: resuming saved and made contexts, refusing bad ones. */
#include "util.h"

#include <errno.h>
#include <string.h>

static ucontext_t main_uc, co_uc;
static volatile int steps;

static void
co_set_back(void)
{
	steps++;
	ucc_setcontext(&main_uc);
	ck_abort_msg("setcontext returned");
}

START_TEST(into_made_context_and_back)
{
	struct tstack st;
	tstack_alloc(&st, 64 * 1024);
	make_ctx(&co_uc, &st, NULL, co_set_back);

	steps = 0;
	volatile int back = 0;
	ucc_getcontext(&main_uc);
	if (!back) {
		back = 1;
		ucc_setcontext(&co_uc);
		ck_abort_msg("setcontext returned");
	}
	ck_assert_int_eq(steps, 1);
	tstack_free(&st);
}
END_TEST

static void
co_return(void)
{
	steps++;
}

START_TEST(return_resumes_uc_link)
{
	struct tstack st;
	tstack_alloc(&st, 64 * 1024);
	make_ctx(&co_uc, &st, &main_uc, co_return);

	steps = 0;
	volatile int back = 0;
	ucc_getcontext(&main_uc);
	if (!back) {
		back = 1;
		ucc_setcontext(&co_uc);
		ck_abort_msg("setcontext returned");
	}
	ck_assert_int_eq(steps, 1);
	tstack_free(&st);
}
END_TEST

/* setcontext to a frame still on the stack, from deeper calls. */
static ucontext_t deep_uc;

static int __attribute__((noinline))
dive(int depth)
{
	volatile char pad[256];
	pad[depth % 256] = (char)depth;
	if (depth == 0)
		return ucc_setcontext(&deep_uc);
	return dive(depth - 1) + pad[depth % 256];
}

START_TEST(unwinds_to_a_frame_still_live)
{
	volatile int back = 0;
	volatile long live = 0x5eed;
	ucc_getcontext(&deep_uc);
	if (!back) {
		back = 1;
		dive(100);
		ck_abort_msg("setcontext returned");
	}
	ck_assert_int_eq(live, 0x5eed);
}
END_TEST

START_TEST(null_is_efault)
{
	errno = 0;
	ck_assert_int_eq(ucc_setcontext(NULL), -1);
	ck_assert_int_eq(errno, EFAULT);
}
END_TEST

START_TEST(never_saved_context_is_einval)
{
	ucontext_t uc;
	memset(&uc, 0, sizeof uc);
	errno = 0;
	ck_assert_int_eq(ucc_setcontext(&uc), -1);
	ck_assert_int_eq(errno, EINVAL);
}
END_TEST

START_TEST(refused_makecontext_is_einval)
{
	ucontext_t uc;
	ck_assert_int_eq(ucc_getcontext(&uc), 0);
	uc.uc_stack.ss_sp = NULL;
	uc.uc_stack.ss_size = 0;
	ucc_makecontext(&uc, co_return, 0);
	ck_assert_int_eq(errno, EINVAL);
	errno = 0;
	ck_assert_int_eq(ucc_setcontext(&uc), -1);
	ck_assert_int_eq(errno, EINVAL);
}
END_TEST

#ifdef ARCH_HAS_FS
/* Where glibc keeps a segment register with the context (i386: fs), a
 * context resumes with its own: a selector of our own, saved, then fs
 * cleared before the resume. */
START_TEST(restores_the_segment_register)
{
	int sel = arch_fs_selector();
	if (sel < 0)
		return;		/* no segment of our own to load */
	ucontext_t uc;
	volatile int back = 0;
	arch_set_fs(sel);
	ck_assert_int_eq(ucc_getcontext(&uc), 0);
	if (!back) {
		back = 1;
		arch_set_fs(0);
		ucc_setcontext(&uc);
		ck_abort_msg("setcontext returned");
	}
	int now = arch_get_fs();
	arch_set_fs(0);
	ck_assert_int_eq(now, sel);
}
END_TEST
#endif

#ifdef ARCH_HAS_AREGS
/* Where glibc's contexts keep the access registers (s390x), a context
 * resumes with its own a2-a15, and with the running thread's a0 and a1,
 * the thread pointer, whatever its saved ones say. */
START_TEST(keeps_the_access_registers)
{
	uint32_t before[16], want[16], junk[16], now[16];
	ucontext_t uc;
	volatile int back = 0;
	arch_get_aregs(before);
	for (int i = 0; i < 16; i++) {
		want[i] = i < 2 ? before[i] : 0x61020000u + (uint32_t)i;
		junk[i] = i < 2 ? before[i] : 0x7a7a0000u + (uint32_t)i;
	}
	arch_set_aregs(want);
	ck_assert_int_eq(ucc_getcontext(&uc), 0);
	if (!back) {
		back = 1;
		for (int i = 0; i < 16; i++)
			ck_assert_msg(uc.uc_mcontext.aregs[i] == want[i],
				      "a%d saved as %#x, not %#x", i,
				      uc.uc_mcontext.aregs[i], want[i]);
		arch_set_aregs(junk);
		uc.uc_mcontext.aregs[0] ^= 0x5a5a5a5au;
		uc.uc_mcontext.aregs[1] ^= 0xa5a5a5a5u;
		ucc_setcontext(&uc);
		ck_abort_msg("setcontext returned");
	}
	arch_get_aregs(now);
	arch_set_aregs(before);
	for (int i = 0; i < 16; i++)
		ck_assert_msg(now[i] == want[i], "a%d resumed as %#x, not %#x", i,
			      now[i], want[i]);
}
END_TEST
#endif

START_TEST(plain_name_is_ours)
{
	SAME_FUNCTION(setcontext, ucc_setcontext);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("setcontext");
	TCase *tc = tcase("setcontext");
	tcase_add_test(tc, into_made_context_and_back);
	tcase_add_test(tc, return_resumes_uc_link);
	tcase_add_test(tc, unwinds_to_a_frame_still_live);
	tcase_add_test(tc, null_is_efault);
	tcase_add_test(tc, never_saved_context_is_einval);
	tcase_add_test(tc, refused_makecontext_is_einval);
	tcase_add_test(tc, plain_name_is_ours);
#ifdef ARCH_HAS_FS
	tcase_add_test(tc, restores_the_segment_register);
#endif
#ifdef ARCH_HAS_AREGS
	tcase_add_test(tc, keeps_the_access_registers);
#endif
	suite_add_tcase(s, tc);
	return run_suite(s);
}
