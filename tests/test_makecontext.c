/* makecontext: 0 to UCC_MAKECONTEXT_MAX_ARGS 64-bit arguments, entry
 * alignment for every stack offset, nothing written outside the stack,
 * uc_link and exit, refusals. */
#include "util.h"
#include "abi.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static ucontext_t main_uc, co_uc;
static uint64_t got[UCC_MAKECONTEXT_MAX_ARGS + 1];
static int got_n = -1;

static void
record(int n, const uint64_t *v)
{
	got_n = n;
	for (int i = 0; i < n; i++)
		got[i] = v[i];
}

#include "argfuncs.h"
_Static_assert(argfn_MAX == UCC_MAKECONTEXT_MAX_ARGS, "argfuncs.h");

static uint64_t
value(int i)
{
	/* distinct, using all 64 bits, the top bit set for odd i */
	return 0x9e3779b97f4a7c15ull * (uint64_t)(i + 1) ^ ((uint64_t)(i & 1) << 63);
}

START_TEST(every_argc_passes_64bit_values)
{
	int n = _i;
	arch_reg_t v[UCC_MAKECONTEXT_MAX_ARGS];
	struct tstack st;

	for (int i = 0; i < n; i++)
		v[i] = value(i);
	tstack_alloc(&st, 32 * 1024);
	fresh_ctx(&co_uc, st.lo, st.size, &main_uc);
	errno = 0;
	argfn_make(&co_uc, n, v);
	ck_assert_int_eq(errno, 0);
	got_n = -1;
	ck_assert_int_eq(ucc_swapcontext(&main_uc, &co_uc), 0);
	ck_assert_int_eq(got_n, n);
	for (int i = 0; i < n; i++)
		ck_assert_msg(got[i] == v[i], "argc %d: argument %d is %#llx, not %#llx",
			      n, i + 1, (unsigned long long)got[i],
			      (unsigned long long)v[i]);
	tstack_free(&st);
}
END_TEST

static int ints[10];

static void
ten_ints(int a, int b, int c, int d, int e, int f, int g, int h, int i, int j)
{
	int v[10] = { a, b, c, d, e, f, g, h, i, j };
	memcpy(ints, v, sizeof v);
}

START_TEST(int_arguments)
{
	struct tstack st;
	tstack_alloc(&st, 32 * 1024);
	fresh_ctx(&co_uc, st.lo, st.size, &main_uc);
	ucc_makecontext(&co_uc, (void (*)(void))ten_ints, 10,
			-1, 2, -3, 4, -2147483647 - 1, 2147483647, 7, -8, 9, 0);
	ck_assert_int_eq(ucc_swapcontext(&main_uc, &co_uc), 0);
	int want[10] = { -1, 2, -3, 4, -2147483647 - 1, 2147483647, 7, -8, 9, 0 };
	for (int i = 0; i < 10; i++)
		ck_assert_int_eq(ints[i], want[i]);
	tstack_free(&st);
}
END_TEST

/* For every ss_sp offset 0..15, several sizes and 0..10 arguments (some on
 * the stack): the stack pointer at entry is as after a call, inside the
 * stack, and the frame pointer is zero. */
