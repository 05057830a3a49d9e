/* x86_64's port switches and assembly conventions (lib/arch/README).
 * Read by C and assembly alike; the assembly part overrides the defaults
 * of lib/asm.h.  System V AMD64 psABI 1.0. */
#ifndef UCC_PORT_H
#define UCC_PORT_H

/* This port has a tuned slice switch (slice.S), which pays: bench/slice
 * measured it, for the smallest slice, at 20 ns a switch against 43 ns
 * for the portable one (lib/slice.c, built with -DUCC_PORTABLE_SLICE),
 * whose C frames also make every slice 80 bytes longer. */
#ifndef UCC_PORTABLE_SLICE
# define UCC_PORT_SLICE 1
#endif

/* Slices of 64 bytes and more are copied 32 bytes at a time where the
 * CPU and the kernel have AVX (lib/hwcap.c probes it once, slice.S reads
 * __ucc_copy_wide): a store a cycle, 16 or 32 bytes wide, on the CPUs
 * measured, so 256 bytes take half the time (make bench, README). */
#define UCC_PORT_WIDE_COPY 1

#ifdef __ASSEMBLER__

/* Under -fcf-protection=branch every entry is an IBT landing pad. */
# if defined(__CET__) && (__CET__ & 1)
#  define LANDING_PAD	endbr64
# endif

/* Built with -fcf-protection, every object says so in a GNU property
 * note, as the compiler's do for C; without it, linking an assembly
 * object would take IBT and SHSTK away from the whole program.  What the
 * assembly does for them: IBT, endbr64 at every entry (LANDING_PAD) and
 * notrack on the one indirect jump that resumes a return address
 * (RESUME); SHSTK, refusing to switch while a shadow stack is active
 * (SHSTK_CHECK), since a switch would leave the shadow stack describing
 * the old stack.  GNU_PROPERTY_X86_FEATURE_1_AND: 1 IBT, 2 SHSTK. */
# if defined(__CET__)
#  define PORT_PROPERTY_NOTE	GNU_PROPERTY_NOTE(0xc0000002, (__CET__ & 3))
# endif

/* SHSTK_CHECK(label): jump to label if the running thread has a shadow
 * stack.  rdsspq is a no-op, leaving 0, where shadow stacks are off or
 * unknown to the CPU.  Clobbers rax. */
# if defined(__CET__) && (__CET__ & 2)
#  define SHSTK_CHECK(label)	\
	xor	%eax, %eax;	\
	rdsspq	%rax;		\
	test	%rax, %rax;	\
	jnz	label
# endif

/* Calls into the library's C: direct (hidden symbols), no PLT; the
 * error exits are conditional tail calls, jz __ucc_efault. */
# define CALL_C(sym)	call sym
# define TAIL_C(sym)	jmp sym

/* RESUME(reg): continue at the address in reg, stack pointer already set:
 * a jmp, which predicts well.  Under IBT a return address has no endbr64
 * for an indirect jmp to land on, so the jmp is notrack: the instruction
 * gcc itself emits for switch tables under -fcf-protection, which any
 * system enabling IBT must allow (NO_TRACK_EN) for such code to run.  A
 * push and ret would need no allowance but mispredicts on every switch:
 * make bench measured it at 11 ns a switch against 6 (README). */
# if defined(__CET__) && (__CET__ & 1)
#  define RESUME(reg)	notrack jmp *reg
# else
#  define RESUME(reg)	jmp *reg
# endif
# define RA_REG		rip	/* the return address, for the CFI */

#endif /* __ASSEMBLER__ */
#endif
