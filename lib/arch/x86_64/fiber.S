/* The public switching functions under the sanitizer fiber API
 * (--enable-sanitizer-fibers, lib/fiber.c): each tells the sanitizer
 * where it is going, then jumps to the switch itself (__ucc_x_raw), which
 * thus saves the caller's context exactly as without the sanitizer.
 * Empty otherwise.  System V AMD64 psABI 1.0, section 3.2.3: the
 * argument registers are kept across the C call. */
#include "asm.h"
#include "save.h"

#ifdef UCC_SANITIZER_FIBERS

/* int swapcontext(ucontext_t *oucp, const ucontext_t *ucp) */
API_ENTRY(swapcontext)
	CALL_KEEPING_ARGS __ucc_fiber_leave, "mov %rsi, %rdi; xor %esi, %esi"
	jmp	__ucc_swapcontext_raw
API_END(swapcontext)

/* int setcontext(const ucontext_t *ucp) */
API_ENTRY(setcontext)
	CALL_KEEPING_ARGS __ucc_fiber_leave, "mov $1, %esi"
	jmp	__ucc_setcontext_raw
API_END(setcontext)

/* int ucc_slice_swap(ucc_slice_t *from, ucc_slice_t *to) */
PUBLIC(ucc_slice_swap)
	CALL_KEEPING_ARGS __ucc_fiber_leave_slice, ""
	jmp	__ucc_slice_swap_raw
END(ucc_slice_swap)

/* int ucc_slice_set(ucc_slice_t *to), and __ucc_slice_set, its name
 * inside the library (the slice trampoline resumes links with it). */
PUBLIC(ucc_slice_set)
	CALL_KEEPING_ARGS __ucc_fiber_leave_slice, "mov %rdi, %rsi; xor %edi, %edi"
	jmp	__ucc_slice_set_raw
END(ucc_slice_set)
	.globl __ucc_slice_set
	.hidden __ucc_slice_set
	.type __ucc_slice_set, %function
	.set __ucc_slice_set, ucc_slice_set

#endif

	.section .note.GNU-stack,"",%progbits
