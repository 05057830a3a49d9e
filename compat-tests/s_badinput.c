/* Bad input, each case in a child process: a result and errno, or the
 * signal that ended the child.  glibc checks nothing; ours refuses. */
#include "scenario.h"

#include <errno.h>
#include <string.h>

static ucontext_t uc, other;

static void
result(const char *key, int r)
{
	say(key, "returns %d, errno %s", r,
	    errno == EINVAL ? "EINVAL" : errno == EFAULT ? "EFAULT" :
	    errno == ENOMEM ? "ENOMEM" : errno ? strerror(errno) : "0");
}

static void nothing(void) { }

static void c_get_null(void) { errno = 0; result("getcontext.bad.null", getcontext(NULL)); }
static void c_set_null(void) { errno = 0; result("setcontext.bad.null", setcontext(NULL)); }
static void c_set_zeroed(void)
{
	memset(&uc, 0, sizeof uc);
	errno = 0;
	result("setcontext.bad.zeroed", setcontext(&uc));
}
static void c_swap_null_o(void)
{
	getcontext(&other);
	errno = 0;
	result("swapcontext.bad.null-oucp", swapcontext(NULL, &other));
}
static void c_swap_null_u(void) { errno = 0; result("swapcontext.bad.null-ucp", swapcontext(&other, NULL)); }
static void c_swap_zeroed(void)
{
	memset(&uc, 0, sizeof uc);
	errno = 0;
	result("swapcontext.bad.zeroed-ucp", swapcontext(&other, &uc));
}

static void
make_then_swap(const char *key, void *sp, size_t size, void (*fn)(void), int argc)
{
	prepare(&uc, sp, size, &other);
	errno = 0;
	if (argc > 64)
		makecontext(&uc, fn, 65, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
			    14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
			    29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43,
			    44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58,
			    59, 60, 61, 62, 63, 64, 65);
	else
		makecontext(&uc, fn, argc);
	char k[64];
	snprintf(k, sizeof k, "%s.makecontext", key);
	say(k, "errno %s", errno == EINVAL ? "EINVAL" : errno == ENOMEM ? "ENOMEM" : errno ? "other" : "0");
	errno = 0;
	int r = swapcontext(&other, &uc);
	snprintf(k, sizeof k, "%s.swapcontext", key);
	if (r == 0)
		say(k, "ran and came back");
	else
		result(k, r);
}

static char big[65536] __attribute__((aligned(16)));
static char tiny[64] __attribute__((aligned(16)));

static void c_make_null_stack(void) { make_then_swap("makecontext.bad.null-stack", NULL, 65536, nothing, 0); }
static void c_make_tiny_stack(void) { make_then_swap("makecontext.bad.tiny-stack", tiny, sizeof tiny, nothing, 0); }
static void c_make_null_func(void) { make_then_swap("makecontext.bad.null-func", big, sizeof big, NULL, 0); }
static void c_make_argc65(void) { make_then_swap("makecontext.bad.argc-65", big, sizeof big, nothing, 65); }
static void c_make_null_ucp(void)
{
	errno = 0;
	makecontext(NULL, nothing, 0);
	say("makecontext.bad.null-ucp", "returned, errno %s", errno == EFAULT ? "EFAULT" : errno ? "other" : "0");
}

int
main(void)
{
	static const struct { const char *name; void (*fn)(void); } cases[] = {
		{ "getcontext.bad.null", c_get_null },
		{ "setcontext.bad.null", c_set_null },
		{ "setcontext.bad.zeroed", c_set_zeroed },
		{ "swapcontext.bad.null-oucp", c_swap_null_o },
		{ "swapcontext.bad.null-ucp", c_swap_null_u },
		{ "swapcontext.bad.zeroed-ucp", c_swap_zeroed },
		{ "makecontext.bad.null-ucp", c_make_null_ucp },
		{ "makecontext.bad.null-stack", c_make_null_stack },
		{ "makecontext.bad.tiny-stack", c_make_tiny_stack },
		{ "makecontext.bad.null-func", c_make_null_func },
		{ "makecontext.bad.argc-65", c_make_argc65 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char key[80];
		snprintf(key, sizeof key, "%s.ended", cases[i].name);
		say(key, "%s", in_child(cases[i].fn));
	}
	return 0;
}
