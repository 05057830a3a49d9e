/* Base contexts and stack slicing.  The switch itself is portable C
 * around the port's stack-switch primitive (__ucc_stack_switch, in
 * lib/arch/<abi>/switch.S), greenlet's shape: the primitive pushes the
 * callee-saved registers onto the running stack, so that they are part of
 * the slice, and C copies slices in and out.  A port may instead keep a
 * tuned switch of its own (lib/arch/<abi>/slice.S, UCC_PORT_SLICE in its
 * port.h), which calls __ucc_slice_prepare to validate and to grow
 * buffers before it changes anything.
 *
 * A suspended sliced context keeps, in its buffer, the bytes of its
 * base's stack from its stack pointer sp up to the base point: the frame
 * of registers the switch pushed (offsets.def's SF_*), then the frames
 * of the code that called the switch.  The tuned switch keeps that frame
 * apart, at the head of the buffer (HEAD bytes), and sp above it.  The
 * base function itself runs above the base point (UCC_BASE_SLACK bytes
 * below where it called ucc_base_init), where no slice is ever restored,
 * so a context saved there keeps no stack bytes (the tuned switch: only
 * its frame of registers).  Slices hold absolute addresses (return
 * addresses, frame pointers, pointers to locals), so a slice is only ever
 * restored where it was taken, against the same base point. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "ucontext_compat.h"
#include "abi.h"
#include "internal.h"

/* Copies back from another stack are announced to memcheck under valgrind
 * (slice.S; __ucc_valgrind_slice_in, at the end of this file): each
 * sliced context carries the answer, which the switch reads with the
 * context's other fields. */
#if defined(HAVE_VALGRIND_VALGRIND_H) && defined(UCC_PORT_SLICE)
# define MEMCHECK __ucc_valgrind
#else
# define MEMCHECK 0
#endif
#ifdef UCC_SANITIZER_FIBERS
#include <sanitizer/asan_interface.h>
#endif

/* The tuned switch keeps a suspended context's frame of registers at the
 * head of its buffer, apart from its stack bytes; the portable one keeps
 * it on the stack, where the primitive pushed it, among them. */
#ifdef UCC_PORT_SLICE
# define HEAD SF_SIZE
#else
# define HEAD 0
/* How far below the switch's local variables the primitive's stack
 * pointer may lie: its pushes and the call (aarch64: 176 bytes). */
# define SP_SLACK 1024
# ifdef UCC_SANITIZER_FIBERS
#  error "the sanitizer fiber API needs the port's own slice switch (slice.S)"
# endif
#endif

/* The process-wide default a base takes when it is made. */
/* An ordinary context's ucontext_t, kept where a sliced one keeps its
 * buffer. */
#define UCP(s) ((ucontext_t *)(void *)(s)->buf)

static void *(*default_realloc)(void *, size_t) = realloc;
static void (*default_free)(void *) = free;

UCC_API void
ucc_slice_allocator(void *(*realloc_fn)(void *, size_t), void (*free_fn)(void *))
{
	default_realloc = realloc_fn ? realloc_fn : realloc;
	default_free = free_fn ? free_fn : free;
}

UCC_API void
ucc_base_allocator(ucc_base_t *base, void *(*realloc_fn)(void *, size_t),
		   void (*free_fn)(void *))
{
	if (base == NULL)
		return;
	base->realloc_fn = realloc_fn ? realloc_fn : default_realloc;
	base->free_fn = free_fn ? free_fn : default_free;
}

static void
base_setup(ucc_base_t *base, uintptr_t sp, uintptr_t top, uintptr_t lo,
	   uintptr_t hi, int shared)
{
	base->sp = sp;
	base->top = top;
	base->lo = lo;
	base->hi = hi;
	base->thread = pthread_self();
	base->shared = shared;
	base->resident = NULL;
	base->realloc_fn = default_realloc;
	base->free_fn = default_free;
	base->span = hi - lo;
	base->reach = (top < hi ? top : hi - 1) - lo;
	base->live = 1;
}

