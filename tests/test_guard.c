/* Bad input proven with guard pages: the whole makecontext matrix runs on
 * stacks whose PROT_NONE guard pages touch both ends, or either end when
 * the size is not a whole number of pages; nothing ever touches a guard
 * (that would be a SIGSEGV).  Then ucc_stack_alloc: an overflow in a
 * context is a SIGSEGV at its guard, caught on an alternate stack. */
#include "util.h"

#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
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

/* A region of `pages` read-write pages between two PROT_NONE guards. */
struct guarded {
	unsigned char *map, *lo;
	size_t len;
};

static void
guarded_alloc(struct guarded *g, size_t pages)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	g->len = (pages + 2) * page;
	g->map = mmap(NULL, g->len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ck_assert_ptr_ne(g->map, MAP_FAILED);
	g->lo = g->map + page;
	ck_assert_int_eq(mprotect(g->lo, pages * page, PROT_READ | PROT_WRITE), 0);
}

static void
guarded_free(struct guarded *g)
{
	munmap(g->map, g->len);
}

/* _i: 0 both guards touching, 1 the upper one, 2 the lower one. */
START_TEST(makecontext_matrix_between_guard_pages)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	arch_reg_t v[UCC_MAKECONTEXT_MAX_ARGS];
	for (int i = 0; i < UCC_MAKECONTEXT_MAX_ARGS; i++)
		v[i] = 0x0123456789abcdefull * (uint64_t)(i + 1);

	long made = 0, refused = 0;
	for (size_t pages = 1; pages <= 4; pages *= 2) {
		struct guarded g;
		guarded_alloc(&g, pages);
		size_t full = pages * page;
		for (int trim = 0; trim < (_i ? 40 : 1); trim += 8) {
			unsigned char *sp = _i == 2 ? g.lo : g.lo + (_i ? trim + 8 : 0);
			size_t size = _i ? full - (size_t)trim - 8 : full;
			for (int n = 0; n <= UCC_MAKECONTEXT_MAX_ARGS; n++) {
				fresh_ctx(&co_uc, sp, size, &main_uc);
				errno = 0;
				argfn_make(&co_uc, n, v);
				if (errno != 0) {
					/* refused as too small: nothing written */
					ck_assert_int_eq(errno, ENOMEM);
					ck_assert_uint_lt(size, UCC_STACK_MIN + 8 * (size_t)n + 24);
					refused++;
					continue;
				}
				made++;
				got_n = -1;
				ck_assert_int_eq(ucc_swapcontext(&main_uc, &co_uc), 0);
				ck_assert_int_eq(got_n, n);
				for (int i = 0; i < n; i++)
					ck_assert(got[i] == v[i]);
			}
		}
		guarded_free(&g);
	}
	printf("guard matrix %d: %ld contexts started with every argument intact, "
	       "%ld refused as too small (ENOMEM), no guard page touched\n",
	       _i, made, refused);
}
END_TEST

START_TEST(tiny_stacks_against_the_guards_are_refused)
{
	struct guarded g;
	guarded_alloc(&g, 1);
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	int tried = 0;
	for (size_t size = 0; size < UCC_STACK_MIN; size += 56) {
		unsigned char *tops[2] = { g.lo, g.lo + page - size };
		for (int k = 0; k < 2; k++) {
			fresh_ctx(&co_uc, tops[k], size, &main_uc);
			errno = 0;
			ucc_makecontext(&co_uc, (void (*)(void))argfn0, 0);
			ck_assert_int_eq(errno, ENOMEM);
			ck_assert_int_eq(ucc_swapcontext(&main_uc, &co_uc), -1);
			tried++;
		}
	}
	guarded_free(&g);
	printf("tiny stacks: %d makecontext calls refused (ENOMEM), %d switches "
	       "to them refused (-1)\n", tried, tried);
}
END_TEST

/* ---- ucc_stack_alloc -------------------------------------------------- */

START_TEST(stack_alloc_bad_input)
{
	stack_t ss;
	errno = 0;
	ck_assert_int_eq(ucc_stack_alloc(NULL, 4096), -1);
	ck_assert_int_eq(errno, EFAULT);
	errno = 0;
	ck_assert_int_eq(ucc_stack_alloc(&ss, 0), -1);
	ck_assert_int_eq(errno, EINVAL);
	errno = 0;
	ck_assert_int_eq(ucc_stack_alloc(&ss, (size_t)-1), -1);
	ck_assert_int_eq(errno, EINVAL);
	errno = 0;
	ck_assert_int_eq(ucc_stack_free(NULL), -1);
	ck_assert_int_eq(errno, EFAULT);
	stack_t odd = { .ss_sp = (char *)&ss + 1, .ss_size = 100 };
	errno = 0;
	ck_assert_int_eq(ucc_stack_free(&odd), -1);
	ck_assert_int_eq(errno, EINVAL);
	stack_t none = { .ss_sp = NULL };
	ck_assert_int_eq(ucc_stack_free(&none), 0);
}
END_TEST

