/* Declarations shared by the library's C files and its assembly. */
#ifndef UCC_INTERNAL_H
#define UCC_INTERNAL_H

#define UCC_API __attribute__((visibility("default")))

/* Error returns for the assembly, which cannot reach errno itself:
 * both return -1. */
int __ucc_einval(void);
int __ucc_syscall_error(long ret);

/* Where a function started by makecontext returns to (lib/arch/<abi>/start.S). */
void __ucc_start(void);

#endif
