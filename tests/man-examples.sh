#!/bin/sh
# Every complete program in the man pages' EXAMPLES compiles without a
# warning against the built library, and runs to exit status 0.
: "${MANDIR:?}" "${UCC_LIBDIR:?}" "${UCC_INCLUDE:?}"
cc=${CC:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0
for page in "$MANDIR"/*.[0-9]; do
	awk '/^\.Sh EXAMPLES/ { ex = 1 } /^\.Sh / && !/EXAMPLES/ { ex = 0 }
	     ex && /^\.Bd -literal/ { on = 1; next } /^\.Ed/ { on = 0 }
	     ex && on' "$page" | sed 's/\\e/\\/g' > "$tmp/ex.c"
	grep -q 'main(' "$tmp/ex.c" || continue
	n=$((n + 1))
	name=$(basename "$page")
	# shellcheck disable=SC2086
	if ! $cc -Wall -Wextra -Werror -I"$UCC_INCLUDE" -o "$tmp/ex" "$tmp/ex.c" \
	    $LDFLAGS -L"$UCC_LIBDIR" -Wl,-rpath,"$UCC_LIBDIR" -lucontext_compat \
	    > "$tmp/cc.out" 2>&1; then
		echo "FAIL: $name: the example does not compile:"; cat "$tmp/cc.out"
		fail=1
		continue
	fi
	# shellcheck disable=SC2086
	if ${UCC_RUN:-} "$tmp/ex" > "$tmp/run.out" 2>&1; then
		echo "ok: $name"
	else
		echo "FAIL: $name: the example exited $?:"; cat "$tmp/run.out"
		fail=1
	fi
done
[ $n -gt 0 ] || { echo "FAIL: no examples found"; exit 1; }
exit $fail
