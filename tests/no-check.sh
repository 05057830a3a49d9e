#!/bin/sh
# Stands in for the unit tests when configure found no Check: a failure,
# never a pass, so a missing dependency cannot look like a green run.
echo "FAIL: the Check unit-test framework was not found by configure;" >&2
echo "      install it (Debian: apt-get install check) and rerun configure." >&2
exit 1
