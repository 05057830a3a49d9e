#!/bin/sh
# make bench: every measurement behind the README's claims, in one run.
#
# Contenders are alternated round by round (A B C ... A B C ...), REPS
# rounds (default 5); each cell is the median with min - max; ratios are
# taken round by round, between figures measured side by side, and their
# median printed, so that the machine's drift cancels.  Results go to
# stdout, progress to stderr; the raw numbers to $OUT/results.csv and a
# plot (ns per switch against slice size, peers as lines) to
# $OUT/bench.svg when gnuplot is there.  The round-robin section runs
# glibc, ours and Boost.Context over 2 to 1,000,000 contexts, in memory
# order and in a random one, and counts with cachegrind the data accesses
# and cache lines one switch touches.
set -u
: "${BUILDDIR:?}" "${LIBDIR:?}"
reps=${REPS:-5}
out=${OUT:-$BUILDDIR/bench-results}
mkdir -p "$out"
csv=$out/results.csv
echo "section,contender,round,ns" > "$csv"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A measurement that failed fails the run, after the table; a part that
# could not run (its package not installed) fails it under DEMO_STRICT,
# which scripts/demo sets since it installs them all.
failed=
missing=

ctx=$BUILDDIR/bench/ctxbench
linked=$BUILDDIR/bench/ctxbench_linked
# the program itself, not libtool's wrapper script, for valgrind
linked_real=$BUILDDIR/bench/.libs/ctxbench_linked
[ -x "$linked_real" ] || linked_real=$linked
boost=$BUILDDIR/bench/boostbench
pcl=$BUILDDIR/bench/pclbench
ours=$LIBDIR/libucontext_compat.so
posix=$LIBDIR/libucontext_compat_posix.so
nosigtest=$BUILDDIR/bench/.libs/libucc_nosigtest.so
pin=
if command -v taskset >/dev/null 2>&1 && [ "$(nproc)" -gt 1 ]; then
	pin="taskset -c 1"
fi

# contender LABEL: the command that measures it, with the section's
# argument (swap, swapdirty, ...) appended
contender_cmd() {
	case $1 in
	glibc)          echo "$pin $ctx" ;;
	# LD_PRELOAD for the program, not taskset: an i386 library preloaded
	# into the x86_64 taskset makes ld.so complain
	preload)        echo "$pin env LD_PRELOAD=$ours $ctx" ;;
	linked)         echo "$pin $linked" ;;
	posix)          echo "$pin env LD_PRELOAD=$posix $ctx" ;;
	nosigtest)      echo "$pin env LD_PRELOAD=$nosigtest $ctx" ;;
	boost)          echo "$pin $boost" ;;
	work)           echo "$pin $ctx" ;;
	esac
}

# section NAME ARG-FOR-EACH "LABEL..." : alternate the contenders
section() {
	name=$1 arg=$2 labels=$3 r=1
	while [ "$r" -le "$reps" ]; do
		echo "  $name: round $r/$reps" >&2
		for l in $labels; do
			a=$arg
			[ "$l" = work ] && a=dirtywork
			# shellcheck disable=SC2086
			v=$($(contender_cmd "$l") $a) || {
				v=nan
				failed="$failed $name/$l"
			}
			echo "$name,$l,$r,$v" >> "$csv"
		done
		r=$((r + 1))
	done
}

# the values of SECTION,LABEL, one a line, in round order
vals() {
	awk -F, -v s="$1" -v l="$2" '$1 == s && $2 == l { print $4 }' "$csv"
}