/* The thread's own stack, asked once per thread: the question reads
 * /proc/self/maps or asks pthread_getattr_np (tens of microseconds). */
static __thread uintptr_t thread_lo, thread_hi;
static __thread int thread_known;	/* 0 not asked, 1 known, -1 unknown */

/* Called by ucc_base_init (slice.S) with the caller's stack pointer. */
int
__ucc_base_init(ucc_base_t *base, uintptr_t sp)
{
	if (base == NULL) {
		errno = EFAULT;
		return -1;
	}
	memset(base, 0, sizeof *base);
	if (thread_known == 0) {
		uintptr_t lo, hi;
		thread_known = __ucc_thread_stack(&lo, &hi) == 0 ? 1 : -1;
		if (thread_known > 0) {
			thread_lo = lo;
			thread_hi = hi;
		}
	}
	if (thread_known < 0 || !(sp > thread_lo && sp <= thread_hi) ||
	    sp - thread_lo <= UCC_BASE_SLACK) {
		/* Not on its thread's own stack (a makecontext stack, say):
		 * ucc_base_init_stack takes its bounds. */
		errno = EINVAL;
		return -1;
	}
	base_setup(base, sp - UCC_BASE_SLACK, sp + UCC_BASE_SLACK, thread_lo,
		   thread_hi, 0);
	return 0;
}

UCC_API int
ucc_base_init_stack(ucc_base_t *base, const stack_t *ss)
{
	if (base == NULL || ss == NULL) {
		errno = EFAULT;
		return -1;
	}
	memset(base, 0, sizeof *base);
	uintptr_t lo = (uintptr_t)ss->ss_sp, hi = lo + ss->ss_size;
	if (ss->ss_sp == NULL || ss->ss_size < UCC_BASE_STACK_MIN || hi < lo) {
		errno = EINVAL;
		return -1;
	}
	/* our own stack pointer: the caller's lies a frame above it */
	uintptr_t here = (uintptr_t)ucc_current_sp();
	if (here >= lo && here < hi) {
		/* the caller runs on it: a base where it stands */
		if (here - lo <= UCC_BASE_SLACK) {
			errno = EINVAL;
			return -1;
		}
		base_setup(base, here - UCC_BASE_SLACK, here + UCC_BASE_SLACK,
			   lo, hi, 0);
	} else {
		/* a shared stack: slices end at its top */
		base_setup(base, hi & -(uintptr_t)UC_STACK_ALIGN, hi, lo, hi, 1);
	}
	return 0;
}

UCC_API void
ucc_base_release(ucc_base_t *base)
{
	if (base != NULL) {
		/* slice.S's checks fail on these: no context of the base on
		 * its stack (reach 0, lo 0), none saved against it (sp 0) */
		base->live = 0;
		base->resident = NULL;
		base->sp = 0;
		base->lo = 0;
		base->reach = 0;
	}
}

UCC_API void
ucc_slice_init(ucc_slice_t *s, ucc_base_t *base)
{
	if (s == NULL)
		return;
	memset(s, 0, sizeof *s);
	s->base = base;
	s->memcheck = MEMCHECK;
}

UCC_API void
ucc_slice_wrap(ucc_slice_t *s, ucontext_t *ucp)
{
	if (s == NULL)
		return;
	memset(s, 0, sizeof *s);
	s->buf = (unsigned char *)(void *)ucp;
}

/* Make the buffer hold len bytes, keeping its contents; 0 or ENOMEM, the
 * old buffer intact on failure. */
static int
reserve(ucc_slice_t *s, size_t len)
{
	if (len <= s->cap)
		return 0;
	if (len > UINT32_MAX - 15)
		return ENOMEM;
	size_t cap = (len + 15) & ~(size_t)15;
	unsigned char *buf = s->base->realloc_fn(s->buf, cap);
	if (buf == NULL)
		return ENOMEM;
	s->buf = buf;
	s->cap = (uint32_t)cap;
	return 0;
}

