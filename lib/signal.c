/* Switching inside signal handlers, in the default library.
 *
 * The kernel blocks a signal (and the handler's sa_mask) while its
 * handler runs; a handler that switches to another context instead of
 * returning leaves them blocked.  glibc's switch functions install the
 * mask saved with the target, so the scheduler a preempting handler
 * switches to runs with the signal unblocked again.  The default library
 * keeps no mask with a context and makes no system call, so it must know
 * when a switch leaves or enters a handler, and only then set the mask:
 *
 * - Handlers installed through ucc_sigaction (and, on glibc, through the
 *   sigaction, signal, bsd_signal, ssignal, sysv_signal, __sysv_signal and
 *   sigset this file defines, which interpose the C library's) run inside
 *   a wrapper, entry(), that keeps count: per thread, how deep in
 *   handlers the running code is, what the innermost one blocked and the
 *   mask outside them all; for the process, how many handler runs have
 *   begun and not ended (__ucc_sig_active).
 * - While that count is zero, every switch takes the fast path: one load
 *   and compare.  Otherwise the switch functions save and restore as
 *   usual and call __ucc_sig_switch between the two, which does what
 *   glibc would: a context saved inside a handler is marked with the
 *   mask it had and the handler state; resuming a marked context installs
 *   that mask, and leaving a handler for an unmarked context installs the
 *   mask from outside the handlers.  A switch between two contexts
 *   outside handlers makes no system call, even then.
 * - A handler left by siglongjmp never tells the wrapper.  The mask tells:
 *   once what the handler's entry blocked is unblocked again, the code is
 *   no longer in it (or has opened it up itself, which for the mask comes
 *   to the same), and the handler state is dropped.
 *
 * The mark lives in the last bytes of uc_sigmask, which the default
 * library otherwise never uses (the kernel's mask is its first
 * _NSIG / 8 bytes), and holds the context's own address, so a copy of a
 * marked structure is not taken for a marked context.  Resuming a marked
 * context consumes the mark. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "ucontext_compat.h"
#include "internal.h"

#ifndef UCC_POSIX_MASK

/* The kernel's part of a signal mask: its first _NSIG / 8 bytes (glibc
 * and musl both keep signal n in bit n - 1 of an array of longs). */
#define KSIG_LONGS ((_NSIG / 8 + sizeof(unsigned long) - 1) / sizeof(unsigned long))
typedef struct {
	unsigned long w[KSIG_LONGS];
} ksigset;

static ksigset
kmask(const sigset_t *set)
{
	ksigset k;
	memcpy(&k, set, sizeof k);
	return k;
}

static void
to_sigset(sigset_t *set, const ksigset *k)
{
	memset(set, 0, sizeof *set);
	memcpy(set, k, sizeof *k);
}

/* Every bit of want set in have. */
static int
covers(const ksigset *have, const ksigset *want)
{
	for (size_t i = 0; i < KSIG_LONGS; i++)
		if ((have->w[i] & want->w[i]) != want->w[i])
			return 0;
	return 1;
}

/* The handlers entry() calls, one record per signal.  Each update fills
 * the record not in use and then publishes it, so that a handler running
 * meanwhile reads a whole record. */
struct handler {
	void *fn;
	int flags;
	ksigset mask;
};
static struct handler handlers[_NSIG][2];
static unsigned char current[_NSIG];

static struct handler
handler_of(int sig)
{
	return handlers[sig][__atomic_load_n(&current[sig], __ATOMIC_ACQUIRE)];
}

static void
set_handler(int sig, void *fn, int flags, const sigset_t *mask)
{
	unsigned char next = !__atomic_load_n(&current[sig], __ATOMIC_RELAXED);
	handlers[sig][next].fn = fn;
	handlers[sig][next].flags = flags;
	handlers[sig][next].mask = kmask(mask);
	__atomic_store_n(&current[sig], next, __ATOMIC_RELEASE);
}

/* Handler runs begun and not ended, in the whole process: the switch
 * functions' fast path reads it (lib/arch/<abi>/). */
