#!/bin/sh
# make check-mutants: do the tests catch the bugs a port is likely to
# have?  Each mutant is one deliberate bug, applied to a scratch copy of
# the source; the libraries are rebuilt, the unit suites run against them
# (each with a time and an output limit, build-aux/limit) in order, the
# first to fail kills the mutant.  A table follows, mutant -> killer or
# SURVIVED, and the run fails on any survivor.
#
# The mutants come from the port's own tables, so a new ABI gets them
# without writing any:
#   - lib/arch/<abi>/offsets.def: for every register the context keeps
#     (a UC_OFF of uc_mcontext) and every FP control register (UC_FPOFF),
#     one mutant deleting the instructions that save it and one deleting
#     those that restore it; entry alignment off by one stack slot
#     (UC_ARGS_OFFSET); arguments truncated to 32 bits (UC_REG_SIZE and
#     UC_SLOT_SIZE);
#   - lib/arch/<abi>/mutants: what the tables cannot say (the return
#     value on resume, the posix mask calls, the slice copy, ...);
#   - below: bugs in the portable C (a stack argument short, a wrong
#     errno, the guard page above the stack, ...).
# An instruction saves a named slot when its mnemonic starts with "st" or
# "fnst" (stp, str on aarch64), is a RISC-V store (sd, sw, fsd), or it is
# an AT&T mov with the slot last;
# it restores when its mnemonic starts with "ld", "l" or "fld", or it is
# an AT&T mov with the slot first.  A mutant that leaves the libraries' code unchanged in
# this build (the line is under an #ifdef not built) is listed apart.
#
# Environment: TOP_SRCDIR, BUILDDIR (a configured build of this ABI, whose
# configure arguments the scratch build reuses), ABI; MUTANTS=glob to run
# only some (by name; several globs separated by "|").  Exit 0 only with every mutant killed.
set -u
: "${TOP_SRCDIR:?}" "${BUILDDIR:?}" "${ABI:?}"
work=$BUILDDIR/mutants
src=$work/src
bld=$work/build
arch=lib/arch/$ABI
limit="$TOP_SRCDIR/build-aux/limit"
export UCC_TEST_TIME_LIMIT=${UCC_TEST_TIME_LIMIT:-120}
jobs=$(nproc 2>/dev/null || echo 2)

[ -f "$TOP_SRCDIR/$arch/offsets.def" ] || {
	echo "check-mutants: no port for ABI $ABI ($arch/offsets.def)"; exit 2; }