# median, min and max of stdin
stat() {
	sort -g | awk '{ v[NR] = $1 } END {
		if (NR == 0) { print "-"; exit }
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%9.2f  %8.2f - %-8.2f\n", m, v[1], v[NR] }'
}
median() {
	sort -g | awk '{ v[NR] = $1 } END {
		if (NR == 0) { print "nan"; exit }
		printf "%.2f\n", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
# median over rounds of SECTION,A / SECTION2,B (round by round)
ratio() {
	vals "$1" "$2" > "$tmp/a"
	vals "$3" "$4" > "$tmp/b"
	paste -d' ' "$tmp/a" "$tmp/b" | awk '$2 > 0 { print $1 / $2 }' | median
}
row() {	# LABEL SECTION CONTENDER
	printf '  %-46s %s\n' "$1" "$(vals "$2" "$3" | stat)"
}

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
glibc_version=$(ldd --version 2>/dev/null | sed -n '1s/.* //p')
have_boost=no
[ -x "$boost" ] && have_boost=yes
have_pcl=no
[ -x "$pcl" ] && have_pcl=yes

echo "make bench: $reps rounds per figure, contenders alternated" >&2
swap_labels="glibc preload linked posix"
[ $have_boost = yes ] && swap_labels="$swap_labels boost"
[ -f "$nosigtest" ] && swap_labels="$swap_labels nosigtest"
section swap swap "$swap_labels"
section susp swapsusp "glibc preload"
section dirty swapdirty "$swap_labels work"
section get get "glibc preload"
section set set "glibc preload"
section make make "glibc preload"
if [ $have_pcl = yes ]; then
	r=1
	while [ "$r" -le "$reps" ]; do
		echo "  pcl: round $r/$reps" >&2
		v=$($pin "$pcl") || { v=nan; failed="$failed pcl/glibc"; }
		echo "pcl,glibc,$r,$v" >> "$csv"
		v=$($pin env LD_PRELOAD="$ours" "$pcl") || { v=nan; failed="$failed pcl/preload"; }
		echo "pcl,preload,$r,$v" >> "$csv"
		r=$((r + 1))
	done
fi
echo "  stack slicing" >&2
$pin "$BUILDDIR/bench/slice" "$reps" csv > "$tmp/slice" || failed="$failed slice"
awk -F, '{ print "slice-" $1 "," $2 ",1," $3 }' "$tmp/slice" >> "$csv"
echo "  1,000,000 sliced tasklets" >&2
"$BUILDDIR/examples/tasklets" 1000000 2 8 > "$tmp/tasklets" || failed="$failed tasklets"
echo "  10,000,000 idle tasklets" >&2
{ "$BUILDDIR/bench/idle" 10000000 slab && "$BUILDDIR/bench/idle" 10000000 malloc; } \
	> "$tmp/idle" || failed="$failed idle"

# last: a million contexts churn gigabytes of memory
ring_labels="glibc preload"
[ $have_boost = yes ] && ring_labels="$ring_labels boost"
for n in 2 1000 100000 1000000; do
	save=$reps
	[ "$n" -ge 100000 ] && [ "$reps" -gt 3 ] && reps=3
	section "ring$n" "ring $n" "$ring_labels"
	if [ "$n" -ge 100000 ]; then
		section "ringrand$n" "ring $n random" "$ring_labels"
	fi
	reps=$save
done

# The cache lines a switch touches, counted by cachegrind: 100,000
# contexts round robin, far more than any cache holds, so every line a
# switch touches is a miss of its simulated cache (it has no prefetcher,
# so the order does not matter to it).  Rounds 2 and 3 less round 1.
cg_lines=
if command -v valgrind >/dev/null 2>&1; then
	echo "  cachegrind: cache lines per switch" >&2
	# cg_per_switch BINARY: data refs and D1 misses per switch
	cg_per_switch() {
		for r in 1 3; do
			LD_LIBRARY_PATH=$LIBDIR valgrind --tool=cachegrind --cache-sim=yes \
				--cachegrind-out-file="$tmp/cg.$r" "$1" ringn 100000 $r \
				>/dev/null 2>&1 || return 1
		done
		awk '/^events:/ { for (i = 2; i <= NF; i++) col[$i] = i }
		     /^summary:/ { n++; for (k in col) v[n, k] = $col[k] }
		     END { sw = 2 * 100001
			refs = (v[2, "Dr"] + v[2, "Dw"]) - (v[1, "Dr"] + v[1, "Dw"])
			miss = (v[2, "D1mr"] + v[2, "D1mw"]) - (v[1, "D1mr"] + v[1, "D1mw"])
			printf "%.1f %.1f\n", refs / sw, miss / sw }' "$tmp/cg.1" "$tmp/cg.3"
	}
	cg_ours=$(cg_per_switch "$linked_real") || failed="$failed cachegrind/ours"
	cg_boost=
	if [ $have_boost = yes ]; then
		cg_boost=$(cg_per_switch "$boost") || failed="$failed cachegrind/boost"
	fi
	cg_lines=yes
fi
echo "machine: ${cpu:-unknown CPU}, $(nproc) CPUs, glibc $glibc_version"
echo "ns per swapcontext, one switch (median, min - max over $reps alternated rounds)"
printf '  %-46s %9s  %s\n' "" "median" "min - max"
row "glibc $glibc_version" swap glibc
row "ucontext-compat, LD_PRELOAD" swap preload
row "ucontext-compat, linked" swap linked
row "ucontext-compat, posix mask mode (preloaded)" swap posix
if [ $have_boost = yes ]; then
	row "Boost.Context jump_fcontext" swap boost
else
	printf '  %-46s %s\n' "Boost.Context jump_fcontext" "not measured: libboost-context-dev and g++ not found"
	missing="$missing Boost.Context"
fi
echo "  glibc / ours: $(ratio swap glibc swap preload)x   (posix mode: $(ratio swap glibc swap posix)x)"
[ $have_boost = yes ] && echo "  ours / Boost.Context: $(ratio swap preload swap boost)x"
if [ -f "$nosigtest" ]; then
	row "ucontext-compat without the signal-handler test" swap nosigtest
	vals swap preload > "$tmp/a"
	vals swap nosigtest > "$tmp/b"
	echo "  that test costs a switch: $(paste -d' ' "$tmp/a" "$tmp/b" |
		awk '{ print $1 - $2 }' | median) ns (median of per-round differences)"
	[ $have_boost = yes ] &&
		echo "  ours without it / Boost.Context: $(ratio swap nosigtest swap boost)x"