START_TEST(stack_alloc_gives_a_usable_guarded_stack)
{
	stack_t ss;
	ck_assert_int_eq(ucc_stack_alloc(&ss, 10000), 0);
	ck_assert_uint_ge(ss.ss_size, 10000);
	ck_assert_uint_eq(ss.ss_size % ucc_stack_guard_size(), 0);
	memset(ss.ss_sp, 0x5a, ss.ss_size);	/* all of it writable */
	fresh_ctx(&co_uc, ss.ss_sp, ss.ss_size, &main_uc);
	got_n = -1;
	ucc_makecontext(&co_uc, (void (*)(void))argfn1, 1, (arch_reg_t)77);
	ck_assert_int_eq(ucc_swapcontext(&main_uc, &co_uc), 0);
	ck_assert_int_eq(got_n, 1);
	ck_assert_int_eq(ucc_stack_free(&ss), 0);
	ck_assert_ptr_null(ss.ss_sp);
}
END_TEST

/* The permissions of the mapping that holds addr, from /proc/self/maps
 * ("rw-p"): 1 if one does, 0 if none.  (mincore would tell mapped from
 * unmapped too, but qemu-user answers ENOMEM for a PROT_NONE page.) */
static int
mapping_of(const void *addr, char perms[5])
{
	FILE *f = fopen("/proc/self/maps", "r");
	ck_assert_ptr_nonnull(f);
	unsigned long lo, hi;
	char p[5];
	int found = 0;
	while (fscanf(f, "%lx-%lx %4s%*[^\n]", &lo, &hi, p) == 3) {
		if ((uintptr_t)addr >= lo && (uintptr_t)addr < hi) {
			memcpy(perms, p, 5);
			found = 1;
			break;
		}
	}
	fclose(f);
	return found;
}

/* The guard is the page right below the stack: mapped, with no access
 * (a write to it in a child is a SIGSEGV); and ucc_stack_free unmaps it
 * with the stack.  An overflow alone cannot tell: memory below a stack
 * is often unmapped anyway. */
START_TEST(the_guard_is_the_page_below)
{
	stack_t ss;
	size_t page = ucc_stack_guard_size();
	char perms[5];
	ck_assert_int_eq(ucc_stack_alloc(&ss, 3 * page), 0);
	char *guard = (char *)ss.ss_sp - page;
	ck_assert_msg(mapping_of(guard, perms), "nothing is mapped below the stack");
	ck_assert_msg(strncmp(perms, "---", 3) == 0,
		      "the page below the stack is %s, not inaccessible", perms);
	ck_assert_msg(mapping_of(guard + page, perms) && strncmp(perms, "rw", 2) == 0,
		      "the stack is not writable");
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		signal(SIGSEGV, SIG_DFL);
		*(volatile char *)(guard + page - 1) = 1;
		_exit(0);
	}
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
		      "a write just below the stack did not fault");
	ck_assert_int_eq(ucc_stack_free(&ss), 0);
	ck_assert_msg(!mapping_of(guard, perms) || strncmp(perms, "---", 3) != 0,
		      "the guard page is still mapped after ucc_stack_free");
}
END_TEST

/* An overflow: recursion without end on a guarded stack faults at the
 * guard; the SIGSEGV handler, on an alternate stack, sees the address. */
static stack_t overflow_ss;
static sigjmp_buf escape;
static volatile uintptr_t fault_at;

static void
on_segv(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	(void)ctx;
	fault_at = (uintptr_t)si->si_addr;
	siglongjmp(escape, 1);
}

static int __attribute__((noinline))
bottomless(int n)
{
	volatile char frame[256];
	frame[0] = (char)n;
	if (frame[0] == (char)n)	/* always; the compiler cannot tell */
		return bottomless(n + 1) + frame[0];
	return 0;
}

static void
overflow(void)
{
	bottomless(0);
}

START_TEST(overflow_faults_at_the_guard)
{
	static char alt[64 * 1024];
	stack_t as = { .ss_sp = alt, .ss_size = sizeof alt };
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	ck_assert_int_eq(sigaltstack(&as, NULL), 0);
	ck_assert_int_eq(sigaction(SIGSEGV, &sa, NULL), 0);

	ck_assert_int_eq(ucc_stack_alloc(&overflow_ss, 64 * 1024), 0);
	fresh_ctx(&co_uc, overflow_ss.ss_sp, overflow_ss.ss_size, &main_uc);
	ucc_makecontext(&co_uc, overflow, 0);
	if (sigsetjmp(escape, 1) == 0) {
		ucc_swapcontext(&main_uc, &co_uc);
		ck_abort_msg("the recursion returned");
	}
	uintptr_t lo = (uintptr_t)overflow_ss.ss_sp;
	ck_assert_uint_lt(fault_at, lo);
	ck_assert_uint_ge(fault_at, lo - ucc_stack_guard_size());
	ck_assert_int_eq(ucc_stack_free(&overflow_ss), 0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("guard");
	TCase *tc = tcase("guard pages");
	tcase_add_loop_test(tc, makecontext_matrix_between_guard_pages, 0, 3);
	tcase_add_test(tc, tiny_stacks_against_the_guards_are_refused);
	suite_add_tcase(s, tc);
	tc = tcase("ucc_stack_alloc");
	tcase_add_test(tc, stack_alloc_bad_input);
	tcase_add_test(tc, stack_alloc_gives_a_usable_guarded_stack);
	tcase_add_test(tc, the_guard_is_the_page_below);
	tcase_add_test(tc, overflow_faults_at_the_guard);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
