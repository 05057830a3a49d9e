#!/bin/sh
# gdb's backtrace from inside a context started by makecontext walks the
# context's frames and ends cleanly at the start trampoline: no "??"
# frames, no "Backtrace stopped" (corrupt stack) message.
: "${BUILDDIR:?}"
if ! command -v gdb >/dev/null 2>&1; then
	echo "SKIP: gdb is not installed (Debian: apt-get install gdb);" \
	     "the backtrace was NOT checked" >&2
	exit 77
fi
out=$("$BUILDDIR/libtool" --mode=execute gdb -q -batch -nx \
	-ex 'set debuginfod enabled off' -ex 'break fibonacci' -ex run -ex bt \
	--args "$BUILDDIR/examples/generator" 3 2>&1)
bt=$(printf '%s\n' "$out" | grep '^#')
printf '%s\n' "$bt"
fail=0
printf '%s\n' "$bt" | head -n 1 | grep -q 'fibonacci' ||
	{ echo "FAIL: the backtrace does not start in fibonacci"; fail=1; }
printf '%s\n' "$bt" | tail -n 1 | grep -q '__ucc_start_frame' ||
	{ echo "FAIL: the backtrace does not end at the start trampoline"; fail=1; }
printf '%s\n' "$bt" | grep -q '??' &&
	{ echo "FAIL: a frame gdb cannot name"; fail=1; }
printf '%s\n' "$out" | grep -qi 'backtrace stopped' &&
	{ echo "FAIL: gdb stopped on a corrupt frame"; fail=1; }
[ "$(printf '%s\n' "$bt" | wc -l)" -eq 2 ] ||
	{ echo "FAIL: expected two frames: fibonacci, the trampoline"; fail=1; }
exit $fail