static void
put_word(unsigned char *at, uintptr_t v)
{
	memcpy(at, &v, sizeof v);
}

/* s no longer holds what its base's stack has in place. */
static void
leave_stack(ucc_slice_t *s)
{
	if (s->base != NULL && s->base->resident == s)
		s->base->resident = NULL;
	s->inplace = 0;
}

UCC_API int
ucc_slice_make(ucc_slice_t *s, ucc_base_t *base, void (*fn)(void *), void *arg,
	       ucc_slice_t *link)
{
	if (s == NULL || base == NULL) {
		errno = EFAULT;
		return -1;
	}
	if (fn == NULL || !base->live) {
		errno = EINVAL;
		return -1;
	}
	/* The trampoline is entered with the stack aligned for a call, at
	 * top; the frame of registers the switch loads it from is the
	 * buffer's head (tuned) or lies just below top (portable). */
	uintptr_t top = base->sp & -(uintptr_t)UC_STACK_ALIGN;
	uintptr_t sp = top - (SF_SIZE - HEAD);
	size_t len = HEAD + (base->sp - sp);
	if (s->base != base && s->buf != NULL) {
		/* the buffer came from another base's allocator */
		leave_stack(s);
		if (s->base != NULL)
			s->base->free_fn(s->buf);
		s->buf = NULL;
		s->cap = 0;
	}
	if (s->base == base)
		leave_stack(s);
	s->base = base;
	int err = reserve(s, len);
	if (err != 0) {
		errno = err;
		return -1;
	}
	memset(s->buf, 0, len);
	__ucc_slice_fpctl(s->buf + SF_FPCTL);
	put_word(s->buf + SF_FN, (uintptr_t)fn);
	put_word(s->buf + SF_ARG, (uintptr_t)arg);
	put_word(s->buf + SF_LINK, (uintptr_t)link);
	put_word(s->buf + SF_SELF, (uintptr_t)s);
	put_word(s->buf + SF_RA, (uintptr_t)__ucc_slice_start);
	s->len = (uint32_t)len;
	s->sp = sp;
	s->base_sp = base->sp;
	s->state = UCC_SLICE_READY;
	s->inplace = 0;
	s->memcheck = MEMCHECK;
	return 0;
}

UCC_API void
ucc_slice_release(ucc_slice_t *s)
{
	if (s == NULL)
		return;
	leave_stack(s);
	if (s->base != NULL && s->buf != NULL)
		s->base->free_fn(s->buf);
	s->buf = NULL;
	s->cap = s->len = 0;
	s->sp = 0;
	s->state = UCC_SLICE_RELEASED;
}

UCC_API int
ucc_slice_state(const ucc_slice_t *s)
{
	if (s == NULL)
		return UCC_SLICE_EMPTY;
	if (s->base == NULL && s->state != UCC_SLICE_RUNNING &&
	    s->state != UCC_SLICE_RELEASED)
		/* ordinary: resumable as its ucontext_t is */
		return s->buf != NULL && __ucc_context_sp(UCP(s)) != NULL ?
			UCC_SLICE_SUSPENDED : UCC_SLICE_EMPTY;
	return s->state;
}

static int
resumable(const ucc_slice_t *s)
{
	return s->state == UCC_SLICE_READY || s->state == UCC_SLICE_SUSPENDED;
}

UCC_API size_t
ucc_slice_size(const ucc_slice_t *s)
{
	return s != NULL && s->base != NULL && resumable(s) ? s->len - HEAD : 0;
}

UCC_API void *
ucc_slice_sp(const ucc_slice_t *s)
{
	if (s == NULL)
		return NULL;
	if (s->base == NULL)
		return s->state != UCC_SLICE_RUNNING && s->buf != NULL ?
			__ucc_context_sp(UCP(s)) : NULL;
	return resumable(s) ? (void *)s->sp : NULL;
}

