/* The libc's own functions, for side-by-side checks on glibc: looked up in
 * libc.so.6 itself, so our exported plain names cannot answer instead. */
#ifndef UCC_TEST_LIBC_H
#define UCC_TEST_LIBC_H

#ifdef __GLIBC__
#include <dlfcn.h>
#include <ucontext.h>

struct libc_ucontext {
	int (*getcontext)(ucontext_t *);
	int (*setcontext)(const ucontext_t *);
	int (*swapcontext)(ucontext_t *, const ucontext_t *);
	void (*makecontext)(ucontext_t *, void (*)(void), int, ...);
};

/* Fills `l` and returns 0, or -1 if libc.so.6 is not loaded. */
static inline int
libc_ucontext(struct libc_ucontext *l)
{
	void *h = dlopen("libc.so.6", RTLD_LAZY | RTLD_NOLOAD);
	if (h == NULL)
		return -1;
	*(void **)&l->getcontext = dlsym(h, "getcontext");
	*(void **)&l->setcontext = dlsym(h, "setcontext");
	*(void **)&l->swapcontext = dlsym(h, "swapcontext");
	*(void **)&l->makecontext = dlsym(h, "makecontext");
	return l->getcontext && l->setcontext && l->swapcontext &&
	       l->makecontext ? 0 : -1;
}
#endif

#endif
