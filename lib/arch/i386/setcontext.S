/* setcontext for i386.  System V i386 psABI 1.1, sections 2.2.2 and
 * 2.2.3: the callee-saved registers, esp, the x87 control and status
 * words, then a jump to the saved eip (save.h, RESTORE_CONTEXT). */
#include "asm.h"
#include "abi.h"
#include "save.h"

SWITCH_ENTRY(setcontext)
	mov	4(%esp), %edx
	test	%edx, %edx
	jz	__ucc_efault
	cmpl	$0, UC_SP(%edx)		/* never saved, or makecontext refused it */
	je	__ucc_einval
#ifdef UCC_POSIX_MASK
	/* rt_sigprocmask(SIG_SETMASK, &ucp->uc_sigmask, NULL, 8), before
	 * anything else changes; ebx and esi kept for a failed call. */
	push	%ebx
	.cfi_adjust_cfa_offset 4
	.cfi_rel_offset ebx, 0
	push	%esi
	.cfi_adjust_cfa_offset 4
	.cfi_rel_offset esi, 0
	lea	UC_SIGMASK(%edx), %ecx
	xor	%edx, %edx
	mov	$K_SIG_SETMASK, %ebx
	mov	$K_SIGSET_SIZE, %esi
	mov	$K_NR_SIGPROCMASK, %eax
	KERNEL_CALL
	pop	%esi
	.cfi_adjust_cfa_offset -4
	.cfi_restore esi
	pop	%ebx
	.cfi_adjust_cfa_offset -4
	.cfi_restore ebx
	cmp	$-4095, %eax
	jae	9f
	mov	4(%esp), %edx
#else
	SIG_TEST(__ucc_setcontext_sig)
#endif
	RESTORE_CONTEXT
#ifdef UCC_POSIX_MASK
9:	mov	%eax, 4(%esp)
	TAIL_C(__ucc_syscall_error)
#endif
SWITCH_END(setcontext)

#ifndef UCC_POSIX_MASK
/* setcontext while a signal handler runs somewhere (lib/signal.c):
 * __ucc_sig_switch(NULL, ucp), then the restore.  Jumped to from
 * setcontext: ucp is still at 4(%esp). */
ENTRY(__ucc_setcontext_sig)
	mov	4(%esp), %edx
	sub	$4, %esp
	.cfi_adjust_cfa_offset 4
	push	%edx
	.cfi_adjust_cfa_offset 4
	pushl	$0
	.cfi_adjust_cfa_offset 4
	CALL_C(__ucc_sig_switch)
	add	$12, %esp
	.cfi_adjust_cfa_offset -12
	mov	4(%esp), %edx
	RESTORE_CONTEXT
END(__ucc_setcontext_sig)
#endif

	.section .note.GNU-stack,"",%progbits
