#!/bin/sh
# Every man page is clean under mandoc -Tlint -Wwarning.
: "${MANDIR:?}"
if ! command -v mandoc >/dev/null 2>&1; then
	echo "SKIP: mandoc is not installed (Debian: apt-get install mandoc);" \
	     "the man pages were NOT checked" >&2
	exit 77
fi
set -- "$MANDIR"/*.[0-9]
[ -e "$1" ] || { echo "FAIL: no man pages in $MANDIR"; exit 1; }
out=$(mandoc -Tlint -Wwarning "$@" 2>&1)
rc=$?
[ -z "$out" ] && [ $rc -eq 0 ] && { echo "ok: $# pages lint-clean"; exit 0; }
printf '%s\n' "$out"
exit 1
