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

#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
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

/* ---- Switching inside signal handlers -------------------------------- */

/* sigaction, with the handler run inside a wrapper that lets the default
 * library switch contexts inside it as glibc does (the signal unblocked
 * in the context switched to, blocked again when the handler's context is
 * resumed).  On glibc the library's sigaction, signal, bsd_signal,
 * ssignal, sysv_signal and sigset are this; elsewhere (musl) install
 * handlers that switch contexts with it.  See ucc_sigaction(3). */
int ucc_sigaction(int sig, const struct sigaction *__restrict act,
		  struct sigaction *__restrict oact);

/* ---- Stacks with a guard page ---------------------------------------- */

/* Allocate a stack of at least size bytes (rounded up to whole pages) with
 * an inaccessible guard page below it, so that an overflow is a SIGSEGV at
 * the guard; fill in ss_sp and ss_size (ss_flags 0), ready for
 * uc_stack.  Return 0, or -1 with errno (EFAULT, EINVAL, ENOMEM). */
int ucc_stack_alloc(stack_t *ss, size_t size);
/* Free a stack from ucc_stack_alloc; return 0, or -1 with errno. */
int ucc_stack_free(stack_t *ss);
/* The size of that guard: the addresses a fault at it may have are
 * [ss_sp - ucc_stack_guard_size(), ss_sp). */
size_t ucc_stack_guard_size(void);

/* ---- Stack tops ------------------------------------------------------ */

/* The stack pointer saved in a context: ours, the C library's, or the one
 * the kernel passes to a SA_SIGINFO signal handler.  NULL for NULL. */
void *ucc_context_sp(const ucontext_t *ucp);

/* The stack pointer of the code that calls it. */
void *ucc_current_sp(void);

/* ---- Base contexts and stack slicing --------------------------------- *
 *
 * A base marks a point on a stack: the calling thread's own
 * (ucc_base_init), or one the caller provides (ucc_base_init_stack).
 * Code that runs deeper on that stack can be suspended as a sliced
 * context: only the bytes between its stack pointer and the base (the
 * slice, with its saved registers) are kept in a heap buffer, and put
 * back when it resumes.  Many sliced contexts share one stack, each
 * paying only for the depth it uses.  See ucc_slice_swap(3).
 *
 * The fields are private; the structures are public so that they can be
 * allocated anywhere except in a slice (between a sliced context's stack
 * pointer and its base). */
typedef struct ucc_base {
	uintptr_t sp;		/* the base point: slices end here */
	uintptr_t top;		/* above this, the base's frame has returned */
	uintptr_t lo, hi;	/* the stack it is on */
	pthread_t thread;	/* the thread that made it */
	int live;
	int shared;		/* a stack of its own: copies can wait */
	struct ucc_slice *resident;	/* shared: whose bytes are on it */
	void *(*realloc_fn)(void *, size_t);	/* its slices' buffers */
	void (*free_fn)(void *);
	uintptr_t span;		/* hi - lo */
	uintptr_t reach;	/* lo + reach: the highest stack pointer a
				 * context of the base runs at; 0 released */
} ucc_base_t;

/* The base point lies UCC_BASE_SLACK bytes below the stack pointer of
 * ucc_base_init's caller, so that the base function's own switches, at
 * any nearby stack depth, save nothing; code running more than
 * UCC_BASE_SLACK bytes above that stack pointer is taken to be past a
 * base that returned without ucc_base_release. */
#define UCC_BASE_SLACK 512

/* ucc_base_init_stack refuses a stack smaller than this. */
#define UCC_BASE_STACK_MIN 4096

