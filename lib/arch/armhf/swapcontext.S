/* swapcontext for 32-bit Arm: save as getcontext does, resume as
 * setcontext.  AAPCS, sections 5.1.1 and 5.1.2.1.  Unlike glibc's, the
 * saved pc is the caller's return address, not a label inside the
 * function; and in the posix mask mode one rt_sigprocmask call swaps the
 * masks where glibc makes two (a query, then the set). */
#include "asm.h"
#include "abi.h"
#include "save.h"

/* Refuse before saving anything, so a failed call changes nothing.
 * Clobbers ip. */
.macro CHECK_SWAP_ARGS
	cmp	r0, #0
	cmpne	r1, #0
	beq	8f
	ldr	ip, [r1, #UC_SP]
	cmp	ip, #0
	beq	7f
.endm

SWITCH_ENTRY(swapcontext)
#ifndef UCC_POSIX_MASK
	SIG_TEST __ucc_swapcontext_sig
#endif
	CHECK_SWAP_ARGS

	SAVE_CONTEXT

	mov	ip, r1
#ifdef UCC_POSIX_MASK
	/* One rt_sigprocmask(SIG_SETMASK, &ucp->mask, &oucp->mask, 8) */
	add	r2, r0, #UC_SIGMASK
	add	r1, ip, #UC_SIGMASK
	mov	r0, #K_SIG_SETMASK
	SYS_SIGPROCMASK
	cmp	r0, #0
	bne	9f
#endif
	RESTORE_CONTEXT
#ifdef UCC_POSIX_MASK
9:	TAIL_C(__ucc_syscall_error)
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
	mov	ip, r1
	RESTORE_CONTEXT
7:	TAIL_C(__ucc_einval)
8:	TAIL_C(__ucc_efault)
END(__ucc_swapcontext_sig)
#endif

	.section .note.GNU-stack,"",%progbits
