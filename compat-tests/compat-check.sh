#!/bin/sh
# make compat-check: every scenario run against the C library's own
# functions and against ours, transcripts compared key by key.
#
# Each scenario (compat-tests/s_*.c, and the ABI's own in
# tests/arch/<abi>/s_*.c) is built from one source as
#   plain  linked with nothing but libc      -> the reference, on glibc
#   ours   linked with -lucontext_compat
#   posix  linked with -lucontext_compat_posix
#   musl   built with musl-gcc --static and our archive (if MUSL_CC is set)
# and run as: linked, preload (LD_PRELOAD into plain), posix-linked,
# posix-preload, musl.  A cell is "same", "doc" (every differing line is a
# documented difference, see compat-tests/differences and the ABI's
# tests/arch/<abi>/differences), or FAIL.  Then the man pages'
# DIFFERENCES FROM GLIBC items must be exactly the ones the run observed:
# an item whose title ends in a list of ABIs, "(x86_64, i386)", is
# expected on those only.  With UCC_RUN (a cross build: qemu-user) every
# program runs through it.  The last line is "compat: N passed, N failed".
# With COMPAT_BUILD_ONLY=1 it builds every scenario and runs none.
set -u
: "${SRCDIR:?}" "${TOP_SRCDIR:?}" "${WORKDIR:?}" "${LIBDIR:?}" "${ABI:?}"
cc=${CC:-cc}
seeds=${SEEDS:-1-100}
archdir=$TOP_SRCDIR/tests/arch/$ABI
own=$(cd "$archdir" && ls s_*.c 2>/dev/null | sed 's/^s_//; s/\.c$//' | tr '\n' ' ')
scenarios=${SCENARIOS:-returns_twice args link locals recursion roundrobin threads setframe align fenv sigmask preempt badinput random $own}
[ -z "${SCENARIOS:-}" ] && [ "${HAVE_PCL:-no}" = yes ] && scenarios="$scenarios pcl"

mkdir -p "$WORKDIR"
cd "$WORKDIR" || exit 2
rm -rf out && mkdir -p out obj-glibc obj-musl plain ours posix musl
# the differences accepted: the portable ones, then the ABI's
rules=$WORKDIR/out/differences
cat "$SRCDIR/differences" "$archdir/differences" > "$rules" 2>/dev/null ||
	cat "$SRCDIR/differences" > "$rules"

inc="-I$SRCDIR -I$TOP_SRCDIR/tests -I$TOP_SRCDIR/tests/arch/$ABI -I$TOP_SRCDIR/lib -I$TOP_SRCDIR/lib/arch/$ABI"
# the build's own warnings (configure --enable-werror adds -Werror)
cflags="-O2 -g ${COMPAT_WARN_CFLAGS:--Wall -Wextra}"
common="$SRCDIR/scenario.c $TOP_SRCDIR/tests/sigcount.c $TOP_SRCDIR/tests/arch/$ABI/cprobe.S"

# compile TOOLCHAIN-DIR CC EXTRA-FLAGS: objects for the common files and
# every scenario
compile() {
	dir=$1 c=$2 extra=$3
	for f in $common; do
		# shellcheck disable=SC2086
		$c $cflags $extra $inc -c -o "$dir/$(basename "$f").o" "$f" || return 1
	done
	for s in $scenarios; do
		[ "$dir" = obj-musl ] && [ "$s" = pcl ] && continue
		# shellcheck disable=SC2086
		src=$SRCDIR/s_$s.c
		[ -f "$src" ] || src=$archdir/s_$s.c
		$c $cflags $extra $inc -I"$WORKDIR" -c -o "$dir/s_$s.o" "$src" || return 1
	done
}

echo "compat-check: building the scenarios" >&2
"$TOP_SRCDIR/tests/gen-argfuncs.sh" 64 makecontext uint64_t a64 > args64.h
"$TOP_SRCDIR/tests/gen-argfuncs.sh" 64 makecontext uint32_t a32 > args32.h
compile obj-glibc "$cc" "" || { echo "compat: 0 passed, 1 failed (build)"; exit 1; }
for s in $scenarios; do
	libs="-lpthread -lm ${DL_LIBS:-}"
	[ "$s" = pcl ] && libs="-lpcl $libs"
	objs="obj-glibc/s_$s.o obj-glibc/scenario.c.o obj-glibc/sigcount.c.o obj-glibc/cprobe.S.o"
	# shellcheck disable=SC2086
	$cc -o "plain/$s" $objs $libs &&
	$cc -o "ours/$s" $objs -L"$LIBDIR" -Wl,-rpath,"$LIBDIR" -lucontext_compat $libs &&
	$cc -o "posix/$s" $objs -L"$LIBDIR" -Wl,-rpath,"$LIBDIR" -lucontext_compat_posix $libs ||
		{ echo "compat: 0 passed, 1 failed (link $s)"; exit 1; }
