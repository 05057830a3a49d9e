/* The 32-bit Arm ports' switches and assembly conventions
 * (lib/arch/README), armhf's and armel's alike: armel's folder includes
 * this one's files.  Read by C and assembly alike; the assembly part
 * overrides the defaults of lib/asm.h.  Procedure Call Standard for the
 * Arm Architecture (AAPCS, ARM IHI 0042), sections 5.1.1 and 5.1.2.
 *
 * The assembly is A32 (ARM state), which every Debian arm CPU runs
 * (armel's armv5te as armhf's armv7-a), whatever state the C around it
 * is compiled for: Debian's armhf compiles C as Thumb-2.  Every branch
 * out of it to a saved or made address interworks (bx, or ldm into pc,
 * which interworks from ARMv5T on), so a context resumes in the state
 * bit 0 of its pc says; calls into the library's C are bl, which the
 * linker turns into blx for a Thumb target, and b, for which it adds an
 * interworking veneer. */
#ifndef UCC_PORT_H
#define UCC_PORT_H

/* The posix library's mask call is lib/signal.c's, from C (SIG_SWITCH);
 * armel's VFP test reads the AT_HWCAP word lib/hwcap.c keeps. */
#define UCC_PORT_MASK_C 1
#ifndef __ARM_PCS_VFP
# define UCC_PORT_HWCAP 1
#endif

#ifdef __ASSEMBLER__

	.syntax unified
	.arm

/* The VFP state a context keeps (d8-d15 and FPSCR): always on armhf,
 * whose ABI requires VFP; on armel, as glibc's armel build does, only
 * when the kernel reports VFP (HWCAP_VFP), tested at each call. */
# ifdef __ARM_PCS_VFP
#  define UCC_ARM_VFP_ALWAYS 1
# else
#  define UCC_ARM_VFP_ALWAYS 0
	.fpu vfp
	/* ... but the object needs no FP: every VFP instruction is behind
	 * the HWCAP test (Tag_FP_arch 0, as for the C around it). */
	.eabi_attribute 10, 0
# endif

# define CALL_C(sym)	bl sym
# define TAIL_C(sym)	b sym
/* bx interworks: bit 0 of reg chooses Thumb or ARM state. */
# define RESUME(reg)	bx reg
# define RA_REG		lr	/* the return address, for the CFI */
# define UNWIND_BEGIN	.fnstart SEP .cantunwind SEP
# define UNWIND_END	.fnend SEP

#endif /* __ASSEMBLER__ */
#endif
