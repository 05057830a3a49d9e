#!/bin/sh
# The speed gate CI can trust on a shared machine: not a timing but an
# instruction count.  valgrind's callgrind counts what the default
# swapcontext path executes (the same binary, inputs and environment give
# the same count, whatever else the machine does), and strace -c counts
# its system calls.  Fails when the path grows past MAX_INSNS or makes a
# system call.
#
# MAX_INSNS is the count per swapcontext measured when this gate was set
# (61.0, of which about 6 are the benchmark's own loop, 2 the test for
# running signal handlers), plus 3: raise it only with a measurement that
# shows why.  Built with -fcf-protection (UCC_CET), the path has 6 more:
# endbr64 and the shadow-stack check (67.0 measured).  MAX_SUSP is the
# same while a signal handler is suspended somewhere, when every switch
# asks lib/signal.c whether it leaves or enters a handler (99.0
# measured, 107.0 under -fcf-protection) and still makes no system call.
: "${BUILDDIR:?}"
MAX_INSNS=64
MAX_SUSP=102
[ "${UCC_CET:-0}" -ne 0 ] && MAX_INSNS=70 MAX_SUSP=110
bin=$BUILDDIR/bench/ctxbench_linked
plain=$BUILDDIR/bench/ctxbench
run="$BUILDDIR/libtool --mode=execute"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 checked=0

if command -v valgrind >/dev/null 2>&1; then
	# per MODE: instructions per swapcontext in ctxbench's MODE
	per() {
		for n in 1000 3000; do
			# shellcheck disable=SC2086
			$run valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.$n" \
				"$bin" "$1" "$n" >/dev/null 2>&1 || return 1
		done
		awk '/^totals:/ { t[++i] = $2 } END {
			if (i == 2) printf "%.1f", (t[2] - t[1]) / 4000 }' \
			"$tmp/cg.1000" "$tmp/cg.3000"
	}
	for mode in swapn swapsuspn; do
		max=$MAX_INSNS what="per swapcontext"
		[ $mode = swapsuspn ] && max=$MAX_SUSP what="per swapcontext, a signal handler suspended"
		p=$(per $mode)
		if [ -n "$p" ] && awk -v p="$p" -v m="$max" 'BEGIN { exit !(p > 10 && p <= m) }'; then
			echo "ok: $p instructions $what (at most $max)"
		else
			echo "FAIL: ${p:-no count} instructions $what (at most $max)"
			fail=1
		fi
	done
	checked=$((checked + 1))
else
	echo "SKIP: valgrind is not installed (Debian: apt-get install valgrind);" \
	     "the instruction count was NOT checked" >&2
fi

if command -v strace >/dev/null 2>&1; then
	# count PRELOAD BINARY MODE N: rt_sigprocmask calls in ctxbench MODE N
	count() {
		env ${1:+LD_PRELOAD="$1"} LD_LIBRARY_PATH="$BUILDDIR/lib/.libs" \
			strace -f -c -e trace=rt_sigprocmask -o "$tmp/st" "$2" "$3" "$4" \
			>/dev/null 2>&1
		n=$(awk '$NF == "rt_sigprocmask" { print $4 }' "$tmp/st")
		echo "${n:-0}"
	}
	ours=$BUILDDIR/lib/.libs/libucontext_compat.so
	g=$(count "" "$plain" swapn 1000)
	# the real binary (linked -no-install): no libtool wrapper, whose
	# shell's calls would count
	l=$(count "" "$BUILDDIR/bench/ctxbench_linked" swapn 1000)
	p=$(count "$ours" "$plain" swapn 1000)
	if [ "$g" -ge 2000 ] && [ "$l" -eq 0 ] && [ "$p" -eq 0 ]; then
		echo "ok: rt_sigprocmask for 2000 swapcontext calls: glibc $g, ours linked 0, preloaded 0"
	else
		echo "FAIL: rt_sigprocmask for 2000 swapcontext calls: glibc $g, ours linked $l, preloaded $p"
		fail=1
	fi
	# a handler suspended: the calls of 1000 more round trips
	s1=$(count "$ours" "$plain" swapsuspn 1000)
	s2=$(count "$ours" "$plain" swapsuspn 2000)
	if [ "$s1" -gt 0 ] && [ "$s2" -eq "$s1" ]; then
		echo "ok: rt_sigprocmask for 2000 more swapcontext calls, a signal handler suspended: 0 (leaving it: $s1 in all)"
	else
		echo "FAIL: rt_sigprocmask, a signal handler suspended: $s1 calls for 2000 swapcontext calls, $s2 for 4000"
		fail=1
	fi
	checked=$((checked + 1))
else
	echo "SKIP: strace is not installed (Debian: apt-get install strace);" \
	     "system calls were NOT counted" >&2
fi

[ $checked -eq 0 ] && exit 77
exit $fail
