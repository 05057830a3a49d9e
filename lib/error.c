/* errno for the assembly: x86_64 reaches errno through TLS that only C
 * knows how to address portably. */
#include <errno.h>
#include "internal.h"

#ifdef UCC_SANITIZER_FIBERS
# define FAILED() __ucc_fiber_cancel()
#else
# define FAILED() ((void)0)
#endif

int
__ucc_efault(void)
{
	FAILED();
	errno = EFAULT;
	return -1;
}

int
__ucc_enotsup(void)
{
	FAILED();
	errno = ENOTSUP;
	return -1;
}

int
__ucc_einval(void)
{
	FAILED();
	errno = EINVAL;
	return -1;
}

int
__ucc_syscall_error(long ret)
{
	FAILED();
	errno = (int)-ret;
	return -1;
}
