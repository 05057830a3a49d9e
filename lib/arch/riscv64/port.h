/* riscv64's port switches and assembly conventions (lib/arch/README).
 * Read by C and assembly alike; the assembly part overrides the defaults
 * of lib/asm.h.  RISC-V ELF psABI (lp64d), RISC-V unprivileged ISA
 * (the JALR hints of the return-address stack, section 2.5). */
#ifndef UCC_PORT_H
#define UCC_PORT_H

/* The posix library's mask call is lib/signal.c's, from C (SIG_SWITCH). */
#define UCC_PORT_MASK_C 1

#ifdef __ASSEMBLER__

/* No landing pads or property note: gcc 12 has no Zicfilp/Zicfiss.
 * Calls into the library's C: call and tail (auipc and jalr) reach a
 * hidden symbol directly, without the PLT; tail's scratch register is
 * t1.  A switch resumes through jr of a register other than ra and t0,
 * which the return-address stack takes for a plain jump: the saved pc
 * is a return address, but the stack's top is our caller's. */
# define CALL_C(sym)	call sym
# define TAIL_C(sym)	tail sym
# define RESUME(reg)	jr reg
# define RA_REG		ra	/* the return address, for the CFI */

#endif /* __ASSEMBLER__ */
#endif
