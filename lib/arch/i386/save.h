/* Macros the i386 assembly shares.  System V i386 psABI 1.1, sections
 * 2.2.2 (registers: ebx esi edi ebp esp and the x87 control word are
 * callee-saved) and 3.4 (the x87 stack is empty at a call).
 *
 * The floating-point state a context owns is glibc's: the x87 control
 * word and status word, exception flags included, which glibc switches
 * with fnstenv/fldenv.  MXCSR stays with the thread, as in glibc (its
 * i386 ucontext functions never touch it, and an i686 may have no SSE).
 * fnstenv and fldenv are microcoded; this port saves with fnstcw and
 * fnstsw, and restores with fldcw, reloading the status word only when
 * the flags differ.  A save and a restore, in TSC ticks (AMD EPYC, the
 * best of 20,000 runs of 1,000): fnstenv + fldenv 151; fnstcw, fnstsw /
 * fnstsw, compare, fldcw 26; the same reusing the status word just
 * saved (swapcontext) 18; fnstcw / fldcw alone 3.  fnstsw is the cost. */
#ifndef UCC_I386_SAVE_H
#define UCC_I386_SAVE_H

/* The x87 exception flags (IE DE ZE OE UE PE) and the stack fault bit:
 * the status word a context keeps.  TOP and the condition codes are the
 * same at every call (empty stack) or meaningless across one. */
#define X87_FLAGS	0x7f

/* SAVE_CONTEXT: into the ucontext_t at %eax, for a caller whose return
 * address is at (%esp), exactly what glibc's getcontext writes: the
 * general registers (eax as 0, what the resumed call returns), fs, esp
 * and eip, fpregs, and the first 12 bytes of the x87 environment: the
 * control word, the status word and a tag word saying every register
 * is empty, each in a 4-byte field whose upper half reads 0xffff as
 * fnstenv leaves it.  glibc's fldenv of this area loads the same state
 * as of its own.  Clobbers %ecx. */
.macro SAVE_CONTEXT
	mov	%ecx, UC_ECX(%eax)
	mov	%edx, UC_EDX(%eax)
	mov	%ebx, UC_EBX(%eax)
	mov	%esi, UC_ESI(%eax)
	mov	%edi, UC_EDI(%eax)
	mov	%ebp, UC_EBP(%eax)
	movl	$0, UC_EAX(%eax)
	lea	4(%esp), %ecx		/* esp without our return address */
	mov	%ecx, UC_SP(%eax)
	mov	(%esp), %ecx
	mov	%ecx, UC_PC(%eax)
	mov	%fs, %ecx		/* zero-extended on every i686 */
	mov	%ecx, UC_FS(%eax)
	lea	UC_FPMEM(%eax), %ecx
	mov	%ecx, UC_FPREGS(%eax)
	movl	$-1, UC_FPMEM+FP_CW(%eax)
	movl	$-1, UC_FPMEM+FP_SW(%eax)
	movl	$-1, UC_FPMEM+FP_TAG(%eax)
	fnstcw	UC_FPMEM+FP_CW(%eax)
	fnstsw	UC_FPMEM+FP_SW(%eax)
.endm

/* X87_LOAD reg, cur: make the x87 control word and exception flags those
 * of the environment at reg (fnstenv's layout: control word at 0, status
 * word at 4).  The flags are set first, so that a control word unmasking
 * a flag of the old context's never meets it.  Flags equal (the common
 * case): fldcw alone.  Else fnclex when the new context has none, fldenv
 * of the environment when it has some.  cur, if given, is where the
 * running status word was just stored, as swapcontext has: a second
 * fnstsw would cost 13 ticks more.  Clobbers %eax. */
.macro X87_LOAD reg, cur
.ifb \cur
	fnstsw	%ax
.else
	movzwl	\cur, %eax
.endif
	xor	FP_SW(\reg), %eax
	test	$X87_FLAGS, %al
	jnz	91f
	fldcw	FP_CW(\reg)
	jmp	93f
91:	testb	$X87_FLAGS, FP_SW(\reg)
	jnz	92f
	fnclex
	fldcw	FP_CW(\reg)
	jmp	93f
92:	fldenv	(\reg)
93:
.endm

/* RESTORE_CONTEXT: resume the ucontext_t at %edx; does not return.  As
 * glibc: the x87 state through uc_mcontext.fpregs (a NULL fpregs leaves
 * it alone), fs (only when it differs: a segment load is slow, and fs
 * is the same everywhere on Linux), the general registers but ecx (eax
 * too: 0, what the resumed call returns, in a context saved here), then
 * esp, and a jump to the saved eip.  ecx, caller-saved, holds the jump's
 * target: glibc reloads it too, and ends with a push and ret, which
 * mispredicts on every switch; a jump through memory below the new esp
 * would race with signal delivery, which writes there.  cur: as for
 * X87_LOAD.  Inlined in swapcontext and setcontext. */
.macro RESTORE_CONTEXT cur
	.cfi_remember_state
	mov	UC_FPREGS(%edx), %ecx
	test	%ecx, %ecx
	jz	94f
	X87_LOAD %ecx, \cur
94:	mov	%fs, %eax
	cmp	UC_FS(%edx), %eax
	je	95f
	mov	UC_FS(%edx), %eax
	mov	%eax, %fs
95:
	mov	UC_PC(%edx), %ecx
	.cfi_register eip, ecx
	mov	UC_SP(%edx), %esp
	.cfi_def_cfa esp, 0
	mov	UC_EBX(%edx), %ebx
	mov	UC_ESI(%edx), %esi
	mov	UC_EDI(%edx), %edi
	mov	UC_EBP(%edx), %ebp
	mov	UC_EAX(%edx), %eax
	mov	UC_EDX(%edx), %edx
	RESUME(%ecx)
	.cfi_restore_state
.endm

/* KERNEL_CALL: a system call, number in eax, arguments in ebx ecx edx
 * esi; the result in eax, every other register kept.  Through the
 * vDSO's __kernel_vsyscall (sysenter or syscall), whose address glibc
 * and musl both keep at %gs:16 in the thread's header, as their own
 * system calls do: int $0x80 measured ~5 us a call on this machine's
 * kernel (a VM), the vDSO ~0.2 us. */
#define KERNEL_CALL	call *%gs:16

/* SIG_TEST(label): jump to label while a signal handler the library
 * follows is running or suspended somewhere (lib/signal.c).  Clobbers
 * %ecx.  make bench builds a copy of the library with the test replaced
 * by no-ops (UCC_BENCH_NO_SIG_TEST), to measure what it costs. */
#ifndef UCC_BENCH_NO_SIG_TEST
# define SIG_TEST(label)				\
	call	__ucc_pc_ecx;				\
88:	cmpl	$0, __ucc_sig_active - 88b(%ecx);	\
	jne	label
#else
# define SIG_TEST(label)	.nops 18
#endif

#endif
