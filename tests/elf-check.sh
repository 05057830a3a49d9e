#!/bin/sh
# What a distribution's hardening checks look for, on the built library:
# a non-executable stack (GNU_STACK RW), no text relocations, every
# exported function typed and sized (so valgrind and perf name it), a
# .note.GNU-stack in every object of the static archive; and, built with
# -fcf-protection (UCC_CET != 0), the IBT/SHSTK property note in every
# object, endbr64 at every exported function, and every resume a notrack
# jmp.  (A shared object keeps the note only if the C library's start
# files have one too: Debian 12's crti.o does not, so there the archive
# is where it is checked.)
: "${BUILDDIR:?}"
cet=${UCC_CET:-0}
libs="$BUILDDIR/lib/.libs"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

for name in libucontext_compat libucontext_compat_posix; do
	a=$libs/$name.a
	[ -f "$a" ] || { bad "$a is missing"; continue; }
	mkdir -p "$tmp/$name" && (cd "$tmp/$name" && ar x "$a")
	n=0
	for o in "$tmp/$name"/*.o; do
		n=$((n + 1))
		readelf -SW "$o" | grep -q '\.note\.GNU-stack' ||
			bad "$(basename "$o") in $name.a has no .note.GNU-stack"
		if [ "$cet" -ne 0 ]; then
			want=$( [ "$cet" -eq 3 ] && echo "IBT, SHSTK" || { [ "$cet" -eq 1 ] && echo IBT || echo SHSTK; })
			readelf -n "$o" | grep -q "x86 feature: $want" ||
				bad "$(basename "$o") in $name.a has no \"$want\" property note"
		fi
	done
	# Under IBT a switch resumes at a return address, which has no
	# endbr64: the assembly's register-indirect jumps must be notrack.
	if [ $((cet & 1)) -ne 0 ]; then
		for o in "$tmp/$name"/*port.o; do
			[ -f "$o" ] || continue
			objdump -d --no-show-raw-insn "$o" |
				grep -E '[[:space:]]jmp[[:space:]]+\*%r' | grep -v notrack |
				sed "s|^|  $(basename "$o"):|"
		done > "$tmp/tracked"
		[ -s "$tmp/tracked" ] && { bad "$name.a: tracked indirect jumps to return addresses:"; cat "$tmp/tracked"; }
		nt=$(objdump -d --no-show-raw-insn "$tmp/$name"/*port.o |
			awk '/<(__ucc_|ucc_)?swapcontext>:$/ { on = 1; next } /^$/ { on = 0 } on' |
			grep -c 'notrack jmp')
		[ "$nt" -ge 1 ] || bad "$name.a: swapcontext does not resume by notrack jmp"
		[ -s "$tmp/tracked" ] || [ "$nt" -lt 1 ] || echo "ok: $name.a: every resume is a notrack jmp"
	fi
	echo "ok: $name.a: $n objects checked"

	so=$libs/$name.so
	[ -f "$so" ] || continue
	readelf -lW "$so" | awk '$1 == "GNU_STACK" { f = $(NF - 1) } END { exit !(f == "RW") }' ||
		bad "$name.so: GNU_STACK is not RW: $(readelf -lW "$so" | grep GNU_STACK)"
	readelf -dW "$so" | grep -q TEXTREL && bad "$name.so has text relocations"
	# (ppc64 ELFv2: a column more, "[<localentry>: 8]", for a function
	# with a local entry point)
	readelf --dyn-syms -W "$so" | sed 's/ \[<localentry>: [0-9]*\]//' |
		awk '$7 != "UND" && $5 == "GLOBAL" && $4 != "OBJECT" { print }' > "$tmp/syms"
	awk '$4 != "FUNC" || $3 == 0 { print "  " $8 }' "$tmp/syms" > "$tmp/untyped"
	[ -s "$tmp/untyped" ] && { bad "$name.so: exported without a function type or size:"; cat "$tmp/untyped"; }
	if [ "$cet" -ne 0 ] && [ $((cet & 1)) -ne 0 ]; then
		# by address: aliases (getcontext, ucc_getcontext) share one
		awk '$4 == "FUNC" { sub(/@.*/, "", $8); print $2, $8 }' "$tmp/syms" |
		while read -r addr sym; do
			objdump -d --no-show-raw-insn --start-address=0x"$addr" \
				--stop-address=$((0x$addr + 4)) "$so" | grep -q endbr64 ||
				echo "$sym"
		done > "$tmp/nopad"
		[ -s "$tmp/nopad" ] && { bad "$name.so: no endbr64 at:"; sed 's/^/  /' "$tmp/nopad"; }
	fi
	echo "ok: $name.so: stack RW, no TEXTREL, $(wc -l < "$tmp/syms") exported functions typed and sized${cet:+, CET $cet}"
done
exit $fail