done
if [ -n "${COMPAT_BUILD_ONLY:-}" ]; then
	echo "compat: every scenario built ($(echo $scenarios | wc -w)), none run"
	exit 0
fi
variants="linked preload posix-linked posix-preload"
if [ -n "${MUSL_CC:-}" ]; then
	if compile obj-musl "$MUSL_CC" "${MUSL_CPPFLAGS:-}"; then
		for s in $scenarios; do
			[ "$s" = pcl ] && continue
			# shellcheck disable=SC2086
			$MUSL_CC -o "musl/$s" obj-musl/s_$s.o obj-musl/scenario.c.o \
				obj-musl/sigcount.c.o obj-musl/cprobe.S.o \
				"$MUSL_LIBDIR/libucontext_compat.a" -lpthread -lm || exit 1
		done
		variants="$variants musl"
	else
		echo "compat: 0 passed, 1 failed (musl build)"
		exit 1
	fi
fi

# run VARIANT SCENARIO: the transcript, then its exit status
run() {
	v=$1 s=$2 args=
	[ "$s" = random ] && args=$seeds
	case $v in
	ref)           cmd="plain/$s" pre= ;;
	linked)        cmd="ours/$s" pre= ;;
	preload)       cmd="plain/$s" pre=$LIBDIR/libucontext_compat.so ;;
	posix-linked)  cmd="posix/$s" pre= ;;
	posix-preload) cmd="plain/$s" pre=$LIBDIR/libucontext_compat_posix.so ;;
	musl)          cmd="musl/$s" pre= ;;
	esac
	if [ ! -x "$cmd" ]; then
		echo "status not built"
		return
	fi
	# At most 60 s (120 s under qemu), and 16 MiB of transcript (ulimit -f,
	# 512-byte blocks).
	if [ -n "${UCC_RUN:-}" ]; then
		# qemu-user: LD_PRELOAD for the emulated program, not for qemu
		# (QEMU_SET_ENV only when there is one: empty, qemu prints its
		# usage); qemu's own report of a fatal signal ("qemu: uncaught
		# target signal 11") is not the program's output.
		{
			(
				ulimit -S -f 32768
				if [ -n "$pre" ]; then
					QEMU_SET_ENV=LD_PRELOAD=$pre
					export QEMU_SET_ENV
				fi
				# shellcheck disable=SC2086
				exec timeout 120 $UCC_RUN "./$cmd" $args
			) 2>&1
			echo "status $?"
		} | grep -v '^qemu: '
		return
	fi
	# LD_PRELOAD for the program only, not for timeout: an i386 library
	# preloaded into the x86_64 timeout makes ld.so complain.
	# shellcheck disable=SC2086
	(ulimit -S -f 32768; exec timeout 60 ${pre:+env LD_PRELOAD=$pre} "./$cmd" $args) 2>&1
	echo "status $?"
}

