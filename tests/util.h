/* Shared by the Check suites: guarded stacks, suite running, access to
 * the libc originals. */
#ifndef UCC_TEST_UTIL_H
#define UCC_TEST_UTIL_H

#define _GNU_SOURCE
#include <check.h>
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>
#include <ucontext.h>

#include "ucontext_compat.h"
#include "arch.h"
#include "sigcount.h"

/* Add a test case that counts system calls with sigcount's filters where
 * they can be installed; elsewhere (qemu-user has no seccomp) leave it
 * out and say so on a line of its own, "SKIP: ...", which scripts/cross
 * counts and reports: never a pass.  tests/qemu-strace.sh counts the
 * same calls with qemu's -strace, in a glibc build only (it preloads the
 * library into a program built on glibc's functions). */
#ifdef __GLIBC__
# define SIGCOUNT_ELSEWHERE "tests/qemu-strace.sh counts the calls"
#else
# define SIGCOUNT_ELSEWHERE "not counted in this build: " \
	"tests/qemu-strace.sh counts them in the glibc build"
#endif
#define SIGCOUNT_TEST(tc, fn)						\
	do {								\
		if (sigcount_supported())				\
			tcase_add_test((tc), (fn));			\
		else							\
			fprintf(stderr, "SKIP: %s: needs seccomp filters, "	\
				"which this kernel or emulator lacks; "	\
				SIGCOUNT_ELSEWHERE "\n", #fn);		\
	} while (0)
#define SIGCOUNT_LOOP_TEST(tc, fn, s, e)				\
	do {								\
		if (sigcount_supported())				\
			tcase_add_loop_test((tc), (fn), (s), (e));	\
		else							\
			fprintf(stderr, "SKIP: %s: needs seccomp filters, "	\
				"which this kernel or emulator lacks; "	\
				SIGCOUNT_ELSEWHERE "\n", #fn);		\
	} while (0)

/* What the register probes (tests/arch/<abi>/probe.S) load and store: a
 * general register's worth, 64 bits unless arch.h says (ARCH_REG_T); and
 * how many registers probe_getcontext_all loads (ARCH_NSAVED). */
#ifndef ARCH_REG_T
# define ARCH_REG_T uint64_t
#endif
typedef ARCH_REG_T arch_reg_t;
#ifndef ARCH_NSAVED
# define ARCH_NSAVED 11
#endif
/* 1 where the ABI's glibc reads uc_link from ucp only when the made
 * function returns (ppc64le), so that one set after makecontext counts;
 * 0 where it is taken when makecontext is called. */
#ifndef ARCH_LINK_FROM_UCP
# define ARCH_LINK_FROM_UCP 0
#endif
/* The first ARCH_NPRESERVED of the ARCH_NCALLEE registers a context keeps
 * are the ones the psABI says a call preserves: all that a function such
 * as ucc_slice_swap need keep (i386's context keeps edx besides). */
#ifndef ARCH_NPRESERVED
# define ARCH_NPRESERVED ARCH_NCALLEE
#endif

/* a / b in the FP unit whose state a context keeps (a port's fpctl.h may
 * define its own: armel's C divides in software, which neither rounds
 * by FPSCR's mode nor raises its flags). */
#ifndef arch_fp_div
static inline double
arch_fp_div(double a, double b)
{
	return a / b;
}
#endif

/* The exception flags a context owns, running now (a port's fpctl.h
 * may define its own). */
#ifndef arch_fp_flags
static inline unsigned
arch_fp_flags(void)
{
	struct fpctl f;
	arch_get_fpctl(&f);
	return arch_fpctl_flags(&f);
}
#endif

/* tests/arch/<abi>/probe.S: load in[] into the callee-saved registers
 * (ARCH_NCALLEE of them), call ucc_slice_swap(from, to), then store them
 * into out[]; returns its result. */
int probe_slice_swap(ucc_slice_t *from, ucc_slice_t *to, const arch_reg_t *in,
		     arch_reg_t *out);


/* Built with AddressSanitizer: gcc says __SANITIZE_ADDRESS__, clang
 * answers __has_feature. */
#if defined(__SANITIZE_ADDRESS__)
# define UCC_TEST_ASAN 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define UCC_TEST_ASAN 1
# endif
#endif

/* Memory that served as a context's stack and is reused for other data:
 * memcheck otherwise takes writes to it for writes to a dead stack. */
#ifdef HAVE_VALGRIND_VALGRIND_H
#include <valgrind/memcheck.h>
#define REUSED_AS_DATA(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#else
#define REUSED_AS_DATA(p, n) ((void)0)
#endif

/* A stack of `size` bytes whose first and last bytes touch PROT_NONE
 * guard pages, so any write outside it is a SIGSEGV. */
struct tstack {
	unsigned char *lo;	/* the usable bytes: [lo, lo + size) */
	size_t size;
	void *map;
	size_t maplen;
};

void tstack_alloc(struct tstack *s, size_t size);
void tstack_free(struct tstack *s);

/* getcontext(uc), then set its stack to [sp, sp + size) and uc_link;
 * asserts success.  Being a separate function keeps getcontext's second
 * return out of the caller, so its loops need no volatile. */
void fresh_ctx(ucontext_t *uc, void *sp, size_t size, ucontext_t *link);

/* While the mask call fails with errno err (the posix library under a
 * failing rt_sigprocmask): getcontext, setcontext(resumable) and
 * swapcontext(from, to) each return -1 with errno err, the last two
 * without switching. */
void assert_mask_calls_fail(int err, const ucontext_t *resumable,
			    ucontext_t *from, const ucontext_t *to);

/* getcontext, then makecontext on `s` with uc_link `link` and no
 * arguments; asserts success. */
void make_ctx(ucontext_t *uc, struct tstack *s, ucontext_t *link,
	      void (*fn)(void));

/* n, divided by $UCC_TEST_SCALE when set (make check-valgrind shrinks
 * the stress tests that way; every check still runs). */
long scaled(long n);

/* A function's address as the program sees it at run time: clang folds
 * a comparison of two distinct declared functions to false, even where
 * one is an alias of the other in a shared library. */
static inline void *
runtime_address(void (*f)(void))
{
	void *p = (void *)f;
	__asm__("" : "+r"(p));
	return p;
}
#define SAME_FUNCTION(a, b) \
	ck_assert_ptr_eq(runtime_address((void (*)(void))(a)), \
			 runtime_address((void (*)(void))(b)))

/* Run every test case of `s` and return the exit status for main. */
int run_suite(Suite *s);

/* A fresh TCase with a timeout suited to real context switches. */
TCase *tcase(const char *name);

#endif
