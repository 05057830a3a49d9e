/* getcontext for i386: what glibc's saves (save.h).  System V i386
 * psABI 1.1, sections 2.2.2 (registers, x87 control word) and 2.2.3
 * (arguments on the stack: ucp at 4(%esp)). */
#include "asm.h"
#include "abi.h"
#include "save.h"

API_ENTRY(getcontext)
	mov	4(%esp), %eax
	test	%eax, %eax
	jz	__ucc_efault

	SAVE_CONTEXT

#ifdef UCC_POSIX_MASK
	/* rt_sigprocmask(SIG_BLOCK, NULL, &ucp->uc_sigmask, 8).  Every
	 * register the call takes is saved already: reload the callee-saved
	 * ones from the context. */
	mov	%eax, %edi
	lea	UC_SIGMASK(%eax), %edx
	xor	%ecx, %ecx
	mov	$K_SIG_BLOCK, %ebx
	mov	$K_SIGSET_SIZE, %esi
	mov	$K_NR_SIGPROCMASK, %eax
	KERNEL_CALL
	mov	UC_EBX(%edi), %ebx
	mov	UC_ESI(%edi), %esi
	mov	UC_EDI(%edi), %edi
	cmp	$-4095, %eax
	jae	1f
#else
	SIG_TEST(2f)
#endif
	xor	%eax, %eax
	ret
#ifdef UCC_POSIX_MASK
1:	mov	%eax, 4(%esp)		/* our argument slot is ours: tail call */
	TAIL_C(__ucc_syscall_error)
#else
2:	/* inside a handler, lib/signal.c marks the context with its mask:
	 * __ucc_sig_switch(ucp, NULL), on a 16-byte aligned stack */
	mov	4(%esp), %eax
	sub	$4, %esp
	.cfi_adjust_cfa_offset 4
	pushl	$0
	.cfi_adjust_cfa_offset 4
	push	%eax
	.cfi_adjust_cfa_offset 4
	CALL_C(__ucc_sig_switch)
	add	$12, %esp
	.cfi_adjust_cfa_offset -12
	xor	%eax, %eax
	ret
#endif
API_END(getcontext)

	.section .note.GNU-stack,"",%progbits
