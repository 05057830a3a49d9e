/* Declarations shared by the library's C files and its assembly. */
#ifndef UCC_INTERNAL_H
#define UCC_INTERNAL_H

#define UCC_API __attribute__((visibility("default")))

/* Error returns for the assembly, which cannot reach errno itself:
 * all return -1.  EFAULT for a NULL pointer, EINVAL for a context that
 * cannot be resumed. */
int __ucc_efault(void);
int __ucc_einval(void);
int __ucc_syscall_error(long ret);

/* Where a function started by makecontext returns to (lib/arch/<abi>/start.S). */
void __ucc_start(void);

#endif