/* Called by the slice start trampoline when fn has returned: the
 * context is finished; its link is resumed, or, as for makecontext, the
 * process exits with 0 without one and -1 when the link cannot be
 * resumed. */
void
__ucc_slice_return(ucc_slice_t *self, ucc_slice_t *link)
{
	self->sp = 0;
	self->len = 0;
	self->state = UCC_SLICE_FINISHED;
	leave_stack(self);
	if (link != NULL) {
		__ucc_slice_set(link);
		exit(-1);
	}
	exit(0);
}

static int
on_stack(const ucc_base_t *b, uintptr_t sp)
{
	return sp - b->lo < b->hi - b->lo;	/* lo <= sp < hi */
}

/* Does code resumed at stack pointer sp run on b's stack?  Its frames
 * lie at sp and above, what it pushes below: lo < sp <= hi (a context
 * makecontext made on all of the stack starts at hi on some ABIs). */
static int
runs_on(const ucc_base_t *b, uintptr_t sp)
{
	return sp - b->lo - 1 < b->span;
}

/* The stack bytes a context at sp keeps: none above the base point. */
static size_t
stack_bytes(const ucc_base_t *b, uintptr_t sp)
{
	return sp < b->sp ? b->sp - sp : 0;
}

/* Put the bytes of a suspended context, left on its shared stack, into
 * its buffer: another context of its base is about to be resumed. */
static void
spill(ucc_slice_t *r)
{
#ifdef UCC_SANITIZER_FIBERS
	/* another stack's frames, their redzones poisoned: unpoisoned as a
	 * restore over them would */
	ASAN_UNPOISON_MEMORY_REGION((void *)r->sp, r->len - HEAD);
#endif
	memcpy(r->buf + HEAD, (const void *)r->sp, r->len - HEAD);
	r->inplace = 0;
}

/* The switch will happen: record what moves.  from (NULL for
 * ucc_slice_set) is saved, to resumed; each inplace flag tells the
 * switch whether to copy (0) or leave the bytes where they are (1).  A
 * base's resident is the context whose bytes its stack holds: the one
 * running there, or on a shared stack one suspended and not copied out
 * yet, which is copied out (spilled) only when another context of the
 * base is resumed. */
static inline __attribute__((always_inline)) void
commit(ucc_slice_t *from, ucc_slice_t *to, int lazy)
{
	if (from != NULL) {
		ucc_base_t *b = from->base;
		if (b != NULL) {
			from->inplace = lazy;
			b->resident = lazy ? from : NULL;
		}
		from->state = UCC_SLICE_SUSPENDED;
	}
	ucc_base_t *c = to->base;
	if (c != NULL) {
		ucc_slice_t *r = c->resident;
		if (r != NULL && r != to) {
			if (r->state == UCC_SLICE_SUSPENDED && r->inplace)
				spill(r);
			else if (r->state == UCC_SLICE_RUNNING)
				/* it left without being saved (ucc_slice_set,
				 * or a switch of another kind): its bytes are
				 * overwritten now, so it cannot run again */
				r->state = UCC_SLICE_FINISHED;
			r->inplace = 0;
		}
		if (r != to)
			to->inplace = 0;
		c->resident = to;
	}
	to->state = UCC_SLICE_RUNNING;
}

/* Validate a switch and prepare from's buffer, before anything changes.
 * from (NULL for ucc_slice_set) is the running code, called from stack
 * pointer sp.  Returns 0 or an errno value, to's errors before from's;
 * on 0 nothing can fail any more, and (for the port's slice.S) from's
 * len, sp and base_sp are set for the save, and the inplace flags of
 * from and to say which copies to skip. */
