/* Stack slicing for x86_64, tuned: the switch between sliced and
 * ordinary contexts, in place of lib/slice.c's portable switch (port.h
 * says why); the start trampoline of ucc_slice_make is switch.S's.  System V AMD64 psABI 1.0, sections 3.2.1-3.2.3 (callee-saved
 * registers, x87 CW and MXCSR) and 3.4 (unwinding).
 *
 * A suspended sliced context keeps its registers at the start of its
 * buffer (layout in offsets.def, SF_*), followed by its stack bytes, so a
 * context costs its slice and nothing else.  The registers go straight
 * between registers and buffer: pushing them and copying them back out
 * would stall on store-to-load forwarding. */
#include "asm.h"
#include "abi.h"
#include "save.h"

/* Copy rcx bytes from rsi to rdi, upward, using no stack.  Stack slices
 * are multiples of 16 bytes: they go 64 bytes a round, then 16 at a time;
 * any other length by rep movsb.  The rounds use two ymm registers where
 * the CPU has AVX (port.h), else four xmm; vzeroupper after the ymm moves
 * spares the SSE code that follows a transition penalty on the CPUs that
 * have one.  Long slices go by rep movsb too: from 6 KiB with AVX, from
 * 1 KiB without.  Measured on Zen 4 (bench/slice, ns per switch, rep
 * movsb against the AVX rounds): 1072 bytes 45 against 27, 4144 bytes
 * 101 against 91, 8240 bytes 177 against 200.  Clobbers rcx, rsi, rdi,
 * ymm0-ymm1, xmm2-xmm3. */
.macro COPY
	test	$15, %cl
	jnz	97f
	sub	$64, %rcx
	jb	95f
	cmpb	$0, __ucc_copy_wide(%rip)
	je	92f
	cmp	$6144 - 64, %rcx
	jae	96f
93:	vmovdqu	(%rsi), %ymm0
	vmovdqu	32(%rsi), %ymm1
	vmovdqu	%ymm0, (%rdi)
	vmovdqu	%ymm1, 32(%rdi)
	add	$64, %rsi
	add	$64, %rdi
	sub	$64, %rcx
	jae	93b
	vzeroupper
	jmp	95f
92:	cmp	$1024 - 64, %rcx
	jae	96f
98:	movdqu	(%rsi), %xmm0
	movdqu	16(%rsi), %xmm1
	movdqu	32(%rsi), %xmm2
	movdqu	48(%rsi), %xmm3
	movdqu	%xmm0, (%rdi)
	movdqu	%xmm1, 16(%rdi)
	movdqu	%xmm2, 32(%rdi)
	movdqu	%xmm3, 48(%rdi)
	add	$64, %rsi
	add	$64, %rdi
	sub	$64, %rcx
	jae	98b
95:	add	$64, %rcx		/* 0, 16, 32 or 48 left */
	jz	99f
94:	movdqu	(%rsi), %xmm0
	movdqu	%xmm0, (%rdi)
	add	$16, %rsi
	add	$16, %rdi
	sub	$16, %rcx
	jnz	94b
	jmp	99f
96:	add	$64, %rcx
97:	rep movsb
99:
.endm

/* The registers of the caller of the switch, a sliced context, into the
 * frame at the head of its buffer, %rax.  Clobbers rcx. */
.macro SAVE_FRAME
	stmxcsr	SF_FPCTL(%rax)
	fnstcw	SF_FPCTL+4(%rax)
	mov	%r15, 8(%rax)
	mov	%r14, 16(%rax)
	mov	%r13, 24(%rax)
	mov	%r12, 32(%rax)
	mov	%rbp, 40(%rax)
	mov	%rbx, 48(%rax)
	mov	(%rsp), %rcx
	mov	%rcx, SF_RA(%rax)
.endm

/* Its stack bytes, from its stack pointer up to the base, after the
 * frame: from %rdi, buffer %rax.  Clobbers rcx, rsi, rdi, xmm0-xmm3. */
.macro COPY_OUT
	mov	SL_LEN(%rdi), %ecx
	sub	$SF_SIZE, %rcx
	lea	8(%rsp), %rsi		/* = from->sp */
	lea	SF_SIZE(%rax), %rdi
	COPY
.endm

