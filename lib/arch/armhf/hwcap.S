/* armel only: the AT_HWCAP word the VFP test reads (save.h, VFP_SKIP),
 * read once at load time by a constructor, as glibc's armel build reads
 * its own copy.  Nothing on armhf, whose ABI requires VFP. */
#include "asm.h"
#include "abi.h"
#include "save.h"

#if !UCC_ARM_VFP_ALWAYS
/* Before the constructor has run (another library's constructor calling
 * getcontext), the word says "no VFP": the context keeps no VFP state,
 * which is what it would hold at that point anyway. */
	.bss
	.p2align 2
	.hidden __ucc_arm_hwcap
	.type __ucc_arm_hwcap, %object
	.size __ucc_arm_hwcap, 4
__ucc_arm_hwcap:
	.space 4

ENTRY(__ucc_arm_hwcap_init)
	push	{r4, lr}
	.cfi_def_cfa_offset 8
	.cfi_offset r4, -8
	.cfi_offset lr, -4
	mov	r0, #16			/* AT_HWCAP */
	bl	getauxval
	ADR_PCREL r1, __ucc_arm_hwcap
	str	r0, [r1]
	pop	{r4, lr}
	.cfi_def_cfa_offset 0
	.cfi_restore r4
	.cfi_restore lr
	bx	lr
END(__ucc_arm_hwcap_init)

	.section .init_array, "aw", %init_array
	.p2align 2
	.word __ucc_arm_hwcap_init
#endif

	.section .note.GNU-stack,"",%progbits
