/* swapcontext for i386: save as getcontext does, resume as setcontext.
 * System V i386 psABI 1.1, sections 2.2.2 and 2.2.3 (oucp at 4(%esp),
 * ucp at 8(%esp)). */
#include "asm.h"
#include "abi.h"
#include "save.h"

SWITCH_ENTRY(swapcontext)
	/* Refuse before saving anything, so a failed call changes nothing;
	 * ecx and edx are not ours to use until they are saved. */
	cmpl	$0, 4(%esp)
	je	__ucc_efault
	mov	8(%esp), %eax
	test	%eax, %eax
	jz	__ucc_efault
	cmpl	$0, UC_SP(%eax)
	je	__ucc_einval
	mov	4(%esp), %eax

	SAVE_CONTEXT

#ifdef UCC_POSIX_MASK
	/* One rt_sigprocmask(SIG_SETMASK, &ucp->mask, &oucp->mask, 8).
	 * On failure, the callee-saved registers come back from oucp. */
	lea	UC_SIGMASK(%eax), %edx
	mov	8(%esp), %ecx
	add	$UC_SIGMASK, %ecx
	mov	$K_SIG_SETMASK, %ebx
	mov	$K_SIGSET_SIZE, %esi
	mov	$K_NR_SIGPROCMASK, %eax
	KERNEL_CALL
	cmp	$-4095, %eax
	jae	9f
	mov	8(%esp), %edx
	RESTORE_CONTEXT
9:	mov	4(%esp), %ecx
	mov	UC_EBX(%ecx), %ebx
	mov	UC_ESI(%ecx), %esi
	mov	%eax, 4(%esp)
	TAIL_C(__ucc_syscall_error)
#else
	mov	8(%esp), %edx
	SIG_TEST(1f)
	/* the running status word: the one just saved in oucp (eax) */
	RESTORE_CONTEXT UC_FPMEM+FP_SW(%eax)
1:	/* a signal handler runs somewhere: lib/signal.c sets the mask
	 * between the save and the restore, as glibc's would be:
	 * __ucc_sig_switch(oucp, ucp) on a 16-byte aligned stack */
	sub	$4, %esp
	.cfi_adjust_cfa_offset 4
	push	%edx
	.cfi_adjust_cfa_offset 4
	pushl	12(%esp)		/* oucp (esp read before the push) */
	.cfi_adjust_cfa_offset 4
	CALL_C(__ucc_sig_switch)
	add	$12, %esp
	.cfi_adjust_cfa_offset -12
	mov	8(%esp), %edx
	RESTORE_CONTEXT
#endif
SWITCH_END(swapcontext)

	.section .note.GNU-stack,"",%progbits
