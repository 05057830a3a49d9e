/* The stack switch for the portable stack slicing (lib/slice.c), the
 * start trampoline of ucc_slice_make, and the stack pointer queries.  System V i386 psABI 1.1, sections 2.2.2
 * (callee-saved registers, x87 control word), 2.2.3 (the stack at a
 * call: 16-byte aligned) and 2.3.3 (unwinding).
 *
 * The frame __ucc_stack_switch pushes, from the sp save receives (the
 * SF_* of offsets.def, which ucc_slice_make lays out too):
 *   +0   x87 control word     (4-byte fields: the first 12 bytes of an
 *   +4   x87 status word       fnstenv environment, tag word "empty",
 *   +8   x87 tag word          so that fldenv can load it)
 *   +12  edi   +16  esi   +20  ebx   +24  ebp
 *   +28  return address
 * The x87 state is what a ucontext_t keeps (save.h): the control word
 * and the exception flags; MXCSR stays with the thread. */
#include "asm.h"
#include "abi.h"
#include "save.h"

/* void *ucc_current_sp(void) */
PUBLIC(ucc_current_sp)
	lea	4(%esp), %eax		/* the caller's, without our return address */
	ret
END(ucc_current_sp)

/* int ucc_base_init(ucc_base_t *base): __ucc_base_init(base, the
 * caller's stack pointer).  Not a tail call: it takes one more stack
 * argument than we were given. */
PUBLIC(ucc_base_init)
	lea	4(%esp), %eax
	mov	4(%esp), %ecx
	sub	$4, %esp
	.cfi_adjust_cfa_offset 4
	push	%eax
	.cfi_adjust_cfa_offset 4
	push	%ecx
	.cfi_adjust_cfa_offset 4
	CALL_C(__ucc_base_init)
	add	$12, %esp
	.cfi_adjust_cfa_offset -12
	ret
END(ucc_base_init)

/* void __ucc_slice_fpctl(void *slot): the running x87 state, as the
 * SF_FPCTL slot holds it: control word, status word, tag word "empty". */
ENTRY(__ucc_slice_fpctl)
	mov	4(%esp), %eax
	movl	$-1, FP_CW(%eax)
	movl	$-1, FP_SW(%eax)
	movl	$-1, FP_TAG(%eax)
	fnstcw	FP_CW(%eax)
	fnstsw	FP_SW(%eax)
	ret
END(__ucc_slice_fpctl)

/* Where a context made by ucc_slice_make starts, popped from the frame
 * it built (offsets.def, SF_*): ebx = fn, esi = arg, edi = link, ebp =
 * the context; esp is 16-byte aligned. */
TRAMPOLINE(__ucc_slice_start_frame, __ucc_slice_start)
	sub	$12, %esp
	push	%esi
	call	*%ebx			/* fn(arg) */
	mov	%edi, 4(%esp)
	mov	%ebp, (%esp)
	CALL_C(__ucc_slice_return)	/* (self, link): link, or exit */
	ud2
TRAMPOLINE_END(__ucc_slice_start_frame, __ucc_slice_start)

/* void __ucc_stack_switch(void *(*save)(void *arg, void *sp),
 *			   void (*restore)(void *arg), void *arg)
 * save, restore and arg live in ebx, esi and edi, pushed with the rest. */
ENTRY(__ucc_stack_switch)
	push	%ebp
	.cfi_adjust_cfa_offset 4
	.cfi_rel_offset ebp, 0
	push	%ebx
	.cfi_adjust_cfa_offset 4
	.cfi_rel_offset ebx, 0
	push	%esi
	.cfi_adjust_cfa_offset 4
	.cfi_rel_offset esi, 0
	push	%edi
	.cfi_adjust_cfa_offset 4
	.cfi_rel_offset edi, 0
	sub	$12, %esp
	.cfi_adjust_cfa_offset 12
	movl	$-1, FP_CW(%esp)
	movl	$-1, FP_SW(%esp)
	movl	$-1, FP_TAG(%esp)
	fnstcw	FP_CW(%esp)
	fnstsw	FP_SW(%esp)
	mov	32(%esp), %ebx		/* save */
	mov	36(%esp), %esi		/* restore */
	mov	40(%esp), %edi		/* arg */
	mov	%esp, %eax
	sub	$8, %esp		/* 16-byte aligned at the call */
	.cfi_adjust_cfa_offset 8
	push	%eax
	.cfi_adjust_cfa_offset 4
	push	%edi
	.cfi_adjust_cfa_offset 4
	call	*%ebx
	/* eax = next: the frame of an earlier switch, or a fresh stack top
	 * (then restore never returns).  From here on the frame described
	 * is next's, which has ours's layout. */
	mov	%eax, %ebx
	.cfi_def_cfa ebx, 32
	mov	%eax, %esp
	and	$-16, %esp		/* the call's frame below next */
	sub	$12, %esp
	push	%edi
	call	*%esi
	mov	%ebx, %esp
	.cfi_def_cfa esp, 32
	X87_LOAD %esp
	add	$12, %esp
	.cfi_adjust_cfa_offset -12
	pop	%edi
	.cfi_adjust_cfa_offset -4
	.cfi_restore edi
	pop	%esi
	.cfi_adjust_cfa_offset -4
	.cfi_restore esi
	pop	%ebx
	.cfi_adjust_cfa_offset -4
	.cfi_restore ebx
	pop	%ebp
	.cfi_adjust_cfa_offset -4
	.cfi_restore ebp
	ret
END(__ucc_stack_switch)

	.section .note.GNU-stack,"",%progbits
