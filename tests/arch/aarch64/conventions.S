/* The shared assembly conventions (lib/asm.h) on aarch64, ahead of its
 * port: tests/conventions-aarch64.sh assembles this with and without
 * -mbranch-protection=standard and checks the landing pads, the symbol
 * types and sizes, CFI and the property note. */
#include "asm.h"

ENTRY(__ucc_probe_private)
	mov	x0, #0
	ret
END(__ucc_probe_private)

PUBLIC(ucc_probe_public)
	mov	x0, #1
	ret
END(ucc_probe_public)

	.section .note.GNU-stack,"",%progbits