int
__ucc_slice_prepare(ucc_slice_t *from, ucc_slice_t *to, uintptr_t sp)
{
	ucc_base_t *tb = to->base;
	uintptr_t to_sp = 0;	/* where to resumes */

	/* May to be resumed from here?  swap(s, s) resumes what it has
	 * just saved. */
	if (from == to) {
		/* nothing to check */
	} else if (tb == NULL) {
		/* ordinary: resumable as its ucontext_t is (none, in a
		 * zeroed ucc_slice_t: nothing to resume) */
		if (to->buf == NULL ||
		    (to_sp = (uintptr_t)__ucc_context_sp(UCP(to))) == 0)
			return EINVAL;
	} else {
		/* running, finished, released, never saved, or the base moved */
		if (!resumable(to) || to->sp == 0 || !tb->live || to->base_sp != tb->sp)
			return EINVAL;
		if (on_stack(tb, sp)) {
			if (sp > tb->top)
				return EINVAL;	/* the base's frame has returned */
		} else if (!pthread_equal(pthread_self(), tb->thread)) {
			return EINVAL;		/* the base is another thread's */
		}
		to_sp = to->sp;
		if (to_sp < tb->lo || to->len != HEAD + stack_bytes(tb, to_sp))
			return ERANGE;	/* the slice does not fit below the base */
	}
	if (from == NULL) {
		commit(NULL, to, 0);
		return 0;
	}

	/* May from be saved? */
	ucc_base_t *b = from->base;
	if (b == NULL) {
		if (from->buf == NULL)
			return EINVAL;	/* zeroed: nowhere to save */
		/* Code whose frames lie below to's base would be overwritten
		 * by its slice: it must be saved as a slice itself. */
		if (tb != NULL && on_stack(tb, sp) && sp < tb->sp)
			return EINVAL;
		commit(from, to, 0);
		return 0;
	}
	if (!b->live || !on_stack(b, sp) || sp > b->top)
		return EINVAL;		/* not running below its base */
	/* Does the code resumed run on another stack than b's?  (Not when
	 * it is a context of the same base: the common case, kept short.) */
	int elsewhere = 0;
	if (tb != b && from != to) {
		elsewhere = tb != NULL ? tb->hi <= b->lo || tb->lo >= b->hi :
			!runs_on(b, to_sp);
		/* Nested bases: a context of the inner one does not resume
		 * one of an outer base on the same stack, whose slice would
		 * overwrite the frames above the inner base point. */
		if (tb != NULL && !elsewhere && tb->sp > b->sp)
			return EINVAL;
	}
#ifdef UCC_PORT_SLICE
	size_t len = HEAD + stack_bytes(b, sp);
	int err = reserve(from, len);
	if (err != 0)
		return err;
	from->len = (uint32_t)len;
	from->sp = sp;
	from->base_sp = b->sp;
#else
	/* sp is an estimate: the primitive saves from a little lower */
	int err = reserve(from, HEAD + stack_bytes(b, sp - SP_SLACK));
	if (err != 0)
		return err;
#endif
	/* kept on its shared stack while the code resumed runs elsewhere */
	commit(from, to, elsewhere && b->shared);
	return 0;
}

/* The errno a failed switch in slice.S reports. */
int
__ucc_slice_fail(int err)
{
#ifdef UCC_SANITIZER_FIBERS
	__ucc_fiber_cancel();
#endif
	errno = err;
	return -1;
}

#ifndef UCC_PORT_SLICE
/* The portable switch.  __ucc_stack_switch(save, restore, w) pushes the
 * running code's callee-saved registers, calls save(w, sp), moves the
 * stack pointer to what save returned, calls restore(w) there and pops
 * the registers that restore put back: those of the code that called
 * __ucc_stack_switch when it was saved. */
struct switching {
	ucc_slice_t *from;	/* sliced, or NULL: nothing to save */
	ucc_slice_t *to;
};

/* What restore_slice copies, set by save_slice while the old stack is
 * still whole: the switching struct lives in a frame of the context
 * being left, which may lie below the next one's stack pointer, where
 * the primitive's call of restore_slice writes (i386 passes its
 * argument there). */
