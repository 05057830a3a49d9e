/* Probes for the compat scenarios (see cprobe.h).  System V i386 psABI
 * 1.1.  They call the context functions only through pointers they are
 * given, so the same object serves a program on glibc's and one on ours. */
#include "asm.h"

#define PATTERN(r) (0x01010101 * ((r) + 1) ^ 0x80000000)
/* glibc's REG_* indices */
#define I_EDI 4
#define I_ESI 5
#define I_EBP 6
#define I_EBX 8
#define I_EDX 9
#define I_ECX 10
#define I_EAX 11

ENTRY(cprobe_pc_ecx)
	mov	(%esp), %ecx
	ret
END(cprobe_pc_ecx)

/* The word below the stack pointer is read first: the call that finds
 * the program counter writes its return address 12 bytes lower, not
 * there (glibc's setcontext leaves the pc it returned through there). */
ENTRY(cprobe_entry)
	mov	-4(%esp), %eax
	sub	$8, %esp
	mov	%eax, (%esp)
	call	cprobe_pc_ecx
1:	mov	(%esp), %eax
	mov	%eax, cprobe_below - 1b(%ecx)
	lea	8(%esp), %eax
	mov	%eax, cprobe_sp - 1b(%ecx)
	mov	%ebp, cprobe_fp - 1b(%ecx)
	add	$8, %esp
	ret
END(cprobe_entry)

/* void cprobe_getcontext(fn, ucp, meta).  Frame after the prologue:
 * 0 ucp (fn's argument), 4 fn, 8 meta, then the four callee-saved
 * registers and the return address: fn 32(%esp), ucp 36, meta 40. */
ENTRY(cprobe_getcontext)
	push	%ebp
	push	%ebx
	push	%esi
	push	%edi
	sub	$12, %esp		/* 16-byte aligned at the call */
	mov	32(%esp), %eax
	mov	%eax, 4(%esp)
	mov	36(%esp), %eax
	mov	%eax, 0(%esp)
	mov	40(%esp), %edx
	mov	%edx, 8(%esp)
	call	cprobe_pc_ecx
2:	lea	1f - 2b(%ecx), %eax
	mov	%eax, 4(%edx)
	mov	%esp, 0(%edx)
	mov	$PATTERN(I_EAX), %eax
	mov	$PATTERN(I_EBX), %ebx
	mov	$PATTERN(I_ECX), %ecx
	mov	$PATTERN(I_EDX), %edx
	mov	$PATTERN(I_ESI), %esi
	mov	$PATTERN(I_EDI), %edi
	mov	$PATTERN(I_EBP), %ebp
	call	*4(%esp)
1:	mov	8(%esp), %ecx
	mov	%eax, 8(%ecx)
	add	$12, %esp
	pop	%edi
	pop	%esi
	pop	%ebx
	pop	%ebp
	ret
END(cprobe_getcontext)

/* void cprobe_swapcontext(fn, oucp, ucp, meta): as cprobe_getcontext,
 * for fn(oucp, ucp).  Frame after the prologue: 0 oucp, 4 ucp, 8 meta,
 * then the four callee-saved registers and the return address: fn
 * 32(%esp), oucp 36, ucp 40, meta 44. */
ENTRY(cprobe_swapcontext)
	push	%ebp
	push	%ebx
	push	%esi
	push	%edi
	sub	$12, %esp		/* 16-byte aligned at the call */
	mov	36(%esp), %eax
	mov	%eax, 0(%esp)
	mov	40(%esp), %eax
	mov	%eax, 4(%esp)
	mov	44(%esp), %edx
	mov	%edx, 8(%esp)
	call	cprobe_pc_ecx
2:	lea	1f - 2b(%ecx), %eax
	mov	%eax, 4(%edx)
	mov	%esp, 0(%edx)
	mov	$PATTERN(I_EAX), %eax
	mov	$PATTERN(I_EBX), %ebx
	mov	$PATTERN(I_ECX), %ecx
	mov	$PATTERN(I_EDX), %edx
	mov	$PATTERN(I_ESI), %esi
	mov	$PATTERN(I_EDI), %edi
	mov	$PATTERN(I_EBP), %ebp
	call	*32(%esp)
1:	mov	8(%esp), %ecx
	mov	%eax, 8(%ecx)
	add	$12, %esp
	pop	%edi
	pop	%esi
	pop	%ebx
	pop	%ebp
	ret
END(cprobe_swapcontext)

/* int cprobe_getset(get, set, ucp, after).  Frame after the prologue
 * (F, 16-byte aligned): 0 ucp (get's argument), then the four
 * callee-saved registers and the return address: get 32(F), set 36,
 * ucp 40, after 44.  Each time get returns, first or resumed, every
 * general register is pushed at once (pushal), before anything changes
 * one, and after(ucp, regs) is called; when it returns nonzero, set(ucp).
 * set returns only if it fails: -1; else after's 0 ends it: 0. */
ENTRY(cprobe_getset)
	push	%ebp
	push	%ebx
	push	%esi
	push	%edi
	sub	$12, %esp
	mov	40(%esp), %eax
	mov	%eax, 0(%esp)
	mov	$PATTERN(I_EAX), %eax
	mov	$PATTERN(I_EBX), %ebx
	mov	$PATTERN(I_ECX), %ecx
	mov	$PATTERN(I_EDX), %edx
	mov	$PATTERN(I_ESI), %esi
	mov	$PATTERN(I_EDI), %edi
	mov	$PATTERN(I_EBP), %ebp
	call	*32(%esp)
	pushal				/* F-32: edi esi ebp esp ebx edx ecx eax */
	lea	32(%esp), %ebp		/* F */
	mov	%esp, %eax
	sub	$8, %esp
	push	%eax
	pushl	40(%ebp)		/* F-48: aligned */
	call	*44(%ebp)		/* after(ucp, regs) */
	add	$16, %esp
	test	%eax, %eax
	jz	3f
	sub	$12, %esp
	pushl	40(%ebp)
	call	*36(%ebp)		/* set(ucp): back to the pushal */
	mov	$-1, %eax
3:	mov	%ebp, %esp
	add	$12, %esp
	pop	%edi
	pop	%esi
	pop	%ebx
	pop	%ebp
	ret
END(cprobe_getset)

	.bss
	.p2align 2
	.globl cprobe_sp, cprobe_fp, cprobe_below
	.hidden cprobe_sp, cprobe_fp, cprobe_below
cprobe_sp:	.long 0
cprobe_fp:	.long 0
cprobe_below:	.long 0

	.section .note.GNU-stack,"",%progbits
