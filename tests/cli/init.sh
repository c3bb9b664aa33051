#!/bin/sh
# init.sh - `cleanclaim init` says what it did: created a new file, upgraded
# an older one (from which version to which), or found it current. The
# older file is tests/fixtures/store/schema_v4.sql (schema version 4).
# SAN_OK
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
check() { # label, condition result
  if [ "$2" = 0 ]; then echo "ok - $1"; else echo "not ok - $1"; fi
}
latest=$("$CLEANCLAIM" init --db "$T/new.db" | sed -n 's/.*(schema version \([0-9]*\))$/\1/p')
[ -n "$latest" ] && [ "$latest" -gt 4 ]
check "a new file: created at the latest version ($latest)" $?

sqlite3 "$T/old.db" < "$ROOT/tests/fixtures/store/schema_v4.sql" &&
  sqlite3 "$T/old.db" "PRAGMA user_version=4"
out=$("$CLEANCLAIM" init --db "$T/old.db"); rc=$?
[ $rc = 0 ] && [ "$out" = "$T/old.db upgraded from schema version 4 to $latest" ]
check "a version 4 file: 'upgraded from schema version 4 to $latest' ($out)" $?
v=$(sqlite3 "$T/old.db" "PRAGMA user_version")
[ "$v" = "$latest" ]; check "the file is at version $latest after ($v)" $?
out=$("$CLEANCLAIM" init --db "$T/old.db")
[ "$out" = "$T/old.db is at schema version $latest" ]
check "init again: already current, nothing upgraded ($out)" $?
exit 0
