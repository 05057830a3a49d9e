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

	.bss
	.p2align 2
	.globl cprobe_sp, cprobe_fp, cprobe_below
	.hidden cprobe_sp, cprobe_fp, cprobe_below
cprobe_sp:	.long 0
cprobe_fp:	.long 0
cprobe_below:	.long 0

	.section .note.GNU-stack,"",%progbits