/* CALL_KEEPING_TO fn, setup: in RESUME_SLICED, call fn on an aligned
 * stack below the running one, keeping to's registers there (r8, r11,
 * rdi) and the stack pointer; setup, which may read them, sets fn's
 * arguments.  No unwinding through it. */
.macro CALL_KEEPING_TO fn, setup
	.cfi_remember_state
	.cfi_undefined rip
	mov	%rsp, %rax
	and	$-16, %rsp
	push	%rax
	push	%r8
	push	%r11
	push	%rdi
	\setup
	CALL_C(\fn)
	pop	%rdi
	pop	%r11
	pop	%r8
	pop	%rsp
	.cfi_restore_state
.endm

/* Resume r8 = to, a sliced context: move below its stack bytes first (so
 * that nothing, not even a signal frame, lands in the bytes being
 * restored), copy them back unless they are in place, then load its
 * registers from the buffer.  Nothing on the running stack is needed any
 * more.  The copy is out of line: a switch with nothing to copy runs
 * straight through. */
.macro RESUME_SLICED
	mov	SL_BUF(%r8), %r11
	mov	SL_SP(%r8), %rdi
#ifdef HAVE_VALGRIND_VALGRIND_H
	cmpb	$0, SL_MEMCHECK(%r8)	/* a byte of to's, not a global: */
	jne	88f			/* 1.4 ns less (bench/slice) */
89:
#endif
	lea	-SF_SIZE(%rdi), %rsp
#ifdef UCC_SANITIZER_FIBERS
	/* below the slice, tell the sanitizer the switch is done (fiber.c) */
	CALL_KEEPING_TO __ucc_fiber_arrived, ""
#endif
	cmpb	$0, SL_INPLACE(%r8)	/* its bytes are still in place */
	je	5f
4:
	ldmxcsr	SF_FPCTL(%r11)
	fldcw	SF_FPCTL+4(%r11)
	mov	8(%r11), %r15
	mov	16(%r11), %r14
	mov	24(%r11), %r13
	mov	32(%r11), %r12
	mov	40(%r11), %rbp
	mov	48(%r11), %rbx
	.cfi_remember_state
	add	$SF_SIZE, %rsp		/* = to->sp */
	.cfi_def_cfa rsp, 0
	mov	SF_RA(%r11), %r11
	.cfi_register rip, r11
	xor	%eax, %eax
	RESUME(%r11)
	.cfi_restore_state
5:	mov	SL_LEN(%r8), %ecx
	lea	SF_SIZE(%r11), %rsi
	sub	$SF_SIZE, %rcx
	COPY
	jmp	4b
#ifdef HAVE_VALGRIND_VALGRIND_H
88:	/* Under valgrind, before a slice is copied back from another
	 * stack: memcheck takes a jump of the stack pointer from another
	 * stack for a switch, and leaves the bytes below it as the code
	 * that last returned from there left them, unaddressable.  The
	 * slice and the red zone below it are made addressable first
	 * (lib/slice.c), with a call on the running stack.  From the base's
	 * own stack memcheck follows the stack pointer by itself. */
	cmpb	$0, SL_INPLACE(%r8)
	jne	89b
	mov	SL_BASE(%r8), %rax
	mov	%rsp, %rsi
	sub	BS_LO(%rax), %rsi
	cmp	BS_SPAN(%rax), %rsi
	jb	89b
	CALL_KEEPING_TO __ucc_valgrind_slice_in, \
		"mov SL_LEN(%r8), %esi; sub $SF_SIZE - 128, %rsi; sub $128, %rdi"
	jmp	89b
#endif
.endm

/* int ucc_slice_swap(ucc_slice_t *from, ucc_slice_t *to)
 *
 * Checks first, so that a failure changes nothing; then saves from, into
 * its buffer straight from the registers (sliced: its stack bytes too,
 * unless they stay on a shared stack) or into its ucontext_t (ordinary),
 * and resumes to.
 *
 * The checks and the record of what moves are __ucc_slice_prepare's
 * (lib/slice.c).  The switches a scheduler makes all the time are
 * checked and recorded here instead, as prepare would, without the call
 * into C, each on a path of its own with no branch taken when nothing is
 * copied (make bench has the figures): a sliced context of a base and an
 * ordinary context, either way round, and two suspended contexts of one
 * base, when from's buffer is large enough and no other context's bytes
 * need copying out first.  Everything else, every error included, goes
 * to prepare. */
