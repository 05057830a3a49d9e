/* swapcontext for ppc64le: save as getcontext does, resume as setcontext
 * (save.h).  64-bit ELF V2 ABI 1.5, 2.2.  In the posix mask mode one
 * rt_sigprocmask call swaps the masks, as glibc's does. */
#include "asm.h"
#include "abi.h"
#include "save.h"

/* Refuse before saving anything, so a failed call changes nothing.
 * Clobbers r11 and cr0. */
.macro CHECK_SWAP_ARGS
	cmpdi	%r3, 0
	beq	8f
	cmpdi	%r4, 0
	beq	8f
	ld	%r11, UC_SP(%r4)
	cmpdi	%r11, 0
	beq	7f
.endm

SWITCH_ENTRY(swapcontext)
#ifndef UCC_POSIX_MASK
	SIG_TEST(3f)
#endif
	CHECK_SWAP_ARGS

	SAVE_CONTEXT

#ifdef UCC_POSIX_MASK
	/* One rt_sigprocmask(SIG_SETMASK, &ucp->mask, &oucp->mask, 8); ucp
	 * waits in the red zone (the call may change r0 and r3-r12) */
	std	%r4, -8(%r1)
	addi	%r5, %r3, UC_SIGMASK
	addi	%r4, %r4, UC_SIGMASK
	li	%r3, K_SIG_SETMASK
	li	%r6, K_SIGSET_SIZE
	li	%r0, K_NR_SIGPROCMASK
	sc
	bso	9f
	ld	%r11, -8(%r1)
#else
	mr	%r11, %r4
#endif
	RESTORE_CONTEXT
#ifdef UCC_POSIX_MASK
9:	neg	%r3, %r3
	TAIL_C(__ucc_syscall_error)
#else
3:	TAIL_C(__ucc_swapcontext_sig)
#endif
7:	TAIL_C(__ucc_einval)
8:	TAIL_C(__ucc_efault)
SWITCH_END(swapcontext)

#ifndef UCC_POSIX_MASK
/* The same while a signal handler runs somewhere: lib/signal.c sets the
 * mask between the save and the restore, as glibc's would be. */
ENTRY(__ucc_swapcontext_sig)
	CHECK_SWAP_ARGS
	SAVE_CONTEXT
	CALL_KEEPING_ARGS __ucc_sig_switch, ""
	mr	%r11, %r4
	RESTORE_CONTEXT
7:	TAIL_C(__ucc_einval)
8:	TAIL_C(__ucc_efault)
END(__ucc_swapcontext_sig)
#endif

	.section .note.GNU-stack,"",%progbits