# ---- a scratch copy, configured as BUILDDIR is -------------------------
echo "check-mutants: scratch copy of the source in $src" >&2
rm -rf "$work"
mkdir -p "$src" "$bld"
(cd "$TOP_SRCDIR" && tar -cf - configure configure.ac Makefile.am Makefile.in \
	aclocal.m4 build-aux m4 lib include tests compat-tests examples bench \
	man doc ./*.pc.in README.md ChangeLog) | (cd "$src" && tar -xf -) || exit 2
config=$("$BUILDDIR/config.status" --config)
echo "check-mutants: configure $config" >&2
(cd "$bld" && eval "\"$src/configure\" -q $config" && make -s -j"$jobs" &&
	make -s -j"$jobs" check TESTS=) > "$work/build.log" 2>&1 || {
	tail -n 30 "$work/build.log"; echo "check-mutants: the scratch build failed"; exit 2; }

# The unit suites, fastest and most pointed first.
suites=
for s in test_registers test_getcontext test_swapcontext test_setcontext \
	 test_makecontext test_fpu test_sigmask test_posix test_maskfail test_sigswitch \
	 test_slice test_slice_narrow test_base test_guard test_threads test_unwind test_stress \
	 test_stress_posix; do
	[ -x "$bld/tests/$s" ] && suites="$suites $s"
done

# a cross build's runner (qemu-user), as its make check uses it, and its
# binutils, which read its objects
run=$(sed -n 's/^UCC_RUN = //p' "$BUILDDIR/Makefile")
host=$(sed -n 's/^host_alias = //p' "$BUILDDIR/Makefile")
objcopy=objcopy objdump=objdump
if [ -n "$host" ] && command -v "$host-objcopy" >/dev/null 2>&1; then
	objcopy=$host-objcopy objdump=$host-objdump
fi

# run_suites: the first suite that fails, or nothing.  A suite killed by
# its time limit is named with "(time limit)" after it.  Each suite's
# limit is its cap_<suite> (see below) or UCC_TEST_TIME_LIMIT.
run_suites() {
	for s in $suites; do
		cap=$(eval echo "\${cap_$s:-$UCC_TEST_TIME_LIMIT}")
		# shellcheck disable=SC2086
		(cd "$bld" && UCC_TEST_TIME_LIMIT=$cap "$limit" $run "tests/$s" > "$work/suite.log" 2>&1)
		rc=$?
		if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
			echo "$s (over its $cap s limit)"
			return
		elif [ $rc -ne 0 ]; then
			echo "$s"
			return
		fi
	done
}

libs="lib/libucontext_compat.la lib/libucontext_compat_posix.la"
# test_slice_narrow (x86_64) is linked statically: relinked with them
case " $suites " in
*" test_slice_narrow "*) libs="$libs tests/test_slice_narrow" ;;
esac
# text: the code of both libraries, to tell a mutant that changed nothing
text() {
	for l in libucontext_compat libucontext_compat_posix; do
		if [ -f "$bld/lib/.libs/$l.so" ]; then
			$objcopy -O binary -j .text "$bld/lib/.libs/$l.so" "$work/text.bin" &&
				cat "$work/text.bin"
		else
			$objdump -d "$bld/lib/.libs/$l.a" | grep -v 'file format'
		fi
	done | cksum
}
pristine_text=$(text)
# The unmutated build against each suite, timed: a mutant's run of a
# suite is limited to 3 times that, plus 10 s (a mutant that hangs a
# suite, the commonest way to die under qemu, would otherwise cost the
# whole UCC_TEST_TIME_LIMIT).  Its table line says when a limit killed it.
echo "check-mutants: the unmutated build against the suites:$suites" >&2
for s in $suites; do
	t0=$(date +%s)
	# shellcheck disable=SC2086
	if ! (cd "$bld" && "$limit" $run "tests/$s" > "$work/suite.log" 2>&1); then
		tail -n 20 "$work/suite.log"
		echo "check-mutants: $s fails without any mutant; nothing to measure"
		exit 2
	fi
	cap=$((($(date +%s) - t0 + 1) * 3 + 10))
	[ "$cap" -lt "$UCC_TEST_TIME_LIMIT" ] || cap=$UCC_TEST_TIME_LIMIT
	eval "cap_$s=$cap"
	printf '%s: %s s; ' "$s" "$cap" >> "$work/caps"
done
echo "check-mutants: time limits per suite: $(cat "$work/caps")" >&2

# ---- the mutants: name<TAB>file<TAB>sed script ----------------------------
list=$work/list
: > "$list"
add() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >> "$list"; }

# The port's folders: its own, and any it shares (lib/arch/README: a
# folder whose files include "../<abi>/...", as armel's include armhf's).
port_dirs=$arch
for d in $(cd "$src" && cat "$arch"/*.S "$arch"/*.h "$arch"/offsets.def 2>/dev/null |
	sed -n 's|^#include "\.\./\([A-Za-z0-9_]*\)/.*|\1|p' | sort -u); do
	port_dirs="$port_dirs lib/arch/$d"
done
# the port's offsets.def, with the shared folder's it includes
defs=$(cd "$src" && for d in $port_dirs; do cat "$d/offsets.def" 2>/dev/null; done)
defs_file=$(cd "$src" && for d in $port_dirs; do
	grep -q '^UC_ABI(UC_ARGS_OFFSET' "$d/offsets.def" 2>/dev/null && echo "$d/offsets.def" && break
done)

# Files of the port that hold instructions.
asm_files=$(cd "$src" && for d in $port_dirs; do ls "$d"/*.S "$d"/*.h 2>/dev/null; done)

# save_or_restore NAME save|restore: a sed script deleting, in one file,
# the instructions that store to (save) or load from (restore) NAME.
# Printed as file<TAB>script lines for the files that have any.
save_or_restore() {
	for f in $asm_files; do
		awk -v name="$1" -v want="$2" '
		function is_mem(op) { return op ~ ("(^|[^A-Za-z0-9_])" name "[^A-Za-z0-9_]") }
		{
			line = $0
			# (not "#": an immediate on aarch64, a directive at the
			# start of a line, which the next test skips)
			sub(/\/\*.*/, "", line); sub(/^[0-9]+:/, "", line)
			if (line !~ /^[ \t]+[a-z]/) next
			m = line; sub(/^[ \t]+/, "", m)
			mn = m; sub(/[ \t].*/, "", mn)
			ops = m; sub(/^[^ \t]+[ \t]*/, "", ops)
			n = split(ops, op, /,[ \t]*/)
			if (!is_mem(ops)) next
			kind = ""
			if (mn ~ /^(fnst|fst|st)/ || mn ~ /^f?s[bhwdq]$/) kind = "save"
			else if (mn ~ /^(fld|ld|l)/) kind = "restore"
			else if (n == 2 && ops ~ /%/ && mn ~ /^mov/) {
				if (is_mem(op[2]) && !is_mem(op[1])) kind = "save"
				else if (is_mem(op[1]) && !is_mem(op[2])) kind = "restore"
			}
			# a labelled line keeps its label, which a branch may need
			if (kind == want) s = s ($0 ~ /^[0-9]+:/ ? NR "s/^\\([0-9]*:\\).*/\\1/;" : NR "d;")
		}
		END { if (s != "") print substr(s, 1, length(s) - 1) }' "$src/$f" | while read -r script; do
			[ -n "$script" ] && printf '%s\t%s\n' "$f" "$script"
		done
	done
}

