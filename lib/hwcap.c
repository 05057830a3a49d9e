/* What the port's assembly learns of the hardware at run time, read once
 * by a constructor:
 *   - the AT_HWCAP word (UCC_PORT_HWCAP in its port.h: armel's VFP test,
 *     as glibc's armel build makes it).  Before the constructor has run
 *     (another library's constructor calling getcontext) the word is 0:
 *     no optional hardware state is kept, which is what a context would
 *     hold at that point anyway;
 *   - whether slices may be copied with AVX (UCC_PORT_WIDE_COPY: x86_64):
 *     the CPU has it (CPUID.1:ECX.AVX) and the kernel keeps the upper
 *     halves of the ymm registers (OSXSAVE, then XCR0's SSE and AVX
 *     bits).  Until then, and without them, the 16-byte copy. */
#include "internal.h"

#ifdef UCC_PORT_HWCAP
#include <sys/auxv.h>

unsigned long __ucc_hwcap;

__attribute__((constructor)) static void
read_hwcap(void)
{
	__ucc_hwcap = getauxval(AT_HWCAP);
}
#endif

#ifdef UCC_PORT_WIDE_COPY
#include <cpuid.h>

unsigned char __ucc_copy_wide;

__attribute__((constructor)) static void
probe_wide_copy(void)
{
	unsigned int eax, ebx, ecx, edx, xcr0_lo, xcr0_hi;

	if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx) ||
	    !(ecx & bit_OSXSAVE) || !(ecx & bit_AVX))
		return;
	__asm__("xgetbv" : "=a"(xcr0_lo), "=d"(xcr0_hi) : "c"(0));
	(void)xcr0_hi;
	__ucc_copy_wide = (xcr0_lo & 6) == 6;
}
#endif

#if !defined(UCC_PORT_HWCAP) && !defined(UCC_PORT_WIDE_COPY)
typedef int ucc_no_hwcap;	/* ISO C: a translation unit is not empty */
#endif
