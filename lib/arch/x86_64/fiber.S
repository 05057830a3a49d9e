/* The public switching functions under the sanitizer fiber API
 * (--enable-sanitizer-fibers, lib/fiber.c): each tells the sanitizer
 * where it is going, then jumps to the switch itself (__ucc_x_raw), which
 * thus saves the caller's context exactly as without the sanitizer.
 * Empty otherwise.  System V AMD64 psABI 1.0, section 3.2.3: the
 * argument registers are kept across the C call. */
#include "asm.h"

#ifdef UCC_SANITIZER_FIBERS
/* Call hook with the arguments `second` sets up from rdi and rsi, and
 * keep rdi and rsi as the caller gave them. */
.macro FIBER_CALL hook, second
	push	%rdi
	.cfi_adjust_cfa_offset 8
	push	%rsi
	.cfi_adjust_cfa_offset 8
	sub	$8, %rsp		/* aligned for the call */
	.cfi_adjust_cfa_offset 8
	\second
	call	\hook
	add	$8, %rsp
	.cfi_adjust_cfa_offset -8
	pop	%rsi
	.cfi_adjust_cfa_offset -8
	pop	%rdi
	.cfi_adjust_cfa_offset -8
.endm

/* int swapcontext(ucontext_t *oucp, const ucontext_t *ucp) */
API_ENTRY(swapcontext)
	FIBER_CALL __ucc_fiber_leave, "mov %rsi, %rdi; xor %esi, %esi"
	jmp	__ucc_swapcontext_raw
API_END(swapcontext)

/* int setcontext(const ucontext_t *ucp) */
API_ENTRY(setcontext)
	FIBER_CALL __ucc_fiber_leave, "mov $1, %esi"
	jmp	__ucc_setcontext_raw
API_END(setcontext)

/* int ucc_slice_swap(ucc_slice_t *from, ucc_slice_t *to) */
PUBLIC(ucc_slice_swap)
	FIBER_CALL __ucc_fiber_leave_slice, ""
	jmp	__ucc_slice_swap_raw
END(ucc_slice_swap)

/* int ucc_slice_set(ucc_slice_t *to), and __ucc_slice_set, its name
 * inside the library (the slice trampoline resumes links with it). */
PUBLIC(ucc_slice_set)
	FIBER_CALL __ucc_fiber_leave_slice, "mov %rdi, %rsi; xor %edi, %edi"
	jmp	__ucc_slice_set_raw
END(ucc_slice_set)
	.globl __ucc_slice_set
	.hidden __ucc_slice_set
	.type __ucc_slice_set, %function
	.set __ucc_slice_set, ucc_slice_set

#endif

	.section .note.GNU-stack,"",%progbits
