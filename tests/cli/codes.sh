#!/bin/sh
# tests/cli/codes.sh - `cleanclaim codes`: loading the shared data folder,
# reloading, rejecting a bad file, search and show in text and JSON.
# SAN_OK
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FIX="$ROOT/tests/fixtures/codes"
DATA="${CC_SHARED:-$ROOT/../shared}/data"
T=$(mktemp -d)
DB="$T/cc.db"
trap 'rm -rf "$T"' EXIT
n=0
check() { # description, then a shell condition
  n=$((n + 1)); d=$1; shift
  if eval "$@"; then echo "ok - $d"; else echo "not ok - $d"; fi
}
C() { "$CLEANCLAIM" "$@"; }

C codes --help > "$T/out"; rc=$?
check "codes --help exits 0 and lists the verbs" '[ $rc -eq 0 ] && grep -q "search TEXT" "$T/out"'
C codes load --help > "$T/out"; rc=$?
check "codes load --help exits 0" '[ $rc -eq 0 ] && grep -q "ncci-ptp" "$T/out"'
C codes load nosuchkind x.csv --db "$DB" 2> "$T/err"; rc=$?
check "unknown kind is a usage error (2)" '[ $rc -eq 2 ] && grep -q "unknown kind" "$T/err"'
C codes frobnicate 2> /dev/null; rc=$?
check "unknown verb is a usage error (2)" '[ $rc -eq 2 ]'

C codes load --all "$DATA" --db "$DB" > "$T/out" 2> "$T/err"; rc=$?
check "load --all loads the shared data" '[ $rc -eq 0 ]'
check "order file: 98186 rows, 23467 headers" 'grep -q "icd10cm .*release FY2026 (2025-10-01 to 2026-09-30): 98186 rows (23467 headers)" "$T/out"'
check "HCPCS 8463 rows" 'grep -q "hcpcs .*8463 rows" "$T/out"'
check "MCE v37 14153 rows" 'grep -q "mce .*release v37.*14153 rows" "$T/out"'
C codes load --all "$DATA" --db "$DB" > "$T/out2"; rc=$?
check "reloading the same files changes nothing" '[ $rc -eq 0 ] && [ $(grep -c "unchanged" "$T/out2") -eq $(grep -c rows "$T/out") ]'

C codes load ncci-ptp "$FIX/ncci_ptp_sample.txt" --db "$DB" --json > "$T/out"; rc=$?
check "PTP fixture loads, JSON result" '[ $rc -eq 0 ] && grep -q "\"rows\":5" "$T/out"'
C codes load ncci-ptp "$FIX/ncci_ptp_bad.txt" --db "$DB" > /dev/null 2> "$T/err"; rc=$?
check "bad PTP file rejected with FILE:LINE" '[ $rc -eq 1 ] && grep -q "ncci_ptp_bad.txt:5: bad date" "$T/err"'
C codes list --db "$DB" > "$T/out"
check "rejected file left no release" '! grep -q ncci_ptp_bad "$T/out" && grep -q ncci_ptp_sample "$T/out"'

C codes show E11.9 --db "$DB" > "$T/out"; rc=$?
check "show E11.9: billable, FY2026 dates" '[ $rc -eq 0 ] && grep -q "E11.9  icd10cm  billable" "$T/out" && grep -q "effective 2025-10-01, terminates 2026-09-30" "$T/out"'
C codes show N80.0 --json --db "$DB" > "$T/out"; rc=$?
check "show --json N80.0: header with the MCE Female_Only edit" '[ $rc -eq 0 ] && grep -q "\"code\":\"N800\",\"display\":\"N80.0\"" "$T/out" && grep -q "\"billable\":false" "$T/out" && grep -q "\"mce\":\[\"Female_Only\"\]" "$T/out"'
C codes show ZZ999 --db "$DB" 2> "$T/err"; rc=$?
check "show of an unknown code exits 1" '[ $rc -eq 1 ] && grep -q "not found" "$T/err"'
C codes search cholera --limit 2 --db "$DB" > "$T/out"; rc=$?
check "search by word: exact description first" '[ $rc -eq 0 ] && head -1 "$T/out" | grep -q "^A00 "'
C codes search 25 --kind modifiers --json --db "$DB" > "$T/out"; rc=$?
check "search --kind --json finds the built-in CPT modifier 25" '[ $rc -eq 0 ] && grep -q "\"kind\":\"modifiers\",\"code\":\"25\"" "$T/out"'
