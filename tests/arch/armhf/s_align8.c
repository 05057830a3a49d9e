/* compat-tests/s_align.c on stacks whose top is a multiple of 4, the
 * only ones glibc's arm makecontext can start a function on (its frame
 * keeps sp as aligned as the top: on the first top that is not, the
 * function dies of SIGBUS, and s_align's transcript ends).  The same
 * keys; and, per state, the function entered in Thumb and in ARM state. */
#include "scenario.h"

static ucontext_t main_uc, co_uc;
static volatile int thumb_ran;

/* Thumb state on Debian's armhf (C's default there); armel's C is ARM. */
static void
c_entry(void)
{
	thumb_ran++;
}

int
main(void)
{
	enum { SIZE = 16384 };
	unsigned char *region = stack_alloc(SIZE + 64);

	for (int argc = 0; argc <= 8; argc++) {
		int aligned = 1, fp_zero = 1, below_func = 0;
		uintptr_t dmin = (uintptr_t)-1, dmax = 0;
		for (int off = 0; off < 16; off += 4) {
			for (int trim = 0; trim < 16; trim += 4) {
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
		say(key, "%s", below_func == 16 ? "the function's address" :
		    below_func == 0 ? "untouched" : "mixed");
	}

	/* Interworking: a function entered in C's state (Thumb on armhf)
	 * and one in ARM state (cprobe_entry), each returning through uc_link
	 * to a context saved from C's state. */
	for (int round = 0; round < 2; round++) {
		prepare(&co_uc, region + 16, SIZE, &main_uc);
		makecontext(&co_uc, round ? cprobe_entry : c_entry, 0);
		cprobe_sp = 0;
		swapcontext(&main_uc, &co_uc);
	}
	say("makecontext.entry-state.c", "%s",
	    ((uintptr_t)c_entry & 1) ? "Thumb" : "ARM");
	say("makecontext.entry-state.ran", "C %d, ARM probe %s", thumb_ran,
	    cprobe_sp ? "yes" : "no");
	return 0;
}