# every register the context keeps, and every FP control register
# (not x86's fpregs, a pointer; ppc64's fp_regs are registers)
regs=$(echo "$defs" | sed -n 's/^UC_OFF(\([A-Z0-9_]*\), *[0-9]*, *uc_mcontext\.\([^f]\|fp_regs\).*/\1/p')
fps=$(echo "$defs" | sed -n 's/^UC_FPOFF(\([A-Z0-9_]*\),.*/\1/p')
for r in $regs $fps; do
	for what in save restore; do
		found=$(save_or_restore "$r" "$what")
		if [ -z "$found" ]; then
			add "$r not ${what}d" "-" "-"	# reported: nothing to mutate
			continue
		fi
		# one mutant, in as many files as hold such instructions
		echo "$found" | while IFS="$(printf '\t')" read -r f script; do
			add "$r not ${what}d" "$f" "$script"
		done
	done
done

# makecontext's facts
slot=$(echo "$defs" | sed -n 's/^UC_ABI(UC_SLOT_SIZE, *\([0-9]*\)).*/\1/p')
add "entry alignment off by one slot" "$defs_file" \
	"s/^UC_ABI(UC_ARGS_OFFSET, *\\([0-9]*\\))/UC_ABI(UC_ARGS_OFFSET, \\1 + $slot)/"
add "arguments truncated to 32 bits" "lib/makecontext.c" \
	"s/ucc_arg v = va_arg(ap, ucc_arg);/ucc_arg v = (uint32_t)va_arg(ap, ucc_arg);/"
add "one stack argument short" "lib/makecontext.c" \
	"s/for (int i = 0; i < argc; i++) {/for (int i = 0; i < argc - (argc > (int)UC_NARGREGS); i++) {/"
