/* getcontext for 32-bit Arm: the registers and VFP state glibc saves,
 * at glibc's offsets.  AAPCS, sections 5.1.1 (r4-r11, sp callee-saved)
 * and 5.1.2.1 (d8-d15; FPSCR's modes preserved, its flags kept with the
 * context as glibc does). */
#include "asm.h"
#include "abi.h"
#include "save.h"

API_ENTRY(getcontext)
	cmp	r0, #0
	beq	8f
#ifndef UCC_POSIX_MASK
	SIG_TEST 2f
#endif

	SAVE_CONTEXT

#ifdef UCC_POSIX_MASK
	/* rt_sigprocmask(SIG_BLOCK, NULL, &ucp->uc_sigmask, 8), as glibc */
	add	r2, r0, #UC_SIGMASK
	mov	r0, #K_SIG_BLOCK
	mov	r1, #0
	SYS_SIGPROCMASK
	cmp	r0, #0
	bne	9f			/* -errno */
#endif
	mov	r0, #0
	bx	lr
#ifdef UCC_POSIX_MASK
9:	TAIL_C(__ucc_syscall_error)
#else
2:	/* inside a handler, lib/signal.c marks the context with its mask */
	SAVE_CONTEXT
	CALL_KEEPING_ARGS __ucc_sig_switch, "mov r1, #0"
	mov	r0, #0
	bx	lr
#endif
8:	TAIL_C(__ucc_efault)
API_END(getcontext)

	.section .note.GNU-stack,"",%progbits
