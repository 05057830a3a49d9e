/* setcontext for 32-bit Arm.  AAPCS, sections 5.1.1 and 5.1.2.1: the
 * VFP state glibc keeps (d8-d15, FPSCR), the callee-saved registers,
 * the argument registers makecontext filled, then sp, lr and pc. */
#include "asm.h"
#include "abi.h"
#include "save.h"

SWITCH_ENTRY(setcontext)
	cmp	r0, #0
	beq	8f
	ldr	ip, [r0, #UC_SP]
	cmp	ip, #0
	beq	7f			/* never saved, or makecontext refused it */
#ifndef UCC_POSIX_MASK
	SIG_TEST __ucc_setcontext_sig
#endif
	mov	ip, r0

#ifdef UCC_POSIX_MASK
	/* rt_sigprocmask(SIG_SETMASK, &ucp->uc_sigmask, NULL, 8), as glibc,
	 * before anything else changes; the kernel keeps ip. */
	mov	r0, #K_SIG_SETMASK
	add	r1, ip, #UC_SIGMASK
	mov	r2, #0
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
SWITCH_END(setcontext)

#ifndef UCC_POSIX_MASK
/* setcontext while a signal handler runs somewhere (lib/signal.c). */
ENTRY(__ucc_setcontext_sig)
	CALL_KEEPING_ARGS __ucc_sig_switch, "mov r1, r0; mov r0, #0"
	mov	ip, r0
	RESTORE_CONTEXT
END(__ucc_setcontext_sig)
#endif

	.section .note.GNU-stack,"",%progbits
