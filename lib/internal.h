/* Declarations shared by the library's C files and its assembly. */
#ifndef UCC_INTERNAL_H
#define UCC_INTERNAL_H

#define UCC_API __attribute__((visibility("default")))

#include <stddef.h>
#include <stdint.h>
#include <ucontext.h>

#include "port.h"	/* the port's switches (lib/arch/<abi>/port.h) */

/* Error returns for the assembly, which cannot reach errno itself:
 * all return -1.  EFAULT for a NULL pointer, EINVAL for a context that
 * cannot be resumed.  Under the sanitizer fiber API, each first takes
 * back a switch announced for a call that failed (__ucc_fiber_cancel). */
int __ucc_efault(void);
int __ucc_einval(void);
int __ucc_enotsup(void);	/* a shadow stack is active */
int __ucc_syscall_error(long ret);

/* Switching inside signal handlers (lib/signal.c): the count of handler
 * runs the switch functions test, and what they call between the save
 * and the restore when it is not 0; in the posix library of a port that
 * defines UCC_PORT_MASK_C, what they always call, for the mask call
 * glibc makes.  0, or -1 with errno set (the posix library's call
 * failed).  Such a port's getcontext tail-calls __ucc_sig_switch(ucp,
 * NULL); its setcontext and swapcontext tail-call __ucc_sig_resume,
 * which resumes `to` with the port's __ucc_resume (setcontext's restore
 * alone) once the mask is done, or returns -1. */
extern int __ucc_sig_active;
int __ucc_sig_switch(ucontext_t *from, const ucontext_t *to);
#ifdef UCC_PORT_MASK_C
int __ucc_sig_resume(ucontext_t *from, const ucontext_t *to);
__attribute__((noreturn)) void __ucc_resume(const ucontext_t *to);
#endif

/* AT_HWCAP, on a port whose assembly tests the hardware (lib/hwcap.c). */
extern unsigned long __ucc_hwcap;
/* 1: the port copies slices with AVX (UCC_PORT_WIDE_COPY, lib/hwcap.c). */
extern unsigned char __ucc_copy_wide;
/* Under valgrind, the tuned slice switch makes the bytes it copies back
 * addressable first (lib/slice.c, built with valgrind.h). */
extern unsigned char __ucc_valgrind;
void __ucc_valgrind_slice_in(void *lo, size_t len);

/* Where a function started by makecontext returns to (lib/arch/<abi>),
 * and the C it calls there (lib/makecontext.c). */
void __ucc_start(void);
__attribute__((noreturn)) void __ucc_start_return(const ucontext_t *link);
int __ucc_setcontext(const ucontext_t *ucp);
__attribute__((returns_twice)) int __ucc_getcontext(ucontext_t *ucp);
void __ucc_valgrind_frame_kept(void *slot);

/* The sanitizer fiber API (lib/fiber.c, --enable-sanitizer-fibers). */
struct ucc_slice;
void __ucc_fiber_leave(const void *ucp, int abandon);
void __ucc_fiber_leave_slice(const struct ucc_slice *from,
			     const struct ucc_slice *to);
void __ucc_fiber_arrived(void);
void __ucc_fiber_cancel(void);
void __ucc_fiber_made(void *stack, size_t size);

/* ucc_context_sp, without the PLT (lib/sp.c). */
void *__ucc_context_sp(const ucontext_t *ucp);

/* Stack slicing (lib/slice.c and lib/arch/<abi>/slice.S). */
int __ucc_thread_stack(uintptr_t *lo, uintptr_t *hi);
struct ucc_base;
int __ucc_base_init(struct ucc_base *base, uintptr_t sp);
int __ucc_slice_prepare(struct ucc_slice *from, struct ucc_slice *to,
			uintptr_t sp);
__attribute__((noreturn)) void __ucc_slice_return(struct ucc_slice *self,
						  struct ucc_slice *link);
int __ucc_slice_fail(int err);
void __ucc_slice_fpctl(void *slot);
/* The port's stack-switch primitive (lib/arch/<abi>/switch.S), for the
 * portable slice switch. */
void __ucc_stack_switch(void *(*save)(void *arg, void *sp),
			void (*restore)(void *arg), void *arg);
int __ucc_slice_set(struct ucc_slice *to);	/* ucc_slice_set, inside */
void __ucc_slice_start(void);

#endif
