/* Conventions every assembly file follows: symbol types and sizes, CFI,
 * landing pads, property notes.  A port overrides any of them in its
 * lib/arch/<abi>/port.h (lib/arch/README).  Each .S file still ends with
 * its own .note.GNU-stack. */
#ifndef UCC_ASM_H
#define UCC_ASM_H

/* The port's own conventions (each with a default below), and SEP, what
 * separates two instructions on one line: `;` but where the assembler
 * takes it for a comment (hppa: `!`). */
#include "port.h"
#include "abi.h"	/* the port's facts: its offsets.def */
#ifndef SEP
# define SEP ;
#endif

/* A GNU property note (NT_GNU_PROPERTY_TYPE_0, name "GNU") holding one
 * 4-byte property: the features of `type` this object is built for. */
#define GNU_PROPERTY_NOTE(type, bits)		\
	.pushsection .note.gnu.property, "a" SEP	\
	.p2align 3 SEP				\
	.long 4 SEP				\
	.long 16 SEP				\
	.long 5 SEP				\
	.asciz "GNU" SEP				\
	.long type SEP				\
	.long 4 SEP				\
	.long bits SEP				\
	.p2align 3 SEP				\
	.popsection

#ifndef LANDING_PAD
# define LANDING_PAD		/* the first instruction of every entry */
#endif
#ifdef PORT_PROPERTY_NOTE
	PORT_PROPERTY_NOTE	/* what the object is built for (CET, BTI, ...) */
#endif
#ifndef SHSTK_CHECK
# define SHSTK_CHECK(label)	/* refuse to switch under a shadow stack */
#endif

/* The port's edges into C and back to a saved program counter, which
 * every port.h defines (no instruction is common to all ABIs):
 *   CALL_C(sym)   call sym, a hidden C function of the library (never
 *                 through the PLT), the stack already aligned for a call
 *   TAIL_C(sym)   the same as a tail call: jump to sym, which returns to
 *                 our caller
 *   RESUME(reg)   continue at the saved program counter in reg, the
 *                 stack pointer and registers already restored
 * The assembly writes every such edge with them, so that a port where
 * one costs more (mips: t9 and gp; ppc64: the TOC; a short conditional
 * branch range) changes it in one place.  A conditional error exit is a
 * conditional branch to a local label whose instruction is TAIL_C, or,
 * where the ISA allows a conditional tail call and the port says so in
 * its port.h, that branch itself (x86: jz __ucc_efault). */
#if !defined(CALL_C) || !defined(TAIL_C) || !defined(RESUME) || !defined(RA_REG)
# error "lib/arch/<abi>/port.h must define CALL_C, TAIL_C, RESUME and RA_REG"
#endif

/* A function's symbol, global (hidden ones are .hidden too) and typed. */
#define FUNC_LABEL(sym)		\
	.globl sym SEP		\
	.type sym, %function SEP	\
sym:

#ifndef FUNC_BEGIN	/* a port with function descriptors overrides it */
#define FUNC_BEGIN(sym)		FUNC_LABEL(sym)
#endif

/* A function private to the library. */
#define ENTRY(name)		\
	.text SEP			\
	.p2align 4 SEP		\
	.hidden name SEP		\
	FUNC_BEGIN(name)	\
	.cfi_startproc SEP		\
	LANDING_PAD

#define END(name)		\
	.cfi_endproc SEP		\
	.size name, . - name

/* A public function x: the prefixed name ucc_x, the drop-in name x (left
 * unversioned by the version script, so it interposes glibc's), and
 * __ucc_x, hidden, for calls from inside the library that must reach this
 * library's code whatever else is loaded. */
#define API_ENTRY(x)		\
	.text SEP			\
	.p2align 4 SEP		\
	.hidden __ucc_##x SEP	\
	FUNC_BEGIN(ucc_##x)	\
	FUNC_BEGIN(x)		\
	FUNC_BEGIN(__ucc_##x)	\
	.cfi_startproc SEP		\
	LANDING_PAD

#define API_END(x)		\
	.cfi_endproc SEP		\
	.size ucc_##x, . - ucc_##x SEP \
	.size x, . - x SEP		\
	.size __ucc_##x, . - __ucc_##x

/* A function that switches stacks.  Built for a sanitizer's fiber API
 * (--enable-sanitizer-fibers), the assembly is __ucc_x_raw, private, and
 * the public names are lib/arch/<abi>/fiber.S's entries, which tell the
 * sanitizer and jump here; otherwise it is the public function itself. */
#ifdef UCC_SANITIZER_FIBERS
# define SWITCH_ENTRY(x)	ENTRY(__ucc_##x##_raw)
# define SWITCH_END(x)		END(__ucc_##x##_raw)
# define SLICE_ENTRY(x)		ENTRY(__ucc_##x##_raw)
# define SLICE_END(x)		END(__ucc_##x##_raw)
#else
# define SWITCH_ENTRY(x)	API_ENTRY(x)
# define SWITCH_END(x)		API_END(x)
# define SLICE_ENTRY(x)		PUBLIC(ucc_##x)
# define SLICE_END(x)		END(ucc_##x)
#endif

/* A trampoline that a context starts in or returns to, never called:
 * frame, one filler instruction, then entry, both hidden.  An unwinder
 * looks up a return address minus one, which lands on the filler when
 * the return address is entry.  The return address is undefined, so
 * the unwind chain ends here: RA_REG, which every port.h defines, names
 * the register for .cfi_undefined.  A port overrides TRAMPOLINE_NOP
 * (s390x: the 2-byte nopr) and brackets the trampoline with
 * UNWIND_BEGIN and UNWIND_END where the ABI keeps unwind tables of its
 * own (arm's EHABI: .fnstart, .cantunwind, .fnend). */
#ifndef TRAMPOLINE_NOP
# define TRAMPOLINE_NOP		nop
#endif
#ifndef UNWIND_BEGIN
# define UNWIND_BEGIN
# define UNWIND_END
#endif
#define TRAMPOLINE(frame, entry)	\
	.text SEP			\
	.p2align 4 SEP		\
	.hidden frame SEP		\
	.hidden entry SEP		\
	FUNC_LABEL(frame)		\
	UNWIND_BEGIN			\
	.cfi_startproc SEP		\
	.cfi_undefined RA_REG SEP	\
	TRAMPOLINE_NOP SEP		\
	FUNC_LABEL(entry)

#define TRAMPOLINE_END(frame, entry)	\
	.cfi_endproc SEP		\
	UNWIND_END			\
	.size frame, . - frame SEP	\
	.size entry, . - entry

/* SIG_TEST(label), in the switch functions of a port that leaves the
 * mask to C (UCC_PORT_MASK_C, lib/internal.h): branch to label, where C
 * takes over, when the mask needs it.  In the posix library always; in
 * the default one when the port's SIG_ACTIVE(label) branches: while a
 * signal handler the library follows is running or suspended somewhere
 * (lib/signal.c's __ucc_sig_active is not 0). */
#ifdef UCC_PORT_MASK_C
# ifdef UCC_POSIX_MASK
#  define SIG_TEST(label)	TAIL_C(label)
# else
#  define SIG_TEST(label)	SIG_ACTIVE(label)
# endif
#endif

/* A public function with no drop-in name. */
#define PUBLIC(name)		\
	.text SEP			\
	.p2align 4 SEP		\
	FUNC_BEGIN(name)	\
	.cfi_startproc SEP		\
	LANDING_PAD

#endif
