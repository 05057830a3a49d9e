/* swapcontext for x86_64: save as getcontext does, resume as setcontext.
 * System V AMD64 psABI 1.0, sections 3.2.1 and 3.2.3. */
#include "asm.h"
#include "abi.h"
#include "save.h"

/* Refuse before saving anything, so a failed call changes nothing. */
.macro CHECK_SWAP_ARGS
	test	%rdi, %rdi
	jz	__ucc_efault
	test	%rsi, %rsi
	jz	__ucc_efault
	cmpq	$0, UC_SP(%rsi)
	je	__ucc_einval
.endm

SWITCH_ENTRY(swapcontext)
	SHSTK_CHECK(__ucc_enotsup)
#ifndef UCC_POSIX_MASK
	SIG_TEST(__ucc_swapcontext_sig)
#endif
	CHECK_SWAP_ARGS

	SAVE_CONTEXT

#ifdef UCC_POSIX_MASK
	/* One rt_sigprocmask(SIG_SETMASK, &ucp->mask, &oucp->mask, 8), as glibc */
	mov	%rdi, %r8
	mov	%rsi, %r9
	mov	$K_SIG_SETMASK, %edi
	lea	UC_SIGMASK(%r9), %rsi
	lea	UC_SIGMASK(%r8), %rdx
	mov	$K_SIGSET_SIZE, %r10d
	mov	$K_NR_SIGPROCMASK, %eax
	syscall
	cmp	$-4095, %rax
	jae	9f
	mov	%r8, %rdi
	mov	%r9, %rsi
#endif
	RESTORE_CONTEXT
#ifdef UCC_POSIX_MASK
9:	mov	%rax, %rdi
	TAIL_C(__ucc_syscall_error)
#endif
SWITCH_END(swapcontext)

#ifndef UCC_POSIX_MASK
/* The same while a signal handler runs somewhere: lib/signal.c sets the
 * mask between the save and the restore, as glibc's would be. */
ENTRY(__ucc_swapcontext_sig)
	CHECK_SWAP_ARGS
	SAVE_CONTEXT
	CALL_KEEPING_ARGS __ucc_sig_switch, ""
	RESTORE_CONTEXT
END(__ucc_swapcontext_sig)
#endif

	.section .note.GNU-stack,"",%progbits
