/* Conventions every assembly file follows: symbol types and sizes, CFI,
 * landing pads.  Each .S file still ends with its own .note.GNU-stack. */
#ifndef UCC_ASM_H
#define UCC_ASM_H

#if defined(__x86_64__) && defined(__CET__) && (__CET__ & 1)
# define LANDING_PAD	endbr64
#else
# define LANDING_PAD
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

#endif