add "uc_link not kept" "lib/makecontext.c" "/set_reg(ucp, UC_LINK_REG,/d"
add "frame pointer not zeroed" "lib/makecontext.c" "/set_reg(ucp, UC_FP, 0);/d"

# the port's own; a line whose file is "-" exempts a mutant the tables
# give, for the reason its third field states (i386: ecx carries the
# jump to the saved eip, so it is never restored)
# (a shared folder's mutants file too, its files under that folder)
for d in $port_dirs; do
	[ -f "$src/$d/mutants" ] || continue
	grep -v '^#' "$src/$d/mutants" | grep . | while IFS="$(printf '\t')" read -r n f script; do
		if [ "$f" = - ]; then
			printf '%s\t%s\n' "$n" "$script" >> "$work/exempt"
		else
			add "$n" "$d/$f" "$script"
		fi
	done
done

# the posix library's mask call, on a port that leaves it to C
# (UCC_PORT_MASK_C): skipped for getcontext, setcontext, swapcontext
if (cd "$src" && for d in $port_dirs; do cat "$d/port.h" 2>/dev/null; done) |
	grep -q '^#define UCC_PORT_MASK_C'; then
	for m in "saved:to == NULL" "restored:from == NULL" \
		 "swapped:from != NULL \&\& to != NULL"; do
		add "posix mask not ${m%%:*}" "lib/signal.c" \
			"s/^\tif (syscall(SYS_rt_sigprocmask,/\tif (${m#*:}) return 0;\n&/"
	done
	add "posix mask failure ignored" "lib/signal.c" \
		"s/^\t\treturn __ucc_syscall_error(-errno);/\t\treturn 0;/"
fi

# the portable C
add "wrong errno for NULL" "lib/error.c" "0,/errno = EFAULT;/s//errno = EINVAL;/"
add "guard page above the stack" "lib/stack.c" \
	"s/mprotect(map + page, usable,/mprotect(map, usable,/; s/ss->ss_sp = map + page;/ss->ss_sp = map;/; s/munmap((char \\*)ss->ss_sp - page,/munmap((char *)ss->ss_sp,/"
add "signal mask never set in handlers" "lib/signal.c" \
	"s|^\t/\* the common case: between two contexts outside handlers \*/$|\tif (from \|\| to) return 0;|"
add "portable slice saved one word short" "lib/slice.c" \
	"s/memcpy(from->buf, sp_, len);/memcpy(from->buf, sp_, len - sizeof(void *));/"
add "portable slice restored one word short" "lib/slice.c" \
	"s/memcpy(pending.sp, pending.buf, pending.len);/memcpy(pending.sp, pending.buf, pending.len - sizeof(void *));/"
add "portable in-place slice copied back" "lib/slice.c" \
	"s/pending.len = to->inplace ? 0 : to->len;/pending.len = to->len;/"
add "shared stack: a slice left in place not copied out" "lib/slice.c" \
	"s/^\tmemcpy(r->buf + HEAD, (const void \*)r->sp, r->len - HEAD);/\t(void)0;/"
add "a running sliced context resumable" "lib/slice.c" \
	"s/return s->state == UCC_SLICE_READY || s->state == UCC_SLICE_SUSPENDED;/return s->state != UCC_SLICE_EMPTY;/"
add "nested bases: an outer context resumed from inside" "lib/slice.c" \
	"s/^\t\tif (tb != NULL \&\& !elsewhere \&\& tb->sp > b->sp)$/\t\tif (0)/"
add "handler's entry not counted" "lib/signal.c" \
	"s/^\t__atomic_add_fetch(&__ucc_sig_active, 1, __ATOMIC_RELAXED);/\t(void)0;/"

# ---- run them -------------------------------------------------------------
# wanted NAME: NAME matches one of MUTANTS's globs (all, without MUTANTS)
wanted() {
	[ -n "${MUTANTS:-}" ] || return 0
	(IFS='|'
	 for g in $MUTANTS; do
		# shellcheck disable=SC2254
		case $1 in $g) exit 0 ;; esac
	 done
	 exit 1)
}

