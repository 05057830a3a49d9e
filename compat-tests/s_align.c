/* makecontext's entry state for stacks at every alignment: the stack
 * pointer as after a call, how deep into the stack the frame starts, the
 * frame pointer, and the word below the stack pointer. */
#include "scenario.h"

static ucontext_t main_uc, co_uc;

int
main(void)
{
	enum { SIZE = 16384 };
	unsigned char *region = stack_alloc(SIZE + 64);

	for (int argc = 0; argc <= 8; argc++) {
		int aligned = 1, fp_zero = 1, below_func = 0;
		uintptr_t dmin = (uintptr_t)-1, dmax = 0;
		for (int off = 0; off < 16; off++) {
			for (int trim = 0; trim < 16; trim += 5) {
				unsigned char *lo = region + 16 + off;
				size_t size = SIZE - trim;
				prepare(&co_uc, lo, size, &main_uc);
				makecontext(&co_uc, cprobe_entry, argc,
					    1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
				swapcontext(&main_uc, &co_uc);
				aligned &= arch_entry_sp_ok(cprobe_sp);
				fp_zero &= cprobe_fp == 0;
				below_func += cprobe_below == (uintptr_t)cprobe_entry;
				uintptr_t depth = (uintptr_t)lo + size - cprobe_sp;
				dmin = depth < dmin ? depth : dmin;
				dmax = depth > dmax ? depth : dmax;
			}
		}
		char key[64];
		snprintf(key, sizeof key, "makecontext.entry-aligned.argc%d", argc);
		say(key, "%s", aligned ? "yes" : "NO");
		snprintf(key, sizeof key, "makecontext.frame-depth.argc%d", argc);
		say(key, "%lu..%lu bytes below the top", (unsigned long)dmin, (unsigned long)dmax);
		snprintf(key, sizeof key, "makecontext.frame-pointer.argc%d", argc);
		say(key, "%s", fp_zero ? "zero" : "as getcontext saved it");
		snprintf(key, sizeof key, "setcontext.below-entry-sp.argc%d", argc);
		say(key, "%s", below_func == 64 ? "the function's address" :
		    below_func == 0 ? "untouched" : "mixed");
	}
	return 0;
}
