#!/bin/sh
# The rest of the main demo (make demo runs make bench first): Debian's
# PCL coroutine library's own cobench, unmodified, with and without
# LD_PRELOAD; then the system calls each library makes.  Progress goes to
# stderr, results to stdout.
set -u
: "${BUILDDIR:?}" "${LIBDIR:?}"
plain=$BUILDDIR/bench/ctxbench
lib=$LIBDIR/libucontext_compat.so
posix=$LIBDIR/libucontext_compat_posix.so
pin=
if command -v taskset >/dev/null 2>&1 && [ "$(nproc)" -gt 1 ]; then
	pin="taskset -c 1"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A part that fails fails the demo; one that cannot run (its package not
# installed) fails it under DEMO_STRICT (scripts/demo installs them all).
status=0
missing() {
	[ -n "${DEMO_STRICT:-}" ] && status=1
	return 0
}

# median and range of the numbers in a file
stats() {
	sort -g "$1" | awk '{ v[NR] = $1 } END {
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%9.2f  %8.2f - %-8.2f", m, v[1], v[NR] }'
}
median() {
	sort -g "$1" | awk '{ v[NR] = $1 } END {
		printf "%.1f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# An unmodified program from Debian's PCL (libpcl1-dev): its cobench
# example, compiled from the package's own copy, timed as shipped.
src=/usr/share/doc/libpcl1-dev/examples/cobench.c
echo
if [ -r "$src" ] && [ -r /usr/include/pcl.h ]; then
	echo "PCL cobench: building $src" >&2
	${CC:-cc} -O2 -w -o "$tmp/cobench" "$src" -lpcl -lpthread || exit 1
	pcl_rounds=${PCL_ROUNDS:-2}
	r=1
	while [ $r -le "$pcl_rounds" ]; do
		echo "  PCL round $r/$pcl_rounds (about 10 s)" >&2
		$pin "$tmp/cobench" > "$tmp/pcl.out" || exit 1
		sed -n '$s/.*] \([0-9.e+-]*\) usec.*/\1/p' "$tmp/pcl.out" >> "$tmp/pcl_glibc"
		LD_PRELOAD=$lib $pin "$tmp/cobench" > "$tmp/pcl.out" || exit 1
		sed -n '$s/.*] \([0-9.e+-]*\) usec.*/\1/p' "$tmp/pcl.out" >> "$tmp/pcl_ours"
		awk -v a="$(tail -n 1 "$tmp/pcl_glibc")" -v b="$(tail -n 1 "$tmp/pcl_ours")" \
			'BEGIN { print a / b }' >> "$tmp/pcl_ratio"
		r=$((r + 1))
	done
	# cobench multiplies its switch count by 4 after timing and before
	# dividing, so it prints a quarter of the real cost: corrected here.
	for f in pcl_glibc pcl_ours; do
		awk '{ print $1 * 4000 }' "$tmp/$f" > "$tmp/$f.ns"
	done
	echo "PCL cobench, unmodified binary: ns per switch ($pcl_rounds rounds; median, min - max)"
	printf '  %-50s %s\n' "as shipped (glibc's swapcontext)" "$(stats "$tmp/pcl_glibc.ns")"
	printf '  %-50s %s\n' "LD_PRELOAD=libucontext_compat.so" "$(stats "$tmp/pcl_ours.ns")"
	echo "  speed-up, median of per-round ratios: $(median "$tmp/pcl_ratio")x"
	echo "  (cobench prints a quarter of these: it divides by 4x the switches it timed)"
else
	echo "PCL cobench: SKIPPED, libpcl1-dev is not installed (apt-get install libpcl1-dev)"
	missing
fi

echo
if command -v strace >/dev/null 2>&1; then
	# calls [VAR=VALUE]: rt_sigprocmask calls in 1000 round trips
	calls() {
		env "$@" strace -f -c -e trace=rt_sigprocmask -o "$tmp/strace" \
			"$plain" swapn 1000 >/dev/null || return 1
		n=$(awk '$NF == "rt_sigprocmask" { print $4 }' "$tmp/strace")
		echo "${n:-0}"
	}
	g=$(calls) && o=$(calls LD_PRELOAD="$lib") && p=$(calls LD_PRELOAD="$posix") ||
		{ echo "system calls: strace failed" >&2; exit 1; }
	echo "system calls (strace -c) in the ping-pong, whole program:"
	echo "  glibc:                 $g rt_sigprocmask for 2000 swapcontext calls"
	echo "  ucontext-compat:       $o rt_sigprocmask for 2000 swapcontext calls"
	echo "  ucontext-compat posix: $p rt_sigprocmask for 2000 swapcontext calls"
	if [ "$g" -lt 2000 ] || [ "$o" -ne 0 ] || [ "$p" -lt 2000 ]; then
		echo "system calls: not what the demo shows (glibc and posix one a switch, ours none)" >&2
		status=1
	fi
else
	echo "system calls: SKIPPED, strace is not installed (apt-get install strace)"
	missing
fi
exit $status
