#!/bin/sh
# The shared assembly conventions (lib/asm.h) as each port's own check
# tests them with its cross compiler (tests/arch/<abi>/conventions.sh:
# landing pads, property notes, symbol types and sizes, CFI), built
# here whichever ABI this build is for.  Exit 77 (SKIP) only when no port
# has such a check or none could run.
: "${TOP_SRCDIR:?}"
fail=0 ran=0
for t in "$TOP_SRCDIR"/tests/arch/*/conventions.sh; do
	[ -f "$t" ] || continue
	abi=$(basename "$(dirname "$t")")
	echo "== $abi"
	sh "$t"
	rc=$?
	case $rc in
	0) ran=$((ran + 1)) ;;
	77) ;;
	*) fail=1 ;;
	esac
done
[ $fail -ne 0 ] && exit 1
[ $ran -eq 0 ] && exit 77
exit 0