SLICE_ENTRY(slice_swap)
	SHSTK_CHECK(__ucc_enotsup)
	test	%rdi, %rdi
	jz	__ucc_efault
	test	%rsi, %rsi
	jz	__ucc_efault
#ifndef UCC_SANITIZER_FIBERS	/* fiber.c's bookkeeping is prepare's */
	lea	8(%rsp), %rdx		/* the caller's stack pointer */
	mov	SL_BASE(%rsi), %r9	/* to's base */
	mov	SL_BASE(%rdi), %r8	/* from's base */
	test	%r8, %r8
	jz	.Lfrom_ordinary
	/* from is sliced: the caller runs on its live base's stack, no
	 * higher than the base's frame */
	mov	BS_LO(%r8), %r10
	mov	%rdx, %rax
	sub	%r10, %rax
	cmp	BS_REACH(%r8), %rax
	ja	.Lprepare
	/* rcx = what from keeps: its registers, and the stack bytes from
	 * the caller's stack pointer up to the base point, if any; within
	 * its buffer */
	mov	BS_SP(%r8), %rax
	mov	%rax, %rcx
	sub	%rdx, %rcx
	jae	3f
	xor	%ecx, %ecx
3:	add	$SF_SIZE, %rcx
	mov	SL_CAP(%rdi), %r11d
	cmp	%r11, %rcx
	ja	.Lprepare
	test	%r9, %r9
	jnz	.Lsame_base

	/* to is ordinary, resumable: a ucontext_t with a stack pointer */
	mov	SL_UCP(%rsi), %r11
	test	%r11, %r11
	jz	.Lprepare
	mov	UC_SP(%r11), %r11
	test	%r11, %r11
	jz	.Lprepare
	mov	%rdx, SL_SP(%rdi)
	mov	%ecx, SL_LEN(%rdi)
	mov	%rax, SL_BASE_SP(%rdi)
	movb	$ST_RUNNING, SL_STATE(%rsi)
	/* On a shared stack, while to runs on another stack (not lo < its
	 * stack pointer <= hi), from's bytes stay where they are: from is
	 * its base's resident, in place. */
	cmpl	$0, BS_SHARED(%r8)
	je	6f
	sub	%r10, %r11
	dec	%r11
	cmp	BS_SPAN(%r8), %r11
	jb	6f
	mov	%rdi, BS_RESIDENT(%r8)
	movw	$ST_SUSPENDED + 0x100, SL_STATE(%rdi)	/* inplace 1 */
	mov	SL_BUF(%rdi), %rax
	SAVE_FRAME
7:	mov	SL_UCP(%rsi), %rsi
	RESTORE_CONTEXT
6:	/* else copied out, and the base has no resident */
	movq	$0, BS_RESIDENT(%r8)
	movw	$ST_SUSPENDED, SL_STATE(%rdi)		/* inplace 0 */
	mov	SL_BUF(%rdi), %rax
	SAVE_FRAME
	mov	%rsi, %r8
	COPY_OUT
	mov	%r8, %rsi
	jmp	7b

.Lsame_base:
	/* to is suspended, of the same base, saved against this base
	 * point, above the stack's bottom */
	cmp	%r8, %r9
	jne	.Lprepare
	cmpb	$ST_SUSPENDED, SL_STATE(%rsi)
	jne	.Lprepare
	cmp	SL_BASE_SP(%rsi), %rax
	jne	.Lprepare
	cmp	%r10, SL_SP(%rsi)
	jb	.Lprepare
	/* from's bytes are copied out, to's in: to is the base's resident.
	 * from first: swap(s, s) leaves s running, as prepare does. */
	mov	%rdx, SL_SP(%rdi)
	mov	%ecx, SL_LEN(%rdi)
	mov	%rax, SL_BASE_SP(%rdi)
	mov	%rsi, BS_RESIDENT(%r8)
	movw	$ST_SUSPENDED, SL_STATE(%rdi)	/* from: inplace 0 */
	movw	$ST_RUNNING, SL_STATE(%rsi)	/* to: inplace 0 */
	mov	%rsi, %r8
	jmp	.Lsave_sliced