else
	missing="$missing nosigtest"
fi
row "ucontext-compat, a signal handler suspended" susp preload
row "glibc, a signal handler suspended" susp glibc

echo
echo "with the two sides' MXCSR exception flags differing at every switch"
echo "(one raises inexact by a division, the other clears the flags)"
row "the division and the clearing alone, per switch" dirty work
row "glibc" dirty glibc
row "ucontext-compat, LD_PRELOAD" dirty preload
row "ucontext-compat, linked" dirty linked
[ $have_boost = yes ] && row "Boost.Context jump_fcontext" dirty boost
work=$(vals dirty work | median)
clean=$(vals swap preload | median)
dirtyours=$(vals dirty preload | median)
echo "  ours, less the work, / ours clean: $(awk -v d="$dirtyours" -v w="$work" -v c="$clean" 'BEGIN { printf "%.2f", (d - w) / c }')x"
if [ $have_boost = yes ]; then
	echo "  ours / Boost.Context, flags differing: $(ratio dirty preload dirty boost)x"
fi

echo
echo "other calls, ns each (median, min - max)"
row "getcontext: glibc" get glibc
row "getcontext: ucontext-compat" get preload
row "setcontext: glibc" set glibc
row "setcontext: ucontext-compat" set preload
row "makecontext + switch in + return: glibc" make glibc
row "makecontext + switch in + return: ours" make preload

echo
echo "ns per switch, round robin over N contexts (cache misses grow with N)"
for n in 2 1000 100000 1000000; do
	for order in "" rand; do
		[ -z "$order" ] || [ "$n" -ge 100000 ] || continue
		what="N = $n"
		if [ "$n" -ge 100000 ]; then
			case $order in
			rand) what="$what, random order" ;;
			*) what="$what, in order" ;;
			esac
		fi
		row "$what: glibc" "ring$order$n" glibc
		row "$what: ucontext-compat" "ring$order$n" preload
		[ $have_boost = yes ] && row "$what: Boost.Context" "ring$order$n" boost
	done
done
if [ -n "$cg_lines" ]; then
	echo "  per switch at N = 100000 (cachegrind; its cache has no prefetcher):"
	set -- $cg_ours
	printf '  %-46s %5s data accesses, %5s cache lines missed\n' "ucontext-compat" "$1" "$2"
	if [ -n "$cg_boost" ]; then
		set -- $cg_boost
		printf '  %-46s %5s data accesses, %5s cache lines missed\n' "Boost.Context" "$1" "$2"
	fi
