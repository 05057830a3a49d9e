/* Base contexts and stack slicing: everything but the switch itself
 * (lib/arch/<abi>/slice.S), which calls __ucc_slice_prepare to validate
 * and to grow buffers before it changes anything.
 *
 * A suspended sliced context keeps, in its buffer, the frame of its
 * registers (offsets.def, SF_*), then the bytes of its base's stack from
 * its stack pointer sp up to the base point: the frames of the code that
 * called the switch.  The base function itself runs above the base point
 * (UCC_BASE_SLACK bytes below where it called ucc_base_init), where no
 * slice is ever restored, so a context saved there keeps its frame of
 * registers and no stack bytes.  Slices hold absolute addresses (return
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

static void *(*slice_realloc)(void *, size_t) = realloc;
static void (*slice_free)(void *) = free;

UCC_API void
ucc_slice_allocator(void *(*realloc_fn)(void *, size_t), void (*free_fn)(void *))
{
	slice_realloc = realloc_fn ? realloc_fn : realloc;
	slice_free = free_fn ? free_fn : free;
}

/* Called by ucc_base_init (slice.S) with the caller's stack pointer. */
int
__ucc_base_init(ucc_base_t *base, uintptr_t sp)
{
	uintptr_t lo, hi;

	if (base == NULL) {
		errno = EFAULT;
		return -1;
	}
	memset(base, 0, sizeof *base);
	base->sp = sp - UCC_BASE_SLACK;
	base->top = sp + UCC_BASE_SLACK;
	base->thread = pthread_self();
	if (__ucc_thread_stack(&lo, &hi) == 0 && sp > lo && sp <= hi) {
		base->lo = lo;
		base->hi = hi;
	}
	if (base->lo == 0) {
		/* Not on its thread's own stack (a makecontext stack, say):
		 * the bounds that catch a returned base are unknown. */
		errno = EINVAL;
		return -1;
	}
	base->live = 1;
	return 0;
}

UCC_API void
ucc_base_release(ucc_base_t *base)
{
	if (base != NULL)
		base->live = 0;
}

UCC_API void
ucc_slice_init(ucc_slice_t *s, ucc_base_t *base)
{
	if (s == NULL)
		return;
	memset(s, 0, sizeof *s);
	s->base = base;
}

UCC_API void
ucc_slice_wrap(ucc_slice_t *s, ucontext_t *ucp)
{
	if (s == NULL)
		return;
	memset(s, 0, sizeof *s);
	s->ucp = ucp;
}

/* Make the buffer hold len bytes, keeping its contents; 0 or ENOMEM, the
 * old buffer intact on failure. */
static int
reserve(ucc_slice_t *s, size_t len)
{
	if (len <= s->cap)
		return 0;
	size_t cap = (len + 63) & ~(size_t)63;
	unsigned char *buf = slice_realloc(s->buf, cap);
	if (buf == NULL)
		return ENOMEM;
	s->buf = buf;
	s->cap = cap;
	return 0;
}

static void
put_word(unsigned char *at, uintptr_t v)
{
	memcpy(at, &v, sizeof v);
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
	/* The trampoline is entered with the stack aligned for a call. */
	uintptr_t sp = base->sp & -(uintptr_t)UC_STACK_ALIGN;
	size_t len = SF_SIZE + (base->sp - sp);
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
	s->base = base;
	s->ucp = NULL;
	s->len = len;
	s->sp = sp;
	s->base_sp = base->sp;
	return 0;
}

UCC_API void
ucc_slice_release(ucc_slice_t *s)
{
	if (s == NULL)
		return;
	slice_free(s->buf);
	s->buf = NULL;
	s->cap = s->len = 0;
	s->sp = 0;
}

UCC_API size_t
ucc_slice_size(const ucc_slice_t *s)
{
	return s != NULL && s->base != NULL && s->sp != 0 ? s->len : 0;
}

/* Called by the slice start trampoline when fn has returned: the
 * context is no longer resumable; its link is resumed, or, as for
 * makecontext, the process exits with 0 without one and -1 when the link
 * cannot be resumed. */
void
__ucc_slice_return(ucc_slice_t *self, ucc_slice_t *link)
{
	self->sp = 0;
	self->len = 0;
	if (link != NULL) {
		__ucc_slice_set(link);
		exit(-1);
	}
	exit(0);
}

static int
on_stack(const ucc_base_t *b, uintptr_t sp)
{
	return sp >= b->lo && sp < b->hi;
}

/* The stack bytes a context at sp keeps: none above the base point. */
static size_t
stack_bytes(const ucc_base_t *b, uintptr_t sp)
{
	return sp < b->sp ? b->sp - sp : 0;
}

/* May `to` be resumed by code whose stack pointer is sp?  0 or an errno. */
static int
check_target(const ucc_slice_t *to, uintptr_t sp)
{
	if (to->base == NULL) {
		if (to->ucp == NULL)
			return EFAULT;
		return ucc_context_sp(to->ucp) != NULL ? 0 : EINVAL;
	}
	const ucc_base_t *b = to->base;
	if (to->sp == 0 || !b->live || to->base_sp != b->sp)
		return EINVAL;		/* finished, released, never saved, or the base moved */
	if (on_stack(b, sp)) {
		if (sp > b->top)
			return EINVAL;	/* the base's frame has returned */
	} else if (!pthread_equal(pthread_self(), b->thread)) {
		return EINVAL;		/* the base is another thread's */
	}
	if (to->sp < b->lo || to->len != SF_SIZE + stack_bytes(b, to->sp))
		return ERANGE;		/* the slice does not fit below the base */
	return 0;
}

/* Validate a switch and prepare from's buffer, before anything changes.
 * from (NULL for ucc_slice_set) is the running code, called from stack
 * pointer sp.  Returns 0 or an errno value; on 0 nothing can fail any
 * more, and from's len, sp and base_sp are set for the save. */
int
__ucc_slice_prepare(ucc_slice_t *from, const ucc_slice_t *to, uintptr_t sp)
{
	/* swap(s, s) resumes what it has just saved */
	int err = from == to ? 0 : check_target(to, sp);
	if (err != 0)
		return err;
	if (from == NULL)
		return 0;
	if (from->base == NULL) {
		if (from->ucp == NULL)
			return EFAULT;
		/* Code whose frames lie below to's base would be overwritten
		 * by its slice: it must be saved as a slice itself. */
		if (to->base != NULL && on_stack(to->base, sp) && sp < to->base->sp)
			return EINVAL;
		return 0;
	}
	const ucc_base_t *b = from->base;
	if (!b->live || !on_stack(b, sp) || sp > b->top)
		return EINVAL;		/* not running below its base */
	size_t len = SF_SIZE + stack_bytes(b, sp);
	err = reserve(from, len);
	if (err != 0)
		return err;
	from->len = len;
	from->sp = sp;
	from->base_sp = b->sp;
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
