#!/bin/sh
# make check's share of compat-tests: the randomized generator over a
# fixed set of seeds, on glibc's functions and ours, transcripts compared.
# (make compat-check runs every scenario; make compat-random, many seeds.)
: "${COMPAT_CHECK:?}"
WORKDIR=${WORKDIR:?}/check-random SCENARIOS=random SEEDS=${CHECK_SEEDS:-1-50} \
	exec sh "$COMPAT_CHECK"