else
	echo "  cache lines per switch: not counted, valgrind is not installed"
	missing="$missing valgrind"
fi

echo
if [ $have_pcl = yes ]; then
	pg=$(vals pcl glibc | median)
	po=$(vals pcl preload | median)
	so=$(vals swap preload | median)
	echo "Debian's PCL (libpcl1), unmodified: ns per resume + yield (two switches)"
	row "as shipped, on glibc's swapcontext" pcl glibc
	row "LD_PRELOAD=libucontext_compat.so" pcl preload
	awk -v pg="$pg" -v po="$po" -v so="$so" -v r="$(ratio pcl glibc pcl preload)" 'BEGIN {
		book = po - 2 * so
		printf "  speed-up: %sx; PCL'\''s own bookkeeping, %.1f ns a resume + yield, bounds it at %.1fx\n", r, book, pg / book }'
else
	echo "Debian's PCL: not measured: libpcl1-dev not found"
	missing="$missing PCL"
fi

echo
echo "stack slicing: ns per switch between two sliced contexts (median of $reps)"
ordinary=$(awk -F, '$1 == "slice-ordinary" { print $4 }' "$csv")
printf '  %-46s %9.2f\n' "ordinary switch of ours, same run" "$ordinary"
awk -F, -v o="$ordinary" '$1 == "slice-sliced" {
	printf "  slice of %6d bytes %35.2f   %6.2fx ordinary\n", $2, $4, $4 / o }' "$csv"
echo "a tasklet ping-ponging with its scheduler (median of $reps):"
awk -F, -v o="$ordinary" '$1 == "slice-pingpong-shared" {
	printf "  shared stack, slice of %6d bytes %21.2f   %6.2fx ordinary\n", $2, $4, $4 / o }
$1 == "slice-pingpong-thread" {
	printf "  thread stack, slice of %6d bytes %21.2f   %6.2fx ordinary\n", $2, $4, $4 / o }' "$csv"
awk -F, '$1 == "slice-baseinit-first" { f = $4 } $1 == "slice-baseinit-again" { a = $4 }
END { printf "ucc_base_init: %.1f us first on a thread, %.1f ns after\n", f / 1000, a }' "$csv"
echo
echo "1,000,000 sliced tasklets, 1 to 8 frames deep, all idle at once:"
sed 's/^/  /' "$tmp/tasklets"
echo
cat "$tmp/idle"

if command -v gnuplot >/dev/null 2>&1; then
	awk -F, '$1 == "slice-sliced" { print $2, $4 }' "$csv" > "$out/slices.dat"
	g=$(vals swap glibc | median)
	b=nan
	[ $have_boost = yes ] && b=$(vals swap boost | median)
	gnuplot <<EOF 2>/dev/null
set terminal svg size 720,440 font "sans,11" background rgb "white" noenhanced
set output "$out/bench.svg"
set title "ns per switch (${cpu:-unknown CPU}, glibc $glibc_version)"
set logscale xy
set xlabel "bytes in the slice of a sliced context"
set ylabel "ns per switch"
set key top left
set grid
set xrange [64:100000]
plot "$out/slices.dat" using 1:2 with linespoints lw 2 title "ucontext-compat, sliced contexts", \
     $ordinary with lines lw 2 title "ucontext-compat, swapcontext", \
     $g with lines lw 2 title "glibc swapcontext", \
     $b with lines lw 2 dt 2 title "Boost.Context jump_fcontext"
EOF
	echo
	echo "raw numbers: $csv; plot: $out/bench.svg"
else
	echo
	echo "raw numbers: $csv; no plot: gnuplot is not installed (apt-get install gnuplot-nox)"
	missing="$missing gnuplot"
fi
if [ -n "$failed" ]; then
	echo "make bench: FAILED:$failed (see nan above)" >&2
	exit 1
fi
if [ -n "$missing" ] && [ -n "${DEMO_STRICT:-}" ]; then
	echo "make bench: not measured:$missing, though the demo installs them" >&2
	exit 1
fi
