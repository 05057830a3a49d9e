/* setcontext for aarch64.  AAPCS64, sections 6.1.1 and 6.1.2: the
 * callee-saved registers, sp, the FPSIMD state glibc keeps (fpsr, fpcr,
 * v8-v15), then the argument registers makecontext filled, and a return
 * to the saved pc. */
#include "asm.h"
#include "abi.h"
#include "save.h"

SWITCH_ENTRY(setcontext)
	cbz	x0, 8f
	ldr	x9, [x0, #UC_SP]
	cbz	x9, 7f			/* never saved, or makecontext refused it */
#ifndef UCC_POSIX_MASK
	SIG_TEST(__ucc_setcontext_sig)
#endif
	mov	x9, x0

#ifdef UCC_POSIX_MASK
	/* rt_sigprocmask(SIG_SETMASK, &ucp->uc_sigmask, NULL, 8), as glibc,
	 * before anything else changes; the kernel keeps x9. */
	mov	x0, #K_SIG_SETMASK
	add	x1, x9, #UC_SIGMASK
	mov	x2, #0
	mov	x3, #K_SIGSET_SIZE
	mov	x8, #K_NR_SIGPROCMASK
	svc	#0
	cbnz	x0, 9f
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
	CALL_KEEPING_ARGS __ucc_sig_switch, "mov x1, x0; mov x0, #0"
	mov	x9, x0
	RESTORE_CONTEXT
END(__ucc_setcontext_sig)
#endif

	.section .note.GNU-stack,"",%progbits
