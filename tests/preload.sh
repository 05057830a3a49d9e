#!/bin/sh
# LD_PRELOAD into an unmodified glibc program: without it, glibc answers
# and each swapcontext is a system call; with libucontext_compat, ours
# answers with none; with libucontext_compat_posix, ours with glibc's one.
# Also checks that the dynamic linker binds glibc's versioned reference
# (swapcontext@GLIBC_2.2.5) to our unversioned definition.
set -u
probe=${PROBE:-tests/preload_probe}
lib=${UCC_LIBDIR:?}/libucontext_compat.so
posix=${UCC_LIBDIR:?}/libucontext_compat_posix.so
fail=0

expect() {	# name output pattern
	if printf '%s\n' "$2" | grep -q -- "$3"; then
		echo "ok: $1: $3"
	else
		echo "FAIL: $1: expected '$3' in:"; printf '%s\n' "$2" | sed 's/^/    /'
		fail=1
	fi
}

out=$("$probe"); rc=$?
[ $rc -eq 77 ] && { echo "SKIP: seccomp filters are unavailable here"; exit 77; }
[ $rc -eq 0 ] || { echo "FAIL: plain run exited $rc"; fail=1; }
for f in getcontext setcontext swapcontext makecontext; do
	expect "plain $f" "$out" "^$f libc\\.so"
done
expect "plain syscalls" "$out" "round trips: 2000$"

out=$(LD_PRELOAD=$lib "$probe"); rc=$?
[ $rc -eq 0 ] || { echo "FAIL: preloaded run exited $rc"; fail=1; }
for f in getcontext setcontext swapcontext makecontext; do
	expect "preload $f" "$out" "^$f libucontext_compat\\.so"
done
expect "preload syscalls" "$out" "round trips: 0$"

out=$(LD_PRELOAD=$posix "$probe"); rc=$?
[ $rc -eq 0 ] || { echo "FAIL: posix preloaded run exited $rc"; fail=1; }
for f in getcontext setcontext swapcontext makecontext; do
	expect "posix $f" "$out" "^$f libucontext_compat_posix\\.so"
done
expect "posix syscalls" "$out" "round trips: 2000$"

out=$(LD_DEBUG=bindings LD_PRELOAD=$lib "$probe" 2>&1 >/dev/null)
expect "binding" "$out" "libucontext_compat\\.so.*normal symbol .swapcontext. \\[GLIBC_"

exit $fail
