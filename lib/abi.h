/* The port being built, described by lib/arch/<abi>/offsets.def: the
 * assembly sees each entry as an .equ symbol, C as an enumerator.
 *
 *   UC_OFF(name, offset, member)    offset of a ucontext_t member
 *   UC_FPOFF(name, offset, member)  offset of a member of *fpregset_t
 *   UC_CONST(name, value, expr)     a system constant, value == expr
 *   UC_ABI(name, value)             a psABI fact used by makecontext
 *   UC_ARGREG(offset)               the registers carrying arguments, in order
 *   UC_SLICE(name, offset, member)  offset of a ucc_slice_t member
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
# include "offsets.def"
#else
# define UC_OFF(name, off, member)	name = (off),
# define UC_FPOFF(name, off, member)	name = (off),
# define UC_CONST(name, value, expr)	name = (value),
# define UC_ABI(name, value)		name = (value),
# define UC_ARGREG(off)
# define UC_SLICE(name, off, member)	name = (off),
enum ucc_abi {
# include "offsets.def"
};
# undef UC_ARGREG
# undef UC_OFF
# undef UC_FPOFF
# undef UC_CONST
# undef UC_ABI
# undef UC_SLICE
# define UC_OFF(name, off, member)
# define UC_SLICE(name, off, member)
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

#endif
