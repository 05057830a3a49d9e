#!/bin/sh
# make bench: the measurements behind the README's claims.  Results go to
# stdout, progress to stderr.
#   - stack slicing: ns per switch between sliced contexts for slices of
#     64 B to 64 KiB, against an ordinary switch of ours, in one run;
#   - 1,000,000 idle sliced tasklets: resident memory.
set -u
: "${BUILDDIR:?}"
pin=
if command -v taskset >/dev/null 2>&1 && [ "$(nproc)" -gt 1 ]; then
	pin="taskset -c 1"
fi
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
echo "machine: ${cpu:-unknown CPU}, $(nproc) CPUs"
echo
echo "stack slicing (bench/slice, median of ${RUNS:-5} runs)" >&2
$pin "$BUILDDIR/bench/slice" "${RUNS:-5}" || exit 1
echo
echo "1,000,000 idle sliced tasklets, slices under 512 bytes (examples/tasklets)" >&2
echo "1,000,000 tasklets on one stack, 1 to 8 frames deep, all idle at once:"
"$BUILDDIR/examples/tasklets" 1000000 2 8 | sed 's/^/  /' || exit 1
