/* The port being built, described by lib/arch/<abi>/offsets.def: the
 * assembly sees each entry as an .equ symbol, C as an enumerator.
 *
 *   UC_OFF(name, offset, member)    offset of a ucontext_t member
 *   UC_FPOFF(name, offset, member)  offset of a member of *fpregset_t
 *   UC_CONST(name, value, expr)     a system constant, value == expr
 *   UC_ABI(name, value)             a psABI fact used by makecontext
 *   UC_ARGREG(offset)               the registers carrying arguments, in order
 *   UC_SLICE(name, offset, member)  offset of a ucc_slice_t member
 *   UC_BASE(name, offset, member)   offset of a ucc_base_t member
 *
 * lib/offsets.c turns the first three into _Static_asserts. */
#ifndef UCC_ABI_H
#define UCC_ABI_H

#ifdef __ASSEMBLER__
# define UC_OFF(name, off, member)	.equ name, off
# define UC_FPOFF(name, off, member)	.equ name, off
# define UC_CONST(name, value, expr)	.equ name, value
# define UC_ABI(name, value)		.equ name, value
# define UC_ARGREG(off)
# define UC_SLICE(name, off, member)	.equ name, off
# define UC_BASE(name, off, member)	.equ name, off
# include "offsets.def"
#else
# define UC_OFF(name, off, member)	name = (off),
# define UC_FPOFF(name, off, member)	name = (off),
# define UC_CONST(name, value, expr)	name = (value),
# define UC_ABI(name, value)		name = (value),
# define UC_ARGREG(off)
# define UC_SLICE(name, off, member)	name = (off),
# define UC_BASE(name, off, member)	name = (off),
enum ucc_abi {
# include "offsets.def"
};
# undef UC_ARGREG
# undef UC_OFF
# undef UC_FPOFF
# undef UC_CONST
# undef UC_ABI
# undef UC_SLICE
# undef UC_BASE
# define UC_OFF(name, off, member)
# define UC_SLICE(name, off, member)
# define UC_BASE(name, off, member)
# define UC_FPOFF(name, off, member)
# define UC_CONST(name, value, expr)
# define UC_ABI(name, value)
# define UC_ARGREG(off)			off,
static const unsigned short ucc_argregs[] = {
# include "offsets.def"
	0	/* not a register: the list may be empty (i386, m68k) */
};
# define UC_NARGREGS (sizeof ucc_argregs / sizeof ucc_argregs[0] - 1)
#endif
#undef UC_OFF
#undef UC_FPOFF
#undef UC_CONST
#undef UC_ABI
#undef UC_ARGREG
#undef UC_SLICE
#undef UC_BASE

/* The optional facts, #defined in offsets.def by the ports whose psABI
 * needs them (lib/arch/README), each with its default:
 *   UC_STACK_BIAS   the stack pointer register holds the stack pointer
 *                   minus this (sparc64: 2047)
 *   UC_ENTRY_REG    a register slot that also receives the entry address
 *                   (ppc64 ELFv2: r12; mips: t9; alpha: pv)
 *   UC_RA_OFFSET    subtracted from the start trampoline's address to make
 *                   the return address (sparc: 8, a return goes to the
 *                   call's address + 8)
 *   UC_FUNC_DESC    1 where a function pointer points to a descriptor
 *                   {entry, TOC, environment} (ppc64 ELFv1), whose TOC
 *                   goes in the slot UC_TOC_REG
 *   UC_LINK_FROM_UCP 1 where the start trampoline reads uc_link from the
 *                   context when the function returns, as glibc's
 *                   trampoline does on ppc64: UC_LINK_REG then keeps
 *                   ucp, not uc_link
 *   UC_MCTX_PTR     where the registers are reached through a pointer in
 *                   ucontext_t (ppc32's uc_regs), its offset; the register
 *                   offsets are then from the mcontext it points to, which
 *                   makecontext sets to the context's own register space,
 *                   UC_MCTX_SPACE rounded up to UC_MCTX_ALIGN. */
#ifndef UC_STACK_BIAS
# define UC_STACK_BIAS 0
#endif
#ifndef UC_RA_OFFSET
# define UC_RA_OFFSET 0
#endif
#ifndef UC_FUNC_DESC
# define UC_FUNC_DESC 0
#endif
#ifndef UC_LINK_FROM_UCP
# define UC_LINK_FROM_UCP 0
#endif
#ifndef UC_MCTX_ALIGN
# define UC_MCTX_ALIGN 16
#endif

#endif
