#!/bin/sh
# make check's share of the fuzz harness: a fixed-seed libFuzzer run of
# compat-tests/fuzz_random, glibc's functions against ours on every
# program the fuzzer's inputs describe.  Bounded in inputs and in time;
# "make fuzz FUZZ_TIME=3600" is the long run (README).
: "${BUILDDIR:?}"
bin=$BUILDDIR/compat-tests/fuzz_random
runs=${FUZZ_RUNS:-50000}
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
"$BUILDDIR/libtool" --mode=execute "$bin" -seed=1 -runs="$runs" \
	-max_total_time=120 -max_len=512 "$corpus" > "$corpus.log" 2>&1
rc=$?
tail -n 5 "$corpus.log"
done_line=$(grep -E '^Done [0-9]+ runs' "$corpus.log")
rm -f "$corpus.log"
if [ $rc -ne 0 ] || [ -z "$done_line" ]; then
	echo "FAIL: fuzz_random exited $rc"
	exit 1
fi
n=$(echo "$done_line" | sed 's/^Done \([0-9]*\) runs.*/\1/')
echo "fuzz_random: $n inputs, $((2 * n)) programs (glibc's and ours), transcripts identical"
