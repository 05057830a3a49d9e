/* Probes for the compat scenarios (see arch.h).  System V AMD64 psABI 1.0.
 * They call the context functions only through pointers they are given,
 * so the same object serves a program on glibc's and one on ours. */
#include "asm.h"

#define PATTERN(r) (0x0101010101010101 * ((r) + 1) ^ 0x8000000000000000)
/* glibc's REG_* indices */
#define I_R8 0
#define I_R9 1
#define I_R10 2
#define I_R11 3
#define I_R12 4
#define I_R13 5
#define I_R14 6
#define I_R15 7
#define I_RSI 9
#define I_RBP 10
#define I_RBX 11
#define I_RDX 12
#define I_RAX 13
#define I_RCX 14

ENTRY(cprobe_entry)
	mov	%rsp, cprobe_sp(%rip)
	mov	%rbp, cprobe_fp(%rip)
	mov	-8(%rsp), %rax
	mov	%rax, cprobe_below(%rip)
	ret
END(cprobe_entry)

/* Frame after the prologue: 0 padding, 8 fn, 16 meta, then the six
 * callee-saved registers and the return address. */
ENTRY(cprobe_getcontext)
	push	%rbx
	push	%rbp
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	push	%rdx
	push	%rdi
	sub	$8, %rsp
	mov	%rsi, %rdi
	lea	1f(%rip), %rax
	mov	%rax, 8(%rdx)
	mov	%rsp, 0(%rdx)
	movabs	$PATTERN(I_RAX), %rax
	movabs	$PATTERN(I_RBX), %rbx
	movabs	$PATTERN(I_RCX), %rcx
	movabs	$PATTERN(I_RDX), %rdx
	movabs	$PATTERN(I_RSI), %rsi
	movabs	$PATTERN(I_RBP), %rbp
	movabs	$PATTERN(I_R8), %r8
	movabs	$PATTERN(I_R9), %r9
	movabs	$PATTERN(I_R10), %r10
	movabs	$PATTERN(I_R11), %r11
	movabs	$PATTERN(I_R12), %r12
	movabs	$PATTERN(I_R13), %r13
	movabs	$PATTERN(I_R14), %r14
	movabs	$PATTERN(I_R15), %r15
	call	*8(%rsp)
1:	mov	16(%rsp), %rcx
	mov	%rax, 16(%rcx)
	add	$24, %rsp
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbp
	pop	%rbx
	ret
END(cprobe_getcontext)

	.bss
	.p2align 3
	.globl cprobe_sp, cprobe_fp, cprobe_below
	.hidden cprobe_sp, cprobe_fp, cprobe_below
cprobe_sp:	.quad 0
cprobe_fp:	.quad 0
cprobe_below:	.quad 0

	.section .note.GNU-stack,"",%progbits
