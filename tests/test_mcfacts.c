/* makecontext's facts for the ABIs without a port yet (tests/facts/):
 * built once per folder, with lib/makecontext.c and lib/sp.c compiled
 * against that folder's offsets.def, and checked here against what the
 * facts say, each check one that fails if makecontext ignores its fact.
 * Nothing is switched to: the register slots are made up, only the
 * layout is the ABI's. */
#define _GNU_SOURCE
#include <check.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

#include "ucontext_compat.h"
#include "abi.h"

#ifndef FACTS
# error "FACTS names the tests/facts folder"
#endif

/* What lib/makecontext.c calls, here never run.  Where function
 * pointers are descriptors, makecontext reads __ucc_start's as one: its
 * first words, aligned as a descriptor would be. */
void __ucc_start(void);
__attribute__((aligned(16))) void __ucc_start(void) { abort(); }
int __ucc_setcontext(const ucontext_t *ucp);
int __ucc_setcontext(const ucontext_t *ucp) { (void)ucp; return -1; }

static void target(void) { abort(); }

/* Where function pointers are descriptors, the made context's "function"
 * is this descriptor: entry 0x12345670, TOC 0x2468ace0. */
static const uintptr_t target_desc[3] = { 0x12345670, 0x2468ace0, 0 };

static union {
	ucontext_t uc;
	unsigned char bytes[4096];	/* room for the made-up slots */
} u;
static unsigned char stack[65536] __attribute__((aligned(64)));

static uintptr_t
word(const void *at, unsigned size)
{
	if (size == 8) {
		uint64_t v;
		memcpy(&v, at, 8);
		return (uintptr_t)v;
	}
	uint32_t v;
	memcpy(&v, at, 4);
	return v;
}

/* The register area: the context itself, or where uc_regs points. */
static const unsigned char *
regs(const void *ucp)
{
#ifdef UC_MCTX_PTR
	const unsigned char *p;
	memcpy(&p, (const char *)ucp + UC_MCTX_PTR, sizeof p);
	return p;
#else
	return ucp;
#endif
}

static uintptr_t
reg(const void *ucp, unsigned off)
{
	return word(regs(ucp) + off, UC_REG_SIZE);
}

/* v truncated to a register's or a slot's width */
static uintptr_t
trunc_to(uintptr_t v, unsigned size)
{
	return size == 8 ? v : (uintptr_t)(uint32_t)v;
}

static uintptr_t
arg(int i)
{
	return (uintptr_t)0x5a5a0100u + (uintptr_t)i * 0x11u;
}

static void (*made_fn(void))(void)
{
	return UC_FUNC_DESC ? (void (*)(void))(uintptr_t)target_desc : target;
}

static void
make(ucontext_t *ucp, uintptr_t lo, size_t size, int argc)
{
	memset(stack, 0xee, sizeof stack);
	ucp->uc_stack.ss_sp = (void *)lo;
	ucp->uc_stack.ss_size = size;
	ucp->uc_link = (ucontext_t *)(uintptr_t)0x7e570000u;
	errno = 0;
	ucc_makecontext(ucp, made_fn(), argc, arg(0), arg(1), arg(2), arg(3),
			arg(4), arg(5), arg(6), arg(7), arg(8), arg(9), arg(10));
}

/* Every argument where the facts put it, the stack pointer biased and
 * aligned, the area between it and the arguments zeroed. */
START_TEST(frame_follows_the_facts)
{
	const unsigned nreg = UC_NARGREGS;
	const int argc = (int)nreg + 3;
	uintptr_t lo = (uintptr_t)stack + 3 + (uintptr_t)_i;
	size_t size = 16384 - (size_t)_i * 5;
	make(&u.uc, lo, size, argc);
	ck_assert_int_eq(errno, 0);

	uintptr_t saved = reg(&u, UC_SP);
	uintptr_t sp = trunc_to(saved + UC_STACK_BIAS, UC_REG_SIZE);
	if (UC_REG_SIZE == 4)	/* the stack's own high bits, on a 64-bit host */
		sp |= lo & ~(uintptr_t)0xffffffffu;
	uintptr_t args = sp + UC_ARGS_OFFSET;
	uintptr_t top = lo + size;
	ck_assert_msg(args % UC_STACK_ALIGN == 0,
		      "%s: the arguments at %#lx, not aligned to %d", FACTS,
		      (unsigned long)args, UC_STACK_ALIGN);
	ck_assert(sp >= lo + UCC_STACK_MIN);
	ck_assert(args + 3 * UC_SLOT_SIZE <= top);
	ck_assert(top - (args + 3 * UC_SLOT_SIZE) < UC_STACK_ALIGN);
	ck_assert(trunc_to((uintptr_t)ucc_context_sp(&u.uc), UC_REG_SIZE) ==
		  trunc_to(sp, UC_REG_SIZE));

	for (unsigned i = 0; i < nreg; i++)
		ck_assert_msg(reg(&u, ucc_argregs[i]) == trunc_to(arg((int)i), UC_REG_SIZE),
			      "%s: argument %u not in its register", FACTS, i);
	for (int i = 0; i < 3; i++)
		ck_assert_msg(word((void *)(args + (uintptr_t)i * UC_SLOT_SIZE), UC_SLOT_SIZE) ==
			      trunc_to(arg((int)nreg + i), UC_SLOT_SIZE),
			      "%s: stack argument %d not at sp + %d", FACTS, i,
			      UC_ARGS_OFFSET + i * UC_SLOT_SIZE);
	for (uintptr_t at = UC_RA_ON_STACK ? sp + UC_SLOT_SIZE : sp; at < args; at++)
		ck_assert_msg(*(unsigned char *)at == 0,
			      "%s: sp + %lu not zeroed", FACTS, (unsigned long)(at - sp));
	for (uintptr_t at = (uintptr_t)stack; at < lo; at++)
		ck_assert(*(unsigned char *)at == 0xee);
	for (uintptr_t at = top; at < (uintptr_t)stack + sizeof stack; at++)
		ck_assert(*(unsigned char *)at == 0xee);
}
END_TEST