# compare REF OUT MODE: prints "DOC page<TAB>title" per documented
# difference and "BAD key<TAB>reference<TAB>this" per other one
compare() {
	awk -v mode="$3" -v rules="$rules" '
	BEGIN {
		while ((getline line < rules) > 0) {
			if (line ~ /^#/ || line !~ /[^ \t]/) continue
			n = split(line, f, /[ \t]+/)
			r++
			glob = f[1]; gsub(/\./, "\\.", glob); gsub(/\*/, ".*", glob)
			re[r] = "^" glob "$"; rmode[r] = f[2]; page[r] = f[3]
			t = f[4]; for (i = 5; i <= n; i++) t = t " " f[i]
			want[r] = ""
			if (index(t, " = ")) {
				want[r] = substr(t, index(t, " = ") + 3)
				t = substr(t, 1, index(t, " = ") - 1)
				gsub(/[.+?()|^$[\]]/, "\\&", want[r]); gsub(/\*/, ".*", want[r])
				want[r] = "^" want[r] "$"
			}
			title[r] = t
		}
	}
	function add(which, line,   key, k) {
		key = line; sub(/ .*/, "", key)
		k = key "#" (++seen[which, key])
		val[which, k] = substr(line, length(key) + 2)
		has[which, k] = 1; keys[k] = key
	}
	FNR == NR { add(1, $0); next }
	{ add(2, $0) }
	END {
		for (k in keys) {
			a = has[1, k] ? val[1, k] : "(absent)"
			b = has[2, k] ? val[2, k] : "(absent)"
			if (a == b) continue
			doc = 0
			for (i = 1; i <= r; i++)
				if (keys[k] ~ re[i]) {
					if (rmode[i] == "all" || rmode[i] == mode) doc = i
					break
				}
			if (doc && want[doc] != "" && b !~ want[doc])
				print "BAD " k "\t" a "\t" b "\t(documented: must be " substr(want[doc], 2, length(want[doc]) - 2) ")"
			else if (doc) print "DOC " page[doc] "\t" title[doc]
			else print "BAD " k "\t" a "\t" b
		}
	}' "$1" "$2" | sort -u
}

echo "compat-check: running $(echo $scenarios | wc -w) scenarios x $(echo ref $variants | wc -w) variants (random: seeds $seeds)" >&2
pass=0 fail=0
: > out/observed
printf '%-14s' "scenario" > out/table
for v in $variants; do printf ' %-14s' "$v" >> out/table; done
echo >> out/table
for s in $scenarios; do
	run ref "$s" > "out/$s.ref"
	printf '%-14s' "$s" >> out/table
	for v in $variants; do
		if [ "$v" = musl ] && [ "$s" = pcl ]; then
			printf ' %-14s' "-" >> out/table
			continue
		fi
		run "$v" "$s" > "out/$s.$v"
		mode=default
		case $v in posix-*) mode=posix ;; esac
		compare "out/$s.ref" "out/$s.$v" "$mode" > "out/$s.$v.cmp"
		if grep -q '^BAD ' "out/$s.$v.cmp"; then
			cell=FAIL fail=$((fail + 1))
		elif grep -q '^DOC ' "out/$s.$v.cmp"; then
			cell=doc pass=$((pass + 1))
			sed -n 's/^DOC //p' "out/$s.$v.cmp" >> out/observed
		else
			cell=same pass=$((pass + 1))
		fi
		printf ' %-14s' "$cell" >> out/table
	done
	echo >> out/table
done

echo
echo "compat-check ($ABI; reference: the C library's own functions, plain binary)"
cat out/table
echo "  same: identical transcripts.  doc: differs only as documented:"
sort -u out/observed | awk -F'\t' '{ printf "    %s(%s): %s\n", substr($1, 1, length($1) - 2), substr($1, length($1)), $2 }'

for s in $scenarios; do
	for v in $variants; do
		[ -f "out/$s.$v.cmp" ] || continue
		if grep -q '^BAD ' "out/$s.$v.cmp"; then
			echo "FAIL $s / $v: (key, reference, this)"
			sed -n 's/^BAD /    /p' "out/$s.$v.cmp" | head -n 10
		fi
	done
done

# The man pages: their DIFFERENCES FROM GLIBC items, exactly the
# differences observed (only a run of every scenario can tell).
if [ -n "${SCENARIOS:-}" ]; then
	echo "compat: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit
fi
sort -u out/observed > out/observed.sorted
for page in "$TOP_SRCDIR"/man/ucc_*.3; do
	name=$(basename "$page")
	awk -v abi="$ABI" '/^\.Sh / { on = ($0 ~ /DIFFERENCES FROM GLIBC/) }
	     on && /^\.It Sy / {
		sub(/^\.It Sy /, "")
		# "title (x86_64, i386)": an item of those ABIs only
		if (match($0, / \([a-z0-9_, ]+\)$/)) {
			abis = substr($0, RSTART + 2, RLENGTH - 3)
			if (index(", " abis ",", ", " abi ",") == 0) next
		}
		print
	     }' "$page" |
	while IFS= read -r t; do printf '%s\t%s\n' "$name" "$t"; done
done | sort -u > out/documented
comm -23 out/observed.sorted out/documented | while IFS= read -r d; do
	echo "FAIL man: observed, but not an item of its page's DIFFERENCES FROM GLIBC: $d"
done > out/man-missing
comm -13 out/observed.sorted out/documented | while IFS= read -r d; do
	echo "FAIL man: documented, but no scenario shows it: $d"
done > out/man-extra
cat out/man-missing out/man-extra
if [ -s out/man-missing ] || [ -s out/man-extra ]; then
	fail=$((fail + 1))
else
	echo "man pages: their DIFFERENCES FROM GLIBC items are exactly the $(wc -l < out/documented) observed"
	pass=$((pass + 1))
fi
echo "compat: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
