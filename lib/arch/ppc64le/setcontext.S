/* setcontext for ppc64le: fpscr, the preserved FP and vector registers,
 * cr, lr, the general registers makecontext fills and the preserved
 * ones, sp, then a jump to the saved nip (save.h).  64-bit ELF V2 ABI
 * 1.5, 2.2. */
#include "asm.h"
#include "abi.h"
#include "save.h"

SWITCH_ENTRY(setcontext)
	cmpdi	%r3, 0
	beq	8f
	ld	%r11, UC_SP(%r3)
	cmpdi	%r11, 0
	beq	7f			/* never saved, or makecontext refused it */
#ifndef UCC_POSIX_MASK
	SIG_TEST(3f)
#endif
	mr	%r11, %r3

#ifdef UCC_POSIX_MASK
	/* rt_sigprocmask(SIG_SETMASK, &ucp->uc_sigmask, NULL, 8), as glibc,
	 * before anything else changes.  The system call may change r0 and
	 * r3-r12: ucp waits in the red zone below sp (the 288 bytes a
	 * signal frame leaves alone, ELFv2 ABI 2.2.3.4). */
	std	%r3, -8(%r1)
	addi	%r4, %r3, UC_SIGMASK
	li	%r3, K_SIG_SETMASK
	li	%r5, 0
	li	%r6, K_SIGSET_SIZE
	li	%r0, K_NR_SIGPROCMASK
	sc
	bso	9f
	ld	%r11, -8(%r1)
#endif
	RESTORE_CONTEXT
#ifdef UCC_POSIX_MASK
9:	neg	%r3, %r3
	TAIL_C(__ucc_syscall_error)
#else
3:	TAIL_C(__ucc_setcontext_sig)
#endif
7:	TAIL_C(__ucc_einval)
8:	TAIL_C(__ucc_efault)
SWITCH_END(setcontext)

#ifndef UCC_POSIX_MASK
/* setcontext while a signal handler runs somewhere (lib/signal.c). */
ENTRY(__ucc_setcontext_sig)
	CALL_KEEPING_ARGS __ucc_sig_switch, "mr %r4, %r3; li %r3, 0"
	mr	%r11, %r3
	RESTORE_CONTEXT
END(__ucc_setcontext_sig)
#endif

	.section .note.GNU-stack,"",%progbits
