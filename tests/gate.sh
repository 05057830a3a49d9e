#!/bin/sh
# The speed gate CI can trust on a shared machine: not a timing but an
# instruction count.  valgrind's callgrind counts what the default
# swapcontext path executes (the same binary, inputs and environment give
# the same count, whatever else the machine does), and strace -c counts
# its system calls.  Fails when the path grows past MAX_INSNS or makes a
# system call.
#
# MAX_INSNS is the count per swapcontext measured when this gate was set
# (59.0, of which about 6 are the benchmark's own loop), plus 3: raise it
# only with a measurement that shows why.  Built with -fcf-protection
# (UCC_CET), the path has 6 more: endbr64 and the shadow-stack check
# (65.0 measured).
: "${BUILDDIR:?}"
MAX_INSNS=62
[ "${UCC_CET:-0}" -ne 0 ] && MAX_INSNS=68
bin=$BUILDDIR/bench/ctxbench_linked
plain=$BUILDDIR/bench/ctxbench
run="$BUILDDIR/libtool --mode=execute"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 checked=0

if command -v valgrind >/dev/null 2>&1; then
	total() {
		# shellcheck disable=SC2086
		$run valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.$1" \
			"$bin" swapn "$1" >/dev/null 2>&1 || return 1
		sed -n 's/^totals: //p' "$tmp/cg.$1"
	}
	a=$(total 1000) && b=$(total 3000)
	per=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.1f", (b - a) / 4000 }')
	if [ -n "$a" ] && [ -n "$b" ] &&
	   awk -v p="$per" -v m="$MAX_INSNS" 'BEGIN { exit !(p > 10 && p <= m) }'; then
		echo "ok: $per instructions per swapcontext (at most $MAX_INSNS)"
	else
		echo "FAIL: $per instructions per swapcontext (at most $MAX_INSNS)"
		fail=1
	fi
	checked=$((checked + 1))
else
	echo "SKIP: valgrind is not installed (Debian: apt-get install valgrind);" \
	     "the instruction count was NOT checked" >&2
fi

if command -v strace >/dev/null 2>&1; then
	# count PRELOAD BINARY: rt_sigprocmask calls in 1000 round trips
	count() {
		env ${1:+LD_PRELOAD="$1"} LD_LIBRARY_PATH="$BUILDDIR/lib/.libs" \
			strace -f -c -e trace=rt_sigprocmask -o "$tmp/st" "$2" swapn 1000 \
			>/dev/null 2>&1
		n=$(awk '$NF == "rt_sigprocmask" { print $4 }' "$tmp/st")
		echo "${n:-0}"
	}
	g=$(count "" "$plain")
	# the real binary: libtool's wrapper would add its shell's calls
	l=$(count "" "$BUILDDIR/bench/.libs/ctxbench_linked")
	p=$(count "$BUILDDIR/lib/.libs/libucontext_compat.so" "$plain")
	if [ "$g" -ge 2000 ] && [ "$l" -eq 0 ] && [ "$p" -eq 0 ]; then
		echo "ok: rt_sigprocmask for 2000 swapcontext calls: glibc $g, ours linked 0, preloaded 0"
	else
		echo "FAIL: rt_sigprocmask for 2000 swapcontext calls: glibc $g, ours linked $l, preloaded $p"
		fail=1
	fi
	checked=$((checked + 1))
else
	echo "SKIP: strace is not installed (Debian: apt-get install strace);" \
	     "system calls were NOT counted" >&2
fi

[ $checked -eq 0 ] && exit 77
exit $fail
