/* getcontext for aarch64: the registers and FPSIMD state glibc saves, at
 * glibc's offsets.  AAPCS64, sections 6.1.1 (x19-x29 and sp callee-saved,
 * x18 the platform register) and 6.1.2 (d8-d15; FPCR preserved, FPSR's
 * flags kept with the context as glibc does). */
#include "asm.h"
#include "abi.h"
#include "save.h"

API_ENTRY(getcontext)
	cbz	x0, 8f
#ifndef UCC_POSIX_MASK
	SIG_TEST(2f)
#endif

	SAVE_CONTEXT
	str	xzr, [x0, #UC_PSTATE]	/* as glibc; swapcontext leaves it */

#ifdef UCC_POSIX_MASK
	/* rt_sigprocmask(SIG_BLOCK, NULL, &ucp->uc_sigmask, 8), as glibc */
	add	x2, x0, #UC_SIGMASK
	mov	x0, #K_SIG_BLOCK
	mov	x1, #0
	mov	x3, #K_SIGSET_SIZE
	mov	x8, #K_NR_SIGPROCMASK
	svc	#0
	cbnz	x0, 9f			/* -errno */
#endif
	mov	x0, #0
	ret
#ifdef UCC_POSIX_MASK
9:	TAIL_C(__ucc_syscall_error)
#else
2:	/* inside a handler, lib/signal.c marks the context with its mask */
	SAVE_CONTEXT
	str	xzr, [x0, #UC_PSTATE]
	CALL_KEEPING_ARGS __ucc_sig_switch, "mov x1, #0"
	mov	x0, #0
	ret
#endif
8:	TAIL_C(__ucc_efault)
API_END(getcontext)

	.section .note.GNU-stack,"",%progbits