int __ucc_sig_active;

/* Where the running code is, per thread: depth 0 outside handlers; else
 * the innermost handler run (numbered per thread), the signals its entry
 * blocked, and the mask outside all of them.  initial-exec: entry() runs
 * in signal handlers, where a lazily allocated TLS block could not be. */
struct level {
	unsigned long depth, run;
	ksigset blocked, outside;
};
#define TLS __thread __attribute__((tls_model("initial-exec")))
static TLS struct level now;
static TLS unsigned long runs, dropped;	/* runs up to `dropped` were dropped */

/* The handler state the running code was in ended without its handler
 * returning (siglongjmp): its runs no longer count. */
static void
drop(const struct level *left)
{
	__atomic_sub_fetch(&__ucc_sig_active, left->depth, __ATOMIC_RELAXED);
	dropped = left->run;
}

/* A context saved inside a handler carries the mask it had and where it
 * was. */
struct mark {
	uintptr_t key;		/* MARK ^ the context's address */
	struct level at;
	ksigset mask;
};
#define MARK ((uintptr_t)0x5ec7a1c0da7a51c5u)
_Static_assert(sizeof(sigset_t) >= _NSIG / 8 + sizeof(struct mark),
	       "uc_sigmask has room for the kernel's mask and a mark");

static struct mark *
mark_of(const ucontext_t *ucp)
{
	return (struct mark *)((char *)&ucp->uc_sigmask + sizeof(sigset_t) -
			       sizeof(struct mark));
}

/* Between saving from (NULL for setcontext) and resuming to (NULL for
 * getcontext), while handlers are running somewhere.  One mask call, as
 * glibc makes, when leaving or entering a handler's context (it installs
 * to's mask and reads from's) or for getcontext inside a handler (it
 * reads the mask); none between two contexts outside handlers. */
int
__ucc_sig_switch(ucontext_t *from, const ucontext_t *to)
{
	/* the common case: between two contexts outside handlers */
	if (now.depth == 0 &&
	    (to == NULL || mark_of(to)->key != (MARK ^ (uintptr_t)to))) {
		if (from != NULL)
			mark_of(from)->key = 0;
		return 0;
	}
	int saved_errno = errno;
	struct level here = now, to_at;
	ksigset mask = here.outside;
	sigset_t set, old;
	int setting = 0, reading = from != NULL && here.depth != 0;

	memset(&to_at, 0, sizeof to_at);
	if (to != NULL) {
		struct mark *m = mark_of(to);
		if (m->key == (MARK ^ (uintptr_t)to)) {
			to_at = m->at;
			mask = m->mask;
			m->key = 0;	/* resumed: the handler goes on from here */
		}
		setting = here.depth != 0 || to_at.depth != 0;
	}
	if (setting || reading) {
		/* A signal may arrive the moment the mask changes: the state a
		 * handler entered then finds must already match the mask.  So
		 * leaving handlers, the new state comes first; entering one's
		 * context, after (below). */
		if (setting && to_at.depth == 0)
			now = to_at;
		if (setting)
			to_sigset(&set, &mask);
		sigprocmask(SIG_SETMASK, setting ? &set : NULL, &old);
		ksigset was = kmask(&old);
		if (here.depth != 0 && !covers(&was, &here.blocked)) {
			/* the handler was left: the mask was not ours to set */
			if (setting && to_at.depth == 0)
				sigprocmask(SIG_SETMASK, &old, NULL);
			drop(&here);
			if (to == NULL)
				memset(&now, 0, sizeof now);
			reading = 0;
		}
	}
	if (from != NULL) {
		struct mark *m = mark_of(from);
		if (reading) {
			m->at = here;
			m->mask = kmask(&old);
			m->key = MARK ^ (uintptr_t)from;
		} else {
			m->key = 0;
		}
	}
	if (to != NULL)
		now = to_at;
	errno = saved_errno;
	return 0;
}

/* Every handler installed through this file runs here.  If the handler
 * switches away, this frame waits, counted, until its context is resumed
 * and the handler returns. */