.Lfrom_ordinary:
	/* from has a ucontext_t; to is a suspended sliced context */
	cmpq	$0, SL_UCP(%rdi)
	je	.Lprepare
	test	%r9, %r9
	jz	.Lprepare
	cmpb	$ST_SUSPENDED, SL_STATE(%rsi)
	jne	.Lprepare
	/* the caller runs on another stack than to's base, in the base's
	 * thread (%fs:0 is the thread's pthread_t, in glibc and in musl) */
	mov	BS_LO(%r9), %r10
	mov	%rdx, %rax
	sub	%r10, %rax
	cmp	BS_SPAN(%r9), %rax
	jb	.Lprepare
	mov	%fs:0, %rax
	cmp	BS_THREAD(%r9), %rax
	jne	.Lprepare
	/* to's bytes still in place: it is its base's resident, so the
	 * base is live and the same, and its slice was checked when it was
	 * saved; nothing is copied */
	mov	BS_RESIDENT(%r9), %rax
	cmp	%rsi, %rax
	jne	8f
9:	movb	$ST_RUNNING, SL_STATE(%rsi)
	movb	$ST_SUSPENDED, SL_STATE(%rdi)
	mov	%rsi, %r8
	mov	SL_UCP(%rdi), %rdi
	SAVE_CONTEXT
	RESUME_SLICED
	/* else no other context's bytes may be there to copy out first,
	 * and to was saved against its live base's point, above the
	 * stack's bottom: copied back */
8:	test	%rax, %rax
	jnz	.Lprepare
	mov	BS_SP(%r9), %rax
	cmp	SL_BASE_SP(%rsi), %rax
	jne	.Lprepare
	cmp	%r10, SL_SP(%rsi)
	jb	.Lprepare
	mov	%rsi, BS_RESIDENT(%r9)
	movb	$0, SL_INPLACE(%rsi)
	jmp	9b

.Lprepare:
#endif
	/* __ucc_slice_prepare(from, to, the caller's stack pointer) */
	CALL_KEEPING_ARGS __ucc_slice_prepare, "lea 32(%rsp), %rdx"
	test	%eax, %eax
	jz	1f
	mov	%eax, %edi
	TAIL_C(__ucc_slice_fail)

1:	mov	%rsi, %r8		/* to */
	cmpq	$0, SL_BASE(%rdi)
	je	2f
.Lsave_sliced:
	/* from is sliced: its registers, then its stack down to the base */
	mov	SL_BUF(%rdi), %rax
	SAVE_FRAME
	cmpb	$0, SL_INPLACE(%rdi)	/* kept on its shared stack: no copy */
	jne	__ucc_slice_resume
	COPY_OUT
	jmp	__ucc_slice_resume

2:	/* from is ordinary: as swapcontext saves */
	mov	SL_UCP(%rdi), %rdi
	SAVE_CONTEXT
	jmp	__ucc_slice_resume
SLICE_END(slice_swap)

/* int ucc_slice_set(ucc_slice_t *to) */
SLICE_ENTRY(slice_set)
	SHSTK_CHECK(__ucc_enotsup)
	test	%rdi, %rdi
	jz	__ucc_efault
	push	%rdi
	.cfi_adjust_cfa_offset 8
	mov	%rdi, %rsi
	xor	%edi, %edi
	lea	16(%rsp), %rdx		/* the caller's stack pointer */
	CALL_C(__ucc_slice_prepare)
	pop	%r8
	.cfi_adjust_cfa_offset -8
	test	%eax, %eax
	jz	1f
	mov	%eax, %edi
	TAIL_C(__ucc_slice_fail)
1:	jmp	__ucc_slice_resume
SLICE_END(slice_set)
#ifndef UCC_SANITIZER_FIBERS	/* fiber.S defines it then */
	.globl __ucc_slice_set
	.hidden __ucc_slice_set
	.type __ucc_slice_set, %function
	.set __ucc_slice_set, ucc_slice_set
#endif

/* Resume r8 = to. */
ENTRY(__ucc_slice_resume)
	cmpq	$0, SL_BASE(%r8)
	je	3f
	RESUME_SLICED

3:	/* to is ordinary: as setcontext */
	mov	SL_UCP(%r8), %rsi
	jmp	__ucc_restore
END(__ucc_slice_resume)

	.section .note.GNU-stack,"",%progbits
