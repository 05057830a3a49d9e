/* aarch64's port switches and assembly conventions (lib/arch/README).
 * Read by C and assembly alike; the assembly part overrides the defaults
 * of lib/asm.h.  Procedure Call Standard for the Arm 64-bit Architecture
 * (AAPCS64). */
#ifndef UCC_PORT_H
#define UCC_PORT_H

#ifdef __ASSEMBLER__

/* Under -mbranch-protection: BTI, a landing pad at every entry; PAC,
 * nothing to do, since the assembly signs no return address: its
 * functions keep the link register as the caller gave it, and a switch
 * resumes through ret, which neither BTI nor PAC checks.  The note says
 * both, so linking the library keeps them.
 * GNU_PROPERTY_AARCH64_FEATURE_1_AND: 1 BTI, 2 PAC. */
# if defined(__ARM_FEATURE_BTI_DEFAULT) && __ARM_FEATURE_BTI_DEFAULT
#  define LANDING_PAD		hint 34		/* bti c: a landing pad for calls */
#  define UCC_AARCH64_BTI	1
# else
#  define UCC_AARCH64_BTI	0
# endif
# if defined(__ARM_FEATURE_PAC_DEFAULT) && __ARM_FEATURE_PAC_DEFAULT
#  define UCC_AARCH64_PAC	2
# else
#  define UCC_AARCH64_PAC	0
# endif
# if UCC_AARCH64_BTI || UCC_AARCH64_PAC
#  define PORT_PROPERTY_NOTE \
	GNU_PROPERTY_NOTE(0xc0000000, (UCC_AARCH64_BTI | UCC_AARCH64_PAC))
# endif

/* Calls into the library's C: bl and b reach it directly (hidden
 * symbols, +-128 MiB); the error exits are local labels of TAIL_C, since
 * cbz reaches only +-1 MiB.  A switch resumes through ret to the saved
 * x30, which the return-address predictor takes as it comes. */
# define CALL_C(sym)	bl sym
# define TAIL_C(sym)	b sym
# define RESUME(reg)	ret reg
# define RA_REG		x30	/* the return address, for the CFI */

#endif /* __ASSEMBLER__ */
#endif