typedef struct ucc_slice {
	struct ucc_base *base;	/* NULL: an ordinary context */
	unsigned char *buf;	/* the saved slice; ordinary: its ucontext_t */
	uintptr_t sp;		/* its stack pointer; 0: not resumable */
	uintptr_t base_sp;	/* the base point it was saved against */
	uint32_t len, cap;	/* bytes saved, and the buffer's size */
	unsigned char state;	/* enum ucc_slice_state */
	unsigned char inplace;	/* its bytes are on the stack, not in buf */
	unsigned char memcheck;	/* under valgrind: copies are announced */
} ucc_slice_t;

/* What ucc_slice_state reports. */
enum ucc_slice_state {
	UCC_SLICE_EMPTY,	/* nothing to resume: initialized, zeroed */
	UCC_SLICE_READY,	/* made by ucc_slice_make, never run */
	UCC_SLICE_RUNNING,	/* resumed, not saved since */
	UCC_SLICE_SUSPENDED,	/* saved by ucc_slice_swap: resumable */
	UCC_SLICE_FINISHED,	/* its function returned */
	UCC_SLICE_RELEASED	/* ucc_slice_release freed it */
};

/* Mark the caller's stack position, on its thread's own stack, as a
 * base; the caller's frame must stay live while sliced contexts use it,
 * and should call ucc_base_release before it returns.  After the first
 * call on a thread this costs well under a microsecond. */
int ucc_base_init(ucc_base_t *base);
/* A base on the stack *ss: at the caller's position if the caller runs on
 * that stack (a context with a stack of its own), else at its top (a
 * shared stack, libaco's shape, on which only the base's sliced contexts
 * run).  Return 0, or -1 with errno (EFAULT, EINVAL). */
int ucc_base_init_stack(ucc_base_t *base, const stack_t *ss);
/* The base is gone: its sliced contexts can no longer be resumed.  Its
 * allocator stays usable by ucc_slice_release. */
void ucc_base_release(ucc_base_t *base);
/* The allocator for the buffers of base's sliced contexts (NULL: the
 * process-wide one, realloc and free by default). */
void ucc_base_allocator(ucc_base_t *base,
			void *(*realloc_fn)(void *, size_t),
			void (*free_fn)(void *));

/* An empty sliced context on base: the running code can be saved into it
 * by ucc_slice_swap. */
void ucc_slice_init(ucc_slice_t *s, ucc_base_t *base);
/* Make s, initialized by ucc_slice_init (or zeroed, or used before: its
 * buffer is reused), a sliced context that calls fn(arg) from the base
 * when resumed; when fn returns, link is resumed (NULL: exit(0)). */
int ucc_slice_make(ucc_slice_t *s, ucc_base_t *base, void (*fn)(void *),
		   void *arg, ucc_slice_t *link);
/* An ordinary context, *ucp (own stack, getcontext...), for the slice
 * functions: sliced and ordinary contexts switch to each other freely. */
void ucc_slice_wrap(ucc_slice_t *s, ucontext_t *ucp);

/* Save the running code into from and resume to.  Return 0 when from is
 * resumed, or -1 with errno set and nothing changed. */
int ucc_slice_swap(ucc_slice_t *from, ucc_slice_t *to);
/* Resume to, abandoning the running code.  Returns only on error: -1. */
int ucc_slice_set(ucc_slice_t *to);

/* Free the slice's buffer; s can no longer be resumed. */
void ucc_slice_release(ucc_slice_t *s);
/* Where s is (enum ucc_slice_state); UCC_SLICE_EMPTY for NULL. */
int ucc_slice_state(const ucc_slice_t *s);
/* The bytes of stack s holds while ready or suspended, 0 otherwise. */
size_t ucc_slice_size(const ucc_slice_t *s);
/* The stack pointer s resumes with while ready or suspended, else NULL. */
void *ucc_slice_sp(const ucc_slice_t *s);
/* The process-wide default allocator for slice buffers, taken by bases
 * made after the call (default: realloc and free). */
void ucc_slice_allocator(void *(*realloc_fn)(void *, size_t),
			 void (*free_fn)(void *));

#ifdef __cplusplus
}
#endif

#endif