/* The program counter, entry and TOC registers, return address, frame
 * pointer and uc_link. */
START_TEST(registers_follow_the_facts)
{
	make(&u.uc, (uintptr_t)stack, 16384, 0);
	ck_assert_int_eq(errno, 0);
	uintptr_t entry = (uintptr_t)target, start = (uintptr_t)__ucc_start;
#if UC_FUNC_DESC
	entry = target_desc[0];
	memcpy(&start, (const void *)(uintptr_t)__ucc_start, sizeof start);
	ck_assert_msg(reg(&u, UC_TOC_REG) == trunc_to(target_desc[1], UC_REG_SIZE),
		      "%s: the descriptor's TOC is not in its register", FACTS);
#endif
	ck_assert_msg(reg(&u, UC_PC) == trunc_to(entry, UC_REG_SIZE),
		      "%s: the program counter is not the entry address", FACTS);
#ifdef UC_ENTRY_REG
	ck_assert_msg(reg(&u, UC_ENTRY_REG) == trunc_to(entry, UC_REG_SIZE),
		      "%s: the entry register does not hold the entry address", FACTS);
#endif
	uintptr_t ra = trunc_to(start - UC_RA_OFFSET, UC_REG_SIZE);
	if (UC_RA_ON_STACK)
		ck_assert(word(ucc_context_sp(&u.uc), UC_SLOT_SIZE) == ra);
	else
		ck_assert_msg(reg(&u, UC_RA) == ra,
			      "%s: the return address is not the trampoline's, less %d",
			      FACTS, UC_RA_OFFSET);
	ck_assert(reg(&u, UC_FP) == 0);
	ck_assert(reg(&u, UC_LINK_REG) == trunc_to(0x7e570000u, UC_REG_SIZE));
}
END_TEST

/* A register area reached through a pointer: makecontext points it at
 * the context's own space, so a copy made by assignment is made in the
 * copy and leaves the original alone. */
START_TEST(register_area_is_the_contexts_own)
{
#ifdef UC_MCTX_PTR
	static union { ucontext_t uc; unsigned char bytes[4096]; } copy;
	make(&u.uc, (uintptr_t)stack, 16384, 1);
	uintptr_t own = ((uintptr_t)&u + UC_MCTX_SPACE + UC_MCTX_ALIGN - 1) &
			-(uintptr_t)UC_MCTX_ALIGN;
	ck_assert_ptr_eq(regs(&u), (void *)own);
	uintptr_t sp = reg(&u, UC_SP);
	memcpy(&copy, &u, sizeof u);	/* its pointer designates u's space */
	make(&copy.uc, (uintptr_t)stack + 4096, 8192, 1);
	ck_assert_ptr_eq(regs(&copy), (const unsigned char *)&copy + (own - (uintptr_t)&u));
	ck_assert(reg(&u, UC_SP) == sp);
	ck_assert(reg(&copy, UC_SP) != sp);
#else
	ck_assert(regs(&u) == (const unsigned char *)&u);
#endif
}
END_TEST

/* A refused context: a zero stack pointer where setcontext looks. */
START_TEST(refused_context_has_no_stack_pointer)
{
	make(&u.uc, (uintptr_t)stack, 16384, 0);
	make(&u.uc, (uintptr_t)stack, 64, 0);
	ck_assert_int_eq(errno, ENOMEM);
	ck_assert(reg(&u, UC_SP) == 0);
	ck_assert_ptr_null(ucc_context_sp(&u.uc));
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("makecontext facts: " FACTS);
	TCase *tc = tcase_create(FACTS);
	tcase_add_loop_test(tc, frame_follows_the_facts, 0, 16);
	tcase_add_test(tc, registers_follow_the_facts);
	tcase_add_test(tc, register_area_is_the_contexts_own);
	tcase_add_test(tc, refused_context_has_no_stack_pointer);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
