/* Declarations shared by the library's C files and its assembly. */
#ifndef UCC_INTERNAL_H
#define UCC_INTERNAL_H

#define UCC_API __attribute__((visibility("default")))

/* Error returns for the assembly, which cannot reach errno itself:
 * all return -1.  EFAULT for a NULL pointer, EINVAL for a context that
 * cannot be resumed. */
int __ucc_efault(void);
int __ucc_einval(void);
int __ucc_enotsup(void);	/* a shadow stack is active */
int __ucc_syscall_error(long ret);

/* Where a function started by makecontext returns to (lib/arch/<abi>/start.S). */
void __ucc_start(void);
void __ucc_valgrind_frame_kept(void *slot);

/* Stack slicing (lib/slice.c and lib/arch/<abi>/slice.S). */
#include <stdint.h>
struct ucc_slice;
struct ucc_base;
int __ucc_base_init(struct ucc_base *base, uintptr_t sp);
int __ucc_slice_prepare(struct ucc_slice *from, const struct ucc_slice *to,
			uintptr_t sp);
void __ucc_slice_finished(struct ucc_slice *s);
int __ucc_slice_fail(int err);
void __ucc_slice_fpctl(void *slot);
void __ucc_slice_start(void);

#endif
