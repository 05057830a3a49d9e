/* i386's port switches and assembly conventions (lib/arch/README).
 * Read by C and assembly alike; the assembly part overrides the defaults
 * of lib/asm.h.  System V i386 psABI 1.1 (Intel386 supplement).
 *
 * No CET: Debian's i386 is not built with -fcf-protection, and an object
 * without the property note takes IBT and SHSTK away from the program,
 * which is what its switches need (a shadow stack cannot follow them). */
#ifndef UCC_PORT_H
#define UCC_PORT_H

#ifdef __ASSEMBLER__

/* Calls into the library's C: direct, hidden symbols need no GOT
 * register (ebx) and no PLT; the error exits are conditional tail
 * calls, jz __ucc_efault. */
# define CALL_C(sym)	call sym
# define TAIL_C(sym)	jmp sym

/* RESUME(reg): continue at the address in reg, stack pointer already set.
 * A jmp, predicted per call site; glibc's push and ret mispredicts on
 * every switch (the return stack holds the caller's own return). */
# define RESUME(reg)	jmp *reg
# define RA_REG		eip	/* the return address, for the CFI */

#endif /* __ASSEMBLER__ */
#endif
