/* ppc64le's port switches and assembly conventions (lib/arch/README).
 * Read by C and assembly alike; the assembly part overrides the defaults
 * of lib/asm.h.  64-bit ELF V2 ABI (OpenPOWER ELFv2 ABI 1.5), 2.3.2
 * (function entry points, the TOC) and 2.2.3 (the stack frame). */
#ifndef UCC_PORT_H
#define UCC_PORT_H

/* The posix library's mask call is lib/signal.c's, from C (SIG_SWITCH). */
#define UCC_PORT_MASK_C 1

#ifdef __ASSEMBLER__

/* Every function has a global entry point, where r12 holds its own
 * address (a call through the PLT or a pointer), and a local one 8
 * bytes on, for calls from this object with r2 already its TOC.  The
 * two instructions between compute the TOC from r12: the assembly
 * reaches its C and __ucc_sig_active through r2.  The registers are
 * written %rN, %fN, %vN, which gas takes without -mregnames. */
# define FUNC_BEGIN(sym)	FUNC_LABEL(sym) .localentry sym, 8 SEP
# define LANDING_PAD			\
99:	addis	%r2, %r12, .TOC. - 99b@ha SEP	\
	addi	%r2, %r2, .TOC. - 99b@l

/* Calls into the library's C: bl reaches a hidden symbol's local entry
 * directly (the nop is the slot a call through the PLT would restore r2
 * in; the linker leaves it).  A tail call keeps r2, which is the
 * callee's TOC too.  A switch resumes through ctr, which no context
 * keeps, so that lr keeps the context's own return address. */
# define CALL_C(sym)	bl sym SEP nop
# define TAIL_C(sym)	b sym
# define RESUME(reg)	mtctr reg SEP bctr
# define RA_REG		lr	/* the return address, for the CFI */

#endif /* __ASSEMBLER__ */
#endif
