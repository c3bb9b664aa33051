#!/bin/sh
# demo.sh - `cleanclaim demo` from the command line: a tiny seeded clinic
# without code sets (fast), its summary, determinism for one seed and day,
# refusal of a database that already holds patients, usage errors. The
# outcome checks with code sets loaded are in tests/unit/test_demo.c.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
check() { if [ "$2" = 0 ]; then echo "ok - $1"; else echo "not ok - $1"; fi; }
run() { # db, extra options
  db=$1; shift
  "$CLEANCLAIM" demo --db "$db" --no-codes --data "$ROOT/data/demo" \
    --seed 5 --days 8 --patients 40 --visits-per-day 5 --history-days 30 \
    --today 2026-06-30 "$@"
}

run "$T/a.db" > "$T/a.out" 2> "$T/a.err"; rc=$?
check "demo exits 0" $rc
grep -q "^Demonstration clinic: .* (seed 5), 2026-06-23 to 2026-06-30" "$T/a.out"
check "summary names the seed and the 8 days ending on --today" $?
grep -q "40 patients" "$T/a.out"; check "40 patients as asked" $?
grep -q "^Ledger check: clean" "$T/a.out"; check "ledger check clean" $?
grep -q "over 120" "$T/a.out"; check "A/R by bucket printed" $?
grep -q "web UI is not built yet" "$T/a.out"; check "says the UI is not built yet" $?
[ ! -s "$T/a.err" ]; check "no progress line when stderr is not a terminal" $?
ls "$T/a.db.files"/837P-*.x12 > /dev/null 2>&1; check "837s kept next to the database" $?

run "$T/b.db" --no-serve > "$T/b.out" 2>&1
sed 's/[ab]\.db/X.db/g' "$T/a.out" > "$T/a.norm"
sed 's/[ab]\.db/X.db/g' "$T/b.out" > "$T/b.norm"
cmp -s "$T/a.norm" "$T/b.norm"; check "same seed and day: same summary" $?

run "$T/a.db" > /dev/null 2> "$T/e"; rc=$?
[ $rc -eq 1 ] && grep -q "not empty" "$T/e"; check "refuses a database with patients (exit 1)" $?

"$CLEANCLAIM" demo --help > /dev/null; check "demo --help exits 0" $?
"$CLEANCLAIM" demo --days 0 --db "$T/c.db" > /dev/null 2>&1; [ $? -eq 2 ]
check "--days 0: usage error" $?
"$CLEANCLAIM" demo --today 2026-13-01 --db "$T/c.db" > /dev/null 2>&1; [ $? -eq 2 ]
check "bad --today: usage error" $?
exit 0
