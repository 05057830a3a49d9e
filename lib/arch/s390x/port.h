/* s390x's port switches and assembly conventions (lib/arch/README).
 * Read by C and assembly alike; the assembly part overrides the defaults
 * of lib/asm.h.  ELF Application Binary Interface s390x Supplement. */
#ifndef UCC_PORT_H
#define UCC_PORT_H

/* The posix library's mask call is lib/signal.c's, from C (SIG_SWITCH). */
#define UCC_PORT_MASK_C 1

#ifdef __ASSEMBLER__

/* No landing pads or property note.  Calls into the library's C:
 * brasl and jg (brcl) reach a hidden symbol directly, pc-relative,
 * without the PLT; the return address goes in r14.  A switch resumes
 * through br of the saved r14, as glibc's. */
# define CALL_C(sym)	brasl %r14, sym
# define TAIL_C(sym)	jg sym
# define RESUME(reg)	br reg
# define RA_REG		%r14	/* the return address, for the CFI */
# define TRAMPOLINE_NOP	nopr	/* 2 bytes: the trampoline's filler */

#endif /* __ASSEMBLER__ */
#endif