static void
entry(int sig, siginfo_t *si, void *uc)
{
	struct handler h = handler_of(sig);
	ksigset interrupted, blocked;
	memcpy(&interrupted, &((ucontext_t *)uc)->uc_sigmask, sizeof interrupted);

	/* the signals this entry blocked: the handler's mask and, unless
	 * SA_NODEFER, the signal itself, less what was blocked already */
	blocked = h.mask;
	if (!(h.flags & SA_NODEFER))
		blocked.w[(sig - 1) / (8 * sizeof(unsigned long))] |=
			1ul << ((sig - 1) % (8 * sizeof(unsigned long)));
	for (size_t i = 0; i < KSIG_LONGS; i++)
		blocked.w[i] &= ~interrupted.w[i];

	/* the handler this one interrupted was left already */
	if (now.depth != 0 && !covers(&interrupted, &now.blocked)) {
		drop(&now);
		memset(&now, 0, sizeof now);
	}
	struct level outer = now;
	unsigned long run = ++runs;
	if (now.depth == 0)
		now.outside = interrupted;
	now.depth++;
	now.run = run;
	now.blocked = blocked;
	__atomic_add_fetch(&__ucc_sig_active, 1, __ATOMIC_RELAXED);

	if (h.fn != (void *)SIG_DFL && h.fn != (void *)SIG_IGN) {
		if (h.flags & SA_SIGINFO)
			((void (*)(int, siginfo_t *, void *))h.fn)(sig, si, uc);
		else
			((void (*)(int))h.fn)(sig);
	}

	now = outer;
	if (run > dropped)
		__atomic_sub_fetch(&__ucc_sig_active, 1, __ATOMIC_RELAXED);
}

#elif defined(UCC_PORT_MASK_C)

/* The posix library, on a port whose assembly leaves the mask to C
 * (lib/arch/README): the one rt_sigprocmask call glibc's function makes
 * there, with the kernel's mask size, between the save of from (NULL
 * for setcontext) and the restore of to (NULL for getcontext):
 * getcontext reads the mask (SIG_BLOCK of nothing), setcontext installs
 * to's, swapcontext both at once. */
int
__ucc_sig_switch(ucontext_t *from, const ucontext_t *to)
{
	if (syscall(SYS_rt_sigprocmask, to != NULL ? SIG_SETMASK : SIG_BLOCK,
		    to != NULL ? &to->uc_sigmask : NULL,
		    from != NULL ? &from->uc_sigmask : NULL, _NSIG / 8) != 0)
		return __ucc_syscall_error(-errno);
	return 0;
}

#endif /* UCC_POSIX_MASK */

#ifdef UCC_PORT_MASK_C
/* setcontext and swapcontext of a port that leaves the mask to C, after
 * the save (internal.h): the mask as the library's mode wants it, then
 * the restore, which does not return; or -1, the call not made. */
int
__ucc_sig_resume(ucontext_t *from, const ucontext_t *to)
{
	if (__ucc_sig_switch(from, to) != 0)
		return -1;
	__ucc_resume(to);
}
#endif

/* The C library's sigaction: on glibc __sigaction, exported, so that
 * ours can be sigaction; elsewhere sigaction itself, not interposed. */
#ifdef UCC_SIG_INTERPOSE
extern int __sigaction(int, const struct sigaction *, struct sigaction *);
# define libc_sigaction __sigaction
#else
# define libc_sigaction sigaction
#endif

