/* The AT_HWCAP word, for a port whose assembly tests the hardware at run
 * time (UCC_PORT_HWCAP in its port.h: armel's VFP test, as glibc's armel
 * build makes it).  Read once, by a constructor.  Before it has run
 * (another library's constructor calling getcontext) the word is 0: no
 * optional hardware state is kept, which is what a context would hold
 * at that point anyway. */
#include "internal.h"

#ifdef UCC_PORT_HWCAP
#include <sys/auxv.h>

unsigned long __ucc_hwcap;

__attribute__((constructor)) static void
read_hwcap(void)
{
	__ucc_hwcap = getauxval(AT_HWCAP);
}
#else
typedef int ucc_no_hwcap;	/* ISO C: a translation unit is not empty */
#endif