table=$work/table
: > "$table"
killed=0 survived=0 noeffect=0 broken=0
names=$(cut -f1 "$list" | awk '!seen[$0]++')
total=$(echo "$names" | grep -c .)
i=0
echo "$names" | while IFS= read -r name; do
	[ -n "$name" ] || continue
	wanted "$name" || continue
	i=$((i + 1))
	echo "check-mutants: [$i/$total] $name" >&2
	m0=$(date +%s)
	files=$(awk -F'\t' -v n="$name" '$1 == n { print $2 }' "$list" | sort -u)
	# an exemption stands even where there is code: a folder's own
	# mutants file exempts, for its ABI, a mutant of a folder it shares
	why=$(awk -F'\t' -v n="$name" '$1 == n { print $2; exit }' "$work/exempt" 2>/dev/null)
	if [ -n "$why" ]; then
		printf '%s\t%s\n' "$name" "exempt: $why" >> "$table"
		continue
	fi
	if [ "$files" = "-" ]; then
		if [ -n "$why" ]; then
			printf '%s\t%s\n' "$name" "exempt: $why" >> "$table"
		else
			printf '%s\t%s\n' "$name" "NO CODE: nothing in $arch saves or restores it" >> "$table"
		fi
		continue
	fi
	ok=1
	for f in $files; do
		cp "$src/$f" "$src/$f.pristine"
		awk -F'\t' -v n="$name" -v f="$f" '$1 == n && $2 == f { print $3 }' "$list" |
		while IFS= read -r script; do
			sed -i "$script" "$src/$f"
		done
		cmp -s "$src/$f" "$src/$f.pristine" && ok=0
	done
	if [ $ok -eq 0 ]; then
		result="NOT APPLIED: the pattern matched nothing"
	elif ! (cd "$bld" && make -s -j"$jobs" $libs) > "$work/mutant.log" 2>&1; then
		result="NOT BUILT: see the log of a rerun with MUTANTS='$name'"
	elif [ "$(text)" = "$pristine_text" ]; then
		result="no effect: the mutated code is not in this build"
	else
		k=$(run_suites)
		result=${k:+killed by $k}
		result=${result:-SURVIVED}
	fi
	printf '%s\t%s\t%s\n' "$name" "$result" "$(($(date +%s) - m0))" >> "$table"
	for f in $files; do
		mv "$src/$f.pristine" "$src/$f"
		touch "$src/$f"
	done
done
(cd "$bld" && make -s -j"$jobs" $libs) > /dev/null 2>&1

echo
echo "make check-mutants ($ABI): each mutant, and the first suite that caught it"
awk -F'\t' '{ printf "  %-40s %s\n", $1, $2 }' "$table"
sort -t"$(printf '\t')" -k3,3nr "$table" | awk -F'\t' '
	$3 != "" { s += $3; if (n++ < 3) slow = slow sprintf("%s%s %d s", n > 1 ? ", " : "", $1, $3) }
	END { if (n) printf "  (%d s for the mutants; the slowest: %s)\n", s, slow }'
killed=$(grep -c '	killed by ' "$table")
survived=$(grep -c '	SURVIVED' "$table")
noeffect=$(grep -c '	no effect' "$table")
broken=$(grep -c -E '	(NOT APPLIED|NOT BUILT|NO CODE)' "$table")
exempt=$(grep -c '	exempt: ' "$table")
[ "$noeffect" -gt 0 ] && echo "  ($noeffect with no effect in this build: not counted)"
[ "$exempt" -gt 0 ] && echo "  ($exempt exempted by the port's mutants file, each with its reason: not counted)"
[ "$broken" -gt 0 ] && echo "  FAIL: $broken mutants could not be made; the tables or the patterns are wrong"
echo "$killed killed, $survived survived"
[ "$survived" -eq 0 ] && [ "$broken" -eq 0 ] && [ "$killed" -gt 0 ]