static __thread struct {
	void *sp;
	const unsigned char *buf;
	size_t len;
} pending;

static void *
save_slice(void *arg, void *sp_)
{
	struct switching *w = arg;
	ucc_slice_t *from = w->from, *to = w->to;
	uintptr_t sp = (uintptr_t)sp_;

	if (from != NULL) {
		const ucc_base_t *b = from->base;
		size_t len = stack_bytes(b, sp);
		if (len > from->cap)
			abort();	/* SP_SLACK too small: a bug, never a corruption */
		if (!from->inplace)	/* else kept on its shared stack */
			memcpy(from->buf, sp_, len);
		from->len = (uint32_t)len;
		from->sp = sp;
		from->base_sp = b->sp;
	}
	if (to->base == NULL) {
		/* ordinary: resumed as setcontext would (checked resumable) */
		__ucc_setcontext(UCP(to));
		abort();
	}
	pending.sp = (void *)to->sp;
	pending.buf = to->buf;
	pending.len = to->inplace ? 0 : to->len;	/* in place: no copy */
	return pending.sp;
}

static void
restore_slice(void *arg)
{
	/* A context ucc_slice_make made is no different: its bytes are a
	 * frame whose return address is the slice start trampoline. */
	(void)arg;
	memcpy(pending.sp, pending.buf, pending.len);
}

/* The running code's stack pointer, near enough for validation: the
 * primitive's lies at most SP_SLACK below it. */
#define HERE() ((uintptr_t)__builtin_frame_address(0))

UCC_API int
ucc_slice_swap(ucc_slice_t *from, ucc_slice_t *to)
{
	if (from == NULL || to == NULL) {
		errno = EFAULT;
		return -1;
	}
	int err = __ucc_slice_prepare(from, to, HERE());
	if (err != 0) {
		errno = err;
		return -1;
	}
	struct switching w = { from, to };
	if (from->base != NULL) {
		__ucc_stack_switch(save_slice, restore_slice, &w);
		return 0;
	}
	/* from is ordinary: saved as getcontext saves, resumed by
	 * setcontext, which returns here a second time. */
	volatile int resumed = 0;
	__ucc_getcontext(UCP(from));
	if (resumed)
		return 0;
	resumed = 1;
	w.from = NULL;
	if (to->base == NULL)
		return __ucc_setcontext(UCP(to));
	__ucc_stack_switch(save_slice, restore_slice, &w);
	abort();
}

UCC_API int
ucc_slice_set(ucc_slice_t *to)
{
	if (to == NULL) {
		errno = EFAULT;
		return -1;
	}
	int err = __ucc_slice_prepare(NULL, to, HERE());
	if (err != 0) {
		errno = err;
		return -1;
	}
	struct switching w = { NULL, to };
	if (to->base == NULL)
		return __ucc_setcontext(UCP(to));
	__ucc_stack_switch(save_slice, restore_slice, &w);
	abort();
}

extern __typeof__(ucc_slice_set) __ucc_slice_set
	__attribute__((alias("ucc_slice_set"), visibility("hidden")));
#endif

#if defined(HAVE_VALGRIND_VALGRIND_H) && defined(UCC_PORT_SLICE)
#include <valgrind/memcheck.h>

unsigned char __ucc_valgrind;

__attribute__((constructor)) static void
detect_valgrind(void)
{
	__ucc_valgrind = RUNNING_ON_VALGRIND != 0;
}

/* Called by the tuned switch (UCC_PORT_SLICE: x86_64) under valgrind,
 * before it copies a slice back from another stack: memcheck takes a jump
 * of the stack pointer from another stack for a switch, and leaves the
 * bytes below it as the code that last returned from there left them,
 * unaddressable.  [lo, lo + len) is the slice and the red zone below it.
 * The portable switch is not run under valgrind. */
void
__ucc_valgrind_slice_in(void *lo, size_t len)
{
	VALGRIND_MAKE_MEM_UNDEFINED(lo, len);
}
#endif
