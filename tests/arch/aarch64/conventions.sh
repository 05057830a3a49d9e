#!/bin/sh
# The shared assembly conventions (lib/asm.h, lib/arch/aarch64/port.h) on
# aarch64, with Debian's cross compiler (tests/conventions.sh runs this in
# every build): under
# -mbranch-protection=standard every entry is a BTI landing pad and the
# object carries the BTI and PAC property note, which a shared library
# linked with C objects built the same way keeps; without it, neither.
# Every function has a type, a size and CFI either way.
: "${TOP_SRCDIR:?}"
xcc=aarch64-linux-gnu-gcc
if ! command -v $xcc >/dev/null 2>&1; then
	echo "SKIP: $xcc is not installed (Debian: apt-get install" \
	     "gcc-aarch64-linux-gnu); the aarch64 conventions were NOT checked" >&2
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }
probe=$TOP_SRCDIR/tests/arch/aarch64/conventions.S
printf 'int ucc_probe_public(void);\nint f(void) { return ucc_probe_public() + 1; }\n' > "$tmp/c.c"

for mode in standard none; do
	flags=
	[ $mode = standard ] && flags=-mbranch-protection=standard
	$xcc $flags -I"$TOP_SRCDIR/lib" -I"$TOP_SRCDIR/lib/arch/aarch64" -c "$probe" -o "$tmp/p.o" || { echo "FAIL: assemble ($mode)"; exit 1; }
	$xcc $flags -fPIC -c "$tmp/c.c" -o "$tmp/c.o" || { echo "FAIL: compile ($mode)"; exit 1; }
	$xcc -shared -nostdlib -o "$tmp/l.so" "$tmp/c.o" "$tmp/p.o" || { echo "FAIL: link ($mode)"; exit 1; }
	note=$(readelf -nW "$tmp/l.so" | grep -c 'AArch64 feature: BTI, PAC')
	pads=$(aarch64-linux-gnu-objdump -d "$tmp/p.o" | grep -A1 '>:$' | grep -c 'bti[[:space:]]*c')
	if [ $mode = standard ]; then
		check "standard: both entries are bti c landing pads" '[ "$pads" -eq 2 ]'
		check "standard: the library keeps the BTI, PAC note" '[ "$note" -eq 1 ]'
	else
		check "none: no landing pads" '[ "$pads" -eq 0 ]'
		check "none: no property note" '[ "$note" -eq 0 ]'
	fi
	sized=$(readelf -sW "$tmp/p.o" | awk '$4 == "FUNC" && $3 > 0 && /probe/' | wc -l)
	check "$mode: both functions typed and sized" '[ "$sized" -eq 2 ]'
	fdes=$(readelf -wf "$tmp/p.o" | grep -c 'FDE')
	check "$mode: both functions have CFI" '[ "$fdes" -eq 2 ]'
	stack=$(readelf -lW "$tmp/l.so" | grep GNU_STACK | grep -c ' RW ')
	check "$mode: non-executable stack" '[ "$stack" -eq 1 ]'
done
exit $fail
