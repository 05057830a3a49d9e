/* getcontext: what it writes, what it leaves alone, returning twice. */
#include "util.h"

#include <errno.h>
#include <string.h>

START_TEST(returns_zero_and_captures_the_caller)
{
	ucontext_t uc;
	memset(&uc, 0, sizeof uc);
	char here;

	ck_assert_int_eq(ucc_getcontext(&uc), 0);
	/* The stack pointer is the caller's, just above its locals' frame. */
	uintptr_t sp = arch_uc_sp(&uc);
	ck_assert_uint_le(sp, (uintptr_t)&here);
	ck_assert_uint_lt((uintptr_t)&here - sp, 4096);
	ck_assert_uint_ne(arch_uc_pc(&uc), 0);
}
END_TEST

START_TEST(writes_only_its_fields)
{
	/* Bytes outside the documented fields keep their value: uc_flags,
	 * uc_link, uc_stack, the signal mask (default mode), and for glibc
	 * everything past musl's 936 bytes, __ssp included. */
	unsigned char buf[sizeof(ucontext_t)];
	ucontext_t *uc = (ucontext_t *)buf;
	memset(buf, 0xab, sizeof buf);

	ck_assert_int_eq(ucc_getcontext(uc), 0);
	int changed_in_fields = 0;
	for (size_t i = 0; i < sizeof buf; i++) {
		int inside = 0;
		for (size_t r = 0; r < ARCH_NWRITTEN; r++)
			if (i >= arch_written[r].off &&
			    i < arch_written[r].off + arch_written[r].len)
				inside = 1;
		if (inside)
			changed_in_fields += buf[i] != 0xab;
		else
			ck_assert_msg(buf[i] == 0xab,
				      "getcontext wrote byte %zu (0x%02x)", i, buf[i]);
	}
	ck_assert_int_gt(changed_in_fields, 16);
}
END_TEST

/* Every register glibc's getcontext saves is saved, each in its slot:
 * known values in all of them, then a look at gregs. */
START_TEST(saves_every_register_in_its_slot)
{
	ucontext_t uc;
	arch_reg_t vals[ARCH_NSAVED];
	memset(&uc, 0xab, sizeof uc);
	for (int i = 0; i < ARCH_NSAVED; i++)
		vals[i] = (arch_reg_t)(0x1111111111111111u * (uint64_t)(i + 1) ^ 0x8000000000000000u);
	ck_assert_int_eq(probe_getcontext_all(&uc, vals), 0);
	for (int i = 0; i < ARCH_NSAVED; i++)
		ck_assert_msg((arch_reg_t)ARCH_UC_REG(&uc, arch_saved[i]) == vals[i],
			      "register %d (slot %d) saved as %#llx, not %#llx", i,
			      arch_saved[i], (unsigned long long)ARCH_UC_REG(&uc, arch_saved[i]),
			      (unsigned long long)vals[i]);
#ifdef ARCH_REG_UCP
	ck_assert_ptr_eq((void *)ARCH_UC_REG(&uc, ARCH_REG_UCP), &uc);
#endif
#ifdef ARCH_REG_ZERO
	ck_assert_uint_eq((uint64_t)ARCH_UC_REG(&uc, ARCH_REG_ZERO), 0);
#endif
#ifdef ARCH_REG_RA
	/* the return address twice, as glibc: the pc and its own slot
	 * (riscv64: ra; arm: lr) */
	ck_assert_uint_eq((uintptr_t)ARCH_UC_REG(&uc, ARCH_REG_RA), arch_uc_pc(&uc));
#endif
#ifdef ARCH_ZEROED
	/* other words glibc's getcontext sets to 0 (aarch64: pstate) */
	static const size_t zeroed[] = ARCH_ZEROED;
	for (size_t i = 0; i < sizeof zeroed / sizeof zeroed[0]; i++) {
		uint64_t w;
		memcpy(&w, (const char *)&uc + zeroed[i], sizeof w);
		ck_assert_msg(w == 0, "the word at %zu is %#llx, not 0", zeroed[i],
			      (unsigned long long)w);
	}
#endif
	ck_assert_uint_ne(arch_uc_sp(&uc), 0xababababababababu);
	ck_assert_uint_ne(arch_uc_pc(&uc), 0xababababababababu);
}
END_TEST

START_TEST(returns_twice)
{
	ucontext_t uc;
	volatile int returns = 0;
	volatile long local = 7;

	ck_assert_int_eq(ucc_getcontext(&uc), 0);
	returns++;
	if (returns == 1) {
		local = 11;
		ucc_setcontext(&uc);
		ck_abort_msg("setcontext returned");
	}
	ck_assert_int_eq(returns, 2);
	ck_assert_int_eq(local, 11);	/* memory is not rolled back */
}
END_TEST

START_TEST(returns_many_times)
{
	ucontext_t uc;
	volatile int returns = 0;

	ucc_getcontext(&uc);
	if (++returns < 1000)
		ucc_setcontext(&uc);
	ck_assert_int_eq(returns, 1000);
}
END_TEST

START_TEST(null_is_efault)
{
	errno = 0;
	ck_assert_int_eq(ucc_getcontext(NULL), -1);
	ck_assert_int_eq(errno, EFAULT);
}
END_TEST

START_TEST(plain_name_is_ours)
{
	SAME_FUNCTION(getcontext, ucc_getcontext);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("getcontext");
	TCase *tc = tcase("getcontext");
	tcase_add_test(tc, returns_zero_and_captures_the_caller);
	tcase_add_test(tc, writes_only_its_fields);
	tcase_add_test(tc, saves_every_register_in_its_slot);
	tcase_add_test(tc, returns_twice);
	tcase_add_test(tc, returns_many_times);
	tcase_add_test(tc, null_is_efault);
	tcase_add_test(tc, plain_name_is_ours);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
