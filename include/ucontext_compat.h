/* ucontext_compat.h: getcontext, setcontext, swapcontext and makecontext,
 * fast and without the signal-mask system call, on the libc's own
 * ucontext_t.  The library also exports the plain names, so linking it
 * (or LD_PRELOADing it) replaces libc's functions in the whole process.
 *
 *   cc prog.c $(pkg-config --cflags --libs ucontext-compat)
 *
 * See ucontext_compat(7) for the two signal-mask modes. */
#ifndef UCONTEXT_COMPAT_H
#define UCONTEXT_COMPAT_H

#include <ucontext.h>

#ifdef __cplusplus
extern "C" {
#endif

/* makecontext passes 0 to UCC_MAKECONTEXT_MAX_ARGS arguments, each as wide
 * as a register (so pointers and 64-bit integers arrive intact). */
#define UCC_MAKECONTEXT_MAX_ARGS 64

/* makecontext refuses (ENOMEM) a stack that leaves fewer than this many
 * bytes below the arguments it places on the stack. */
#define UCC_STACK_MIN 1024

#if defined(__GNUC__) || defined(__clang__)
# define UCC_RETURNS_TWICE __attribute__((returns_twice))
#else
# define UCC_RETURNS_TWICE
#endif

/* Return 0, or -1 with errno set: EFAULT for a NULL pointer, EINVAL for a
 * context that cannot be resumed; in the posix mask mode also
 * rt_sigprocmask's. */
int ucc_getcontext(ucontext_t *ucp) UCC_RETURNS_TWICE;
int ucc_setcontext(const ucontext_t *ucp);
int ucc_swapcontext(ucontext_t *__restrict oucp,
		    const ucontext_t *__restrict ucp);

/* On bad input (NULL ucp: EFAULT; NULL func or stack, argc out of range:
 * EINVAL; stack too small: ENOMEM) sets errno and marks ucp so that
 * resuming it fails with EINVAL.  Leaves errno alone on success. */
void ucc_makecontext(ucontext_t *ucp, void (*func)(void), int argc, ...);

#ifdef __cplusplus
}
#endif

#endif
