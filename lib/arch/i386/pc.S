/* The program counter for position-independent data reads (save.h,
 * SIG_TEST): i386 has no pc-relative addressing.  System V i386 psABI
 * 1.1, section 3.5 (position-independent code). */
#include "asm.h"

/* ecx = the caller's return address, the address after its call: for
 * SIG_TEST's read of __ucc_sig_active - label (save.h), which needs no
 * GOT.  A call and ret, as gcc's __x86.get_pc_thunk, which the return
 * stack predicts; a call to the next instruction would not. */
ENTRY(__ucc_pc_ecx)
	mov	(%esp), %ecx
	ret
END(__ucc_pc_ecx)

	.section .note.GNU-stack,"",%progbits