START_TEST(entry_alignment_for_every_offset)
{
	int off = _i;
	struct tstack st;
	tstack_alloc(&st, 64 * 1024);

	for (size_t trim = 0; trim < 16; trim += 3) {
		for (int argc = 0; argc <= 10; argc++) {
			unsigned char *sp0 = st.lo + off;
			size_t size = st.size - off - trim;
			fresh_ctx(&co_uc, sp0, size, &main_uc);
			errno = 0;
			ucc_makecontext(&co_uc, probe_entry, argc,
					1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
			ck_assert_int_eq(errno, 0);
			probe_entry_sp = 0;
			probe_entry_fp = 1;
			ck_assert_int_eq(ucc_swapcontext(&main_uc, &co_uc), 0);
			ck_assert_msg(arch_entry_sp_ok(probe_entry_sp),
				      "offset %d trim %zu argc %d: entry sp %#lx",
				      off, trim, argc, (unsigned long)probe_entry_sp);
			ck_assert_uint_ge(probe_entry_sp, (uintptr_t)sp0);
			/* at the top itself where nothing is on the stack
			 * (the return address in a register, as on aarch64) */
			ck_assert_uint_le(probe_entry_sp, (uintptr_t)sp0 + size);
			ck_assert_uint_eq(probe_entry_fp, 0);
		}
	}
	tstack_free(&st);
}
END_TEST

/* makecontext and the run write nothing outside [ss_sp, ss_sp + ss_size),
 * whatever its alignment and argc: the bytes around it keep a pattern. */
START_TEST(writes_nothing_outside_the_stack)
{
	enum { PAD = 256, SIZE = 16 * 1024 };
	static unsigned char region[PAD + SIZE + 16 + PAD];
	arch_reg_t v[UCC_MAKECONTEXT_MAX_ARGS];
	for (int i = 0; i < UCC_MAKECONTEXT_MAX_ARGS; i++)
		v[i] = value(i);

	for (int off = 0; off < 16; off += 5) {
		for (int n = 0; n <= UCC_MAKECONTEXT_MAX_ARGS; n++) {
			REUSED_AS_DATA(region, sizeof region);
			memset(region, 0xcd, sizeof region);
			unsigned char *lo = region + PAD + off;
			fresh_ctx(&co_uc, lo, SIZE, &main_uc);
			argfn_make(&co_uc, n, v);
			ck_assert_int_eq(ucc_swapcontext(&main_uc, &co_uc), 0);
			ck_assert_int_eq(got_n, n);
			for (unsigned char *p = region; p < lo; p++)
				ck_assert_msg(*p == 0xcd, "argc %d: wrote %td bytes below",
					      n, lo - p);
			for (unsigned char *p = lo + SIZE; p < region + sizeof region; p++)
				ck_assert_msg(*p == 0xcd, "argc %d: wrote %td bytes above",
					      n, p - (lo + SIZE));
		}
	}
}
END_TEST

START_TEST(leaves_other_fields_and_errno_alone)
{
	struct tstack st;
	tstack_alloc(&st, 32 * 1024);
	ucontext_t before;
	fresh_ctx(&co_uc, st.lo, st.size, &main_uc);
	memcpy(&before, &co_uc, sizeof before);
	errno = 1234;
	ucc_makecontext(&co_uc, probe_entry, 0);
	ck_assert_int_eq(errno, 1234);
	ck_assert_int_eq(memcmp(&before, &co_uc, offsetof(ucontext_t, uc_mcontext)), 0);
	ck_assert_int_eq(memcmp(&before.uc_sigmask, &co_uc.uc_sigmask,
				sizeof before.uc_sigmask), 0);
	tstack_free(&st);
}
END_TEST

START_TEST(smallest_stack_runs)
{
	/* UCC_STACK_MIN plus the frame makecontext lays below the
	 * arguments (the port's UC_ARGS_OFFSET: a return address's slot,
	 * s390x's 160-byte register save area, ppc64le's
	 * linkage and parameter save areas) and alignment. */
	static unsigned char stack[UCC_STACK_MIN + UC_ARGS_OFFSET + 16]
		__attribute__((aligned(16)));
	fresh_ctx(&co_uc, stack, sizeof stack, &main_uc);
	errno = 0;
	ucc_makecontext(&co_uc, probe_entry, 0);
	ck_assert_int_eq(errno, 0);
	ck_assert_int_eq(ucc_swapcontext(&main_uc, &co_uc), 0);
	ck_assert_uint_ge(probe_entry_sp, (uintptr_t)stack + UCC_STACK_MIN);
}
END_TEST

static void
expect_refused(ucontext_t *uc, int err)
{
	ck_assert_int_eq(errno, err);
	errno = 0;
	ck_assert_int_eq(ucc_setcontext(uc), -1);
	ck_assert_int_eq(errno, EINVAL);
	errno = 0;
	ck_assert_int_eq(ucc_swapcontext(&main_uc, uc), -1);
	ck_assert_int_eq(errno, EINVAL);
}

START_TEST(refuses_bad_input)
{
	static unsigned char stack[64 * 1024];
	ucontext_t uc;

	errno = 0;
	ucc_makecontext(NULL, probe_entry, 0);	/* must not crash */
	ck_assert_int_eq(errno, EFAULT);

#define FRESH(sp, size) do {					\
		fresh_ctx(&uc, (sp), (size), NULL);		\
		errno = 0;					\
	} while (0)

	FRESH(stack, sizeof stack);
	ucc_makecontext(&uc, NULL, 0);
	expect_refused(&uc, EINVAL);

	FRESH(stack, sizeof stack);
	ucc_makecontext(&uc, probe_entry, -1);
	expect_refused(&uc, EINVAL);

	FRESH(stack, sizeof stack);
	ucc_makecontext(&uc, probe_entry, UCC_MAKECONTEXT_MAX_ARGS + 1);
	expect_refused(&uc, EINVAL);

	FRESH(NULL, sizeof stack);
	ucc_makecontext(&uc, probe_entry, 0);
	expect_refused(&uc, EINVAL);

	FRESH(stack, (size_t)-1);	/* wraps around the address space */
	ucc_makecontext(&uc, probe_entry, 0);
	expect_refused(&uc, EINVAL);

	FRESH(stack, 0);
	ucc_makecontext(&uc, probe_entry, 0);
	expect_refused(&uc, ENOMEM);

	/* less than UCC_STACK_MIN left for the function (with nothing on
	 * the stack, as on aarch64, exactly UCC_STACK_MIN is enough) */
	FRESH(stack, UCC_STACK_MIN - 1);
	ucc_makecontext(&uc, probe_entry, 0);
	expect_refused(&uc, ENOMEM);

	/* The arguments on the stack count against its size. */
	FRESH(stack + sizeof stack - UCC_STACK_MIN - 32, UCC_STACK_MIN + 32);
	ucc_makecontext(&uc, probe_entry, 40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
			0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
			0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
	expect_refused(&uc, ENOMEM);
#undef FRESH
}
END_TEST

/* A made context resumed again after its function returned starts
 * afresh: the library never writes into the frame makecontext built, so
 * the start trampoline's address is still the return address. */
static int runs;

static void
count_run(long a, long b, long c, long d, long e, long f, long g, long h)
{
	ck_assert_int_eq(a + b + c + d + e + f, 21);
	ck_assert_int_eq(g, 7);
	ck_assert_int_eq(h, 8);
	runs++;
}

START_TEST(made_context_runs_again_after_returning)
{
	struct tstack st;
	tstack_alloc(&st, 32 * 1024);
	fresh_ctx(&co_uc, st.lo, st.size, &main_uc);
	ucc_makecontext(&co_uc, (void (*)(void))count_run, 8,
			1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
	runs = 0;
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(ucc_swapcontext(&main_uc, &co_uc), 0);
	ck_assert_int_eq(runs, 3);
	tstack_free(&st);
}
END_TEST

/* uc_link NULL: returning ends the process with exit(0), atexit included. */
static void
nothing(void)
{
}

static void
run_unlinked(void)
{
	static struct tstack st;
	tstack_alloc(&st, 64 * 1024);
	make_ctx(&co_uc, &st, NULL, nothing);
	ucc_setcontext(&co_uc);
	ck_abort_msg("setcontext returned");
}

START_TEST(null_link_exits_zero)
{
	run_unlinked();
}
END_TEST

static void
exit_42(void)
{
	_exit(42);
}

START_TEST(null_link_runs_atexit_handlers)
{
	atexit(exit_42);
	run_unlinked();
}
END_TEST

/* The trampoline calls exit, and through it the atexit handlers, with
 * the stack aligned as after any call: the handler calls probe_entry,
 * whose entry stack pointer it checks. */
static void
aligned_or_13(void)
{
	probe_entry_sp = 0;
	probe_entry();
	if (!arch_entry_sp_ok(probe_entry_sp))
		_exit(13);
	_exit(43);
}

START_TEST(null_link_calls_exit_aligned)
{
	atexit(aligned_or_13);
	run_unlinked();
}
END_TEST

START_TEST(unresumable_link_exits_255)
{
	static struct tstack st;
	static ucontext_t bad;
	memset(&bad, 0, sizeof bad);
	tstack_alloc(&st, 64 * 1024);
	make_ctx(&co_uc, &st, &bad, nothing);
	ucc_setcontext(&co_uc);
}
END_TEST

/* The uc_link resumed is the one the ABI's glibc takes: the one in ucp
 * when makecontext was called, or where glibc's trampoline reads it
 * only when the function returns (ppc64le: ARCH_LINK_FROM_UCP), the one
 * in ucp then. */
START_TEST(uc_link_read_when_glibc_reads_it)
{
	static ucontext_t link_a, link_b;
	static volatile int phase;
	volatile char got = 0;
	struct tstack st;
	tstack_alloc(&st, 64 * 1024);
	phase = 0;
	ucc_getcontext(&link_a);
	if (phase == 0) {
		ucc_getcontext(&link_b);
		if (phase == 0) {
			make_ctx(&co_uc, &st, &link_a, nothing);
			co_uc.uc_link = &link_b;
			phase = 1;
			ucc_setcontext(&co_uc);
			ck_abort_msg("setcontext returned");
		}
		got = 'b';
	} else {
		got = 'a';
	}
	ck_assert_int_eq(got, ARCH_LINK_FROM_UCP ? 'b' : 'a');
	tstack_free(&st);
}
END_TEST

START_TEST(plain_name_is_ours)
{
	SAME_FUNCTION(makecontext, ucc_makecontext);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("makecontext");
	TCase *tc = tcase("arguments");
	tcase_add_loop_test(tc, every_argc_passes_64bit_values, 0,
			    UCC_MAKECONTEXT_MAX_ARGS + 1);
	tcase_add_test(tc, int_arguments);
	suite_add_tcase(s, tc);

	tc = tcase("stack");
	tcase_add_loop_test(tc, entry_alignment_for_every_offset, 0, 16);
	tcase_add_test(tc, writes_nothing_outside_the_stack);
	tcase_add_test(tc, leaves_other_fields_and_errno_alone);
	tcase_add_test(tc, smallest_stack_runs);
	tcase_add_test(tc, refuses_bad_input);
	tcase_add_test(tc, made_context_runs_again_after_returning);
	tcase_add_test(tc, plain_name_is_ours);
	suite_add_tcase(s, tc);

	tc = tcase("uc_link");
	tcase_add_exit_test(tc, null_link_exits_zero, 0);
	tcase_add_exit_test(tc, null_link_runs_atexit_handlers, 42);
	tcase_add_exit_test(tc, null_link_calls_exit_aligned, 43);
	tcase_add_exit_test(tc, unresumable_link_exits_255, 255);
	tcase_add_test(tc, uc_link_read_when_glibc_reads_it);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
