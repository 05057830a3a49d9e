/* armel (soft-float EABI, arm-linux-gnueabi) shares armhf's folder: the
 * same ucontext_t, the same glibc contract, the same A32 assembly.  What
 * differs is chosen by the compiler's macros in armhf's port.h: without
 * __ARM_PCS_VFP, the VFP state is kept only when AT_HWCAP has VFP, as
 * glibc's armel build does (lib/arch/README: shared folders). */
#include "../armhf/port.h"
