/* swapcontext for aarch64: save as getcontext does, resume as setcontext.
 * AAPCS64, sections 6.1.1 and 6.1.2.  Unlike glibc's, the saved pc is
 * the caller's return address, not a label inside the function; and in
 * the posix mask mode one rt_sigprocmask call swaps the masks where
 * glibc makes two (a query, then the set). */
#include "asm.h"
#include "abi.h"
#include "save.h"

/* Refuse before saving anything, so a failed call changes nothing.
 * Clobbers x9. */
.macro CHECK_SWAP_ARGS
	cbz	x0, 8f
	cbz	x1, 8f
	ldr	x9, [x1, #UC_SP]
	cbz	x9, 7f
.endm

SWITCH_ENTRY(swapcontext)
#ifndef UCC_POSIX_MASK
	SIG_TEST(__ucc_swapcontext_sig)
#endif
	CHECK_SWAP_ARGS

	SAVE_CONTEXT

#ifdef UCC_POSIX_MASK
	/* One rt_sigprocmask(SIG_SETMASK, &ucp->mask, &oucp->mask, 8) */
	mov	x9, x1
	add	x2, x0, #UC_SIGMASK
	add	x1, x1, #UC_SIGMASK
	mov	x0, #K_SIG_SETMASK
	mov	x3, #K_SIGSET_SIZE
	mov	x8, #K_NR_SIGPROCMASK
	svc	#0
	cbnz	x0, 9f
#else
	mov	x9, x1
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
	mov	x9, x1
	RESTORE_CONTEXT
7:	TAIL_C(__ucc_einval)
8:	TAIL_C(__ucc_efault)
END(__ucc_swapcontext_sig)
#endif

	.section .note.GNU-stack,"",%progbits
