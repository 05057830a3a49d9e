/* errno for the assembly: x86_64 reaches errno through TLS that only C
 * knows how to address portably. */
#include <errno.h>
#include "internal.h"

int
__ucc_efault(void)
{
	errno = EFAULT;
	return -1;
}

int
__ucc_enotsup(void)
{
	errno = ENOTSUP;
	return -1;
}

int
__ucc_einval(void)
{
	errno = EINVAL;
	return -1;
}

int
__ucc_syscall_error(long ret)
{
	errno = (int)-ret;
	return -1;
}