UCC_API int
ucc_sigaction(int sig, const struct sigaction *act, struct sigaction *oact)
{
#ifdef UCC_POSIX_MASK
	/* The posix library switches masks as glibc: nothing to follow. */
	return libc_sigaction(sig, act, oact);
#else
	if (sig <= 0 || sig >= _NSIG)
		return libc_sigaction(sig, act, oact);
	struct handler old = handler_of(sig);
	struct sigaction k;
	int installed = 0;
	if (act != NULL && act->sa_handler != SIG_DFL &&
	    act->sa_handler != SIG_IGN) {
		k = *act;
		k.sa_sigaction = entry;
		k.sa_flags |= SA_SIGINFO;
		set_handler(sig, (act->sa_flags & SA_SIGINFO) ?
			    (void *)act->sa_sigaction : (void *)act->sa_handler,
			    act->sa_flags, &act->sa_mask);
		act = &k;
		installed = 1;
	}
	if (libc_sigaction(sig, act, oact) != 0) {
		if (installed) {
			sigset_t m;
			to_sigset(&m, &old.mask);
			set_handler(sig, old.fn, old.flags, &m);
		}
		return -1;
	}
	/* The caller sees its own handler, not the wrapper. */
	if (oact != NULL && oact->sa_sigaction == entry) {
		if (old.flags & SA_SIGINFO)
			oact->sa_sigaction = (void (*)(int, siginfo_t *, void *))old.fn;
		else
			oact->sa_handler = (void (*)(int))old.fn;
		oact->sa_flags = (oact->sa_flags & ~SA_SIGINFO) |
				 (old.flags & SA_SIGINFO);
	}
	return 0;
#endif
}

#if defined(UCC_SIG_INTERPOSE) && !defined(UCC_POSIX_MASK)
/* The C library's ways to install a handler, each through ucc_sigaction,
 * with glibc's semantics for each. */
UCC_API extern __typeof__(ucc_sigaction) sigaction
	__attribute__((alias("ucc_sigaction")));

static void (*install(int sig, void (*fn)(int), int flags, int mask_self))(int)
{
	struct sigaction act, old;
	memset(&act, 0, sizeof act);
	act.sa_handler = fn;
	sigemptyset(&act.sa_mask);
	if (mask_self && sigaddset(&act.sa_mask, sig) != 0)
		return SIG_ERR;
	act.sa_flags = flags;
	if (ucc_sigaction(sig, &act, &old) != 0)
		return SIG_ERR;
	return old.sa_handler;
}

/* BSD semantics: restarting system calls, the signal blocked while its
 * handler runs, the handler kept. */
UCC_API void (*signal(int sig, void (*fn)(int)))(int)
{
	return install(sig, fn, SA_RESTART, 1);
}
UCC_API void (*bsd_signal(int sig, void (*fn)(int)))(int)
{
	return install(sig, fn, SA_RESTART, 1);
}
UCC_API void (*ssignal(int sig, void (*fn)(int)))(int)
{
	return install(sig, fn, SA_RESTART, 1);
}

/* System V semantics: the handler reset on delivery, the signal not
 * blocked.  __sysv_signal is what <signal.h> names signal in strict
 * standard modes. */
UCC_API void (*sysv_signal(int sig, void (*fn)(int)))(int)
{
	return install(sig, fn, SA_RESETHAND | SA_NODEFER, 0);
}
UCC_API void (*__sysv_signal(int sig, void (*fn)(int)))(int)
{
	return install(sig, fn, SA_RESETHAND | SA_NODEFER, 0);
}

/* sigset: SIG_HOLD blocks the signal; anything else is installed and
 * unblocks it.  Returns SIG_HOLD if the signal was blocked, else the
 * previous disposition. */
UCC_API void (*sigset(int sig, void (*fn)(int)))(int)
{
	sigset_t one, was;
	struct sigaction old;
	if (sigemptyset(&one) != 0 || sigaddset(&one, sig) != 0)
		return SIG_ERR;
	if (fn == SIG_HOLD) {
		if (ucc_sigaction(sig, NULL, &old) != 0 ||
		    sigprocmask(SIG_BLOCK, &one, &was) != 0)
			return SIG_ERR;
		return sigismember(&was, sig) ? SIG_HOLD : old.sa_handler;
	}
	void (*prev)(int) = install(sig, fn, 0, 0);
	if (prev == SIG_ERR || sigprocmask(SIG_UNBLOCK, &one, &was) != 0)
		return SIG_ERR;
	return sigismember(&was, sig) ? SIG_HOLD : prev;
}
#endif
