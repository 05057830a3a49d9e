#!/bin/sh
# Under qemu-user, which has no seccomp filters for tests/sigcount.c, the
# signal-mask system calls counted by qemu's own -strace instead: 1000
# swapcontext round trips (2000 calls) in bench/ctxbench, built against
# <ucontext.h> alone, run on this ABI's glibc, then with the default
# library preloaded and with the posix one.  glibc makes at least one
# rt_sigprocmask a call, the default library none, the posix one one.
: "${BUILDDIR:?}" "${UCC_RUN:?}" "${UCC_LIBDIR:?}"
bin=$BUILDDIR/bench/ctxbench
[ -x "$bin" ] || { echo "FAIL: $bin was not built"; exit 1; }
fail=0
# count PRELOAD: rt_sigprocmask calls in 1000 round trips
count() {
	# shellcheck disable=SC2086
	( [ -n "$1" ] && { QEMU_SET_ENV=LD_PRELOAD=$1; export QEMU_SET_ENV; }
	  exec $UCC_RUN -strace "$bin" swapn 1000 ) 2>&1 >/dev/null |
		grep -c 'rt_sigprocmask('
}
g=$(count "")
d=$(count "$UCC_LIBDIR/libucontext_compat.so")
p=$(count "$UCC_LIBDIR/libucontext_compat_posix.so")
echo "rt_sigprocmask calls for 2000 swapcontext calls: glibc $g, default library $d, posix library $p"
[ "$g" -ge 2000 ] || { echo "FAIL: glibc's count is below 2000: is -strace counting?"; fail=1; }
[ "$d" -eq 0 ] || { echo "FAIL: the default library made $d"; fail=1; }
[ "$p" -ge 2000 ] && [ "$p" -le 2001 ] || { echo "FAIL: the posix library made $p, not 2000"; fail=1; }
exit $fail
