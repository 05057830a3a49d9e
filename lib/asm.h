/* Conventions every assembly file follows: symbol types and sizes, CFI,
 * landing pads.  Each .S file still ends with its own .note.GNU-stack. */
#ifndef UCC_ASM_H
#define UCC_ASM_H

#if defined(__x86_64__) && defined(__CET__) && (__CET__ & 1)
# define LANDING_PAD	endbr64
#elif defined(__aarch64__) && defined(__ARM_FEATURE_BTI_DEFAULT) && \
      __ARM_FEATURE_BTI_DEFAULT
# define LANDING_PAD	hint 34		/* bti c: a landing pad for calls */
#else
# define LANDING_PAD
#endif

/* A GNU property note (NT_GNU_PROPERTY_TYPE_0, name "GNU") holding one
 * 4-byte property: the features of `type` this object is built for. */
#define GNU_PROPERTY_NOTE(type, bits)		\
	.pushsection .note.gnu.property, "a";	\
	.p2align 3;				\
	.long 4;				\
	.long 16;				\
	.long 5;				\
	.asciz "GNU";				\
	.long type;				\
	.long 4;				\
	.long bits;				\
	.p2align 3;				\
	.popsection

/* Built with -fcf-protection, every object says so in a GNU property
 * note, as the compiler's do for C; without it, linking an assembly
 * object would take IBT and SHSTK away from the whole program.  What the
 * assembly does for them: IBT, endbr64 at every entry (LANDING_PAD) and
 * resuming through ret, never an indirect jmp to a return address;
 * SHSTK, refusing to switch while a shadow stack is active (SHSTK_CHECK),
 * since a switch would leave the shadow stack describing the old stack. */
#if defined(__x86_64__) && defined(__CET__)
	/* GNU_PROPERTY_X86_FEATURE_1_AND: 1 IBT, 2 SHSTK */
	GNU_PROPERTY_NOTE(0xc0000002, (__CET__ & 3))
#endif

/* aarch64, built with -mbranch-protection: BTI, a landing pad at every
 * entry (LANDING_PAD); PAC, nothing to do, since the assembly signs no
 * return address: its functions keep the link register as the caller
 * gave it, and a switch resumes through ret, which neither BTI nor PAC
 * checks.  The note says both, so linking the library keeps them. */
#if defined(__aarch64__)
# if defined(__ARM_FEATURE_BTI_DEFAULT) && __ARM_FEATURE_BTI_DEFAULT
#  define UCC_AARCH64_BTI 1
# else
#  define UCC_AARCH64_BTI 0
# endif
# if defined(__ARM_FEATURE_PAC_DEFAULT) && __ARM_FEATURE_PAC_DEFAULT
#  define UCC_AARCH64_PAC 2
# else
#  define UCC_AARCH64_PAC 0
# endif
# if UCC_AARCH64_BTI || UCC_AARCH64_PAC
	/* GNU_PROPERTY_AARCH64_FEATURE_1_AND: 1 BTI, 2 PAC */
	GNU_PROPERTY_NOTE(0xc0000000, (UCC_AARCH64_BTI | UCC_AARCH64_PAC))
# endif
#endif

/* SHSTK_CHECK(label): jump to label if the running thread has a shadow
 * stack.  rdsspq is a no-op, leaving 0, where shadow stacks are off or
 * unknown to the CPU.  Clobbers rax. */
#if defined(__x86_64__) && defined(__CET__) && (__CET__ & 2)
# define SHSTK_CHECK(label)	\
	xor	%eax, %eax;	\
	rdsspq	%rax;		\
	test	%rax, %rax;	\
	jnz	label
#else
# define SHSTK_CHECK(label)
#endif

/* RESUME(reg): continue at the address in reg, stack pointer already set:
 * a jmp, which predicts well.  Under IBT a return address has no endbr64
 * for an indirect jmp to land on, so the jmp is notrack: the instruction
 * gcc itself emits for switch tables under -fcf-protection, which any
 * system enabling IBT must allow (NO_TRACK_EN) for such code to run.  A
 * push and ret would need no allowance but mispredicts on every switch:
 * make bench measured it at 11 ns a switch against 6 (README). */
#if defined(__x86_64__) && defined(__CET__) && (__CET__ & 1)
# define RESUME(reg)		\
	notrack jmp *reg
#else
# define RESUME(reg)		\
	jmp	*reg
#endif

#define FUNC_BEGIN(sym)		\
	.globl sym;		\
	.type sym, %function;	\
sym:

/* A function private to the library. */
#define ENTRY(name)		\
	.text;			\
	.p2align 4;		\
	.hidden name;		\
	FUNC_BEGIN(name)	\
	.cfi_startproc;		\
	LANDING_PAD

#define END(name)		\
	.cfi_endproc;		\
	.size name, . - name

/* A public function x: the prefixed name ucc_x, the drop-in name x (left
 * unversioned by the version script, so it interposes glibc's), and
 * __ucc_x, hidden, for calls from inside the library that must reach this
 * library's code whatever else is loaded. */
#define API_ENTRY(x)		\
	.text;			\
	.p2align 4;		\
	.hidden __ucc_##x;	\
	FUNC_BEGIN(ucc_##x)	\
	FUNC_BEGIN(x)		\
	FUNC_BEGIN(__ucc_##x)	\
	.cfi_startproc;		\
	LANDING_PAD

#define API_END(x)		\
	.cfi_endproc;		\
	.size ucc_##x, . - ucc_##x; \
	.size x, . - x;		\
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

/* A public function with no drop-in name. */
#define PUBLIC(name)		\
	.text;			\
	.p2align 4;		\
	FUNC_BEGIN(name)	\
	.cfi_startproc;		\
	LANDING_PAD

#endif
