#!/bin/sh
# submit.sh - `cleanclaim submit` refusals and its output folder, on the
# claims fixtures: an unknown --payer is an error naming it (it used to say
# "0 claims", exit 0); a missing --out folder is created (mkdir -p); a file
# where the folder should be is refused by name.
# SAN_OK
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
F="$ROOT/tests/fixtures/claims"
T=$(mktemp -d)
DB="$T/c.db"
trap 'rm -rf "$T"' EXIT
check() { # label, condition result
  if [ "$2" = 0 ]; then echo "ok - $1"; else echo "not ok - $1"; fi
}
"$CLEANCLAIM" init --db "$DB" > /dev/null
ok=0
for k in providers payers patients coverages; do
  "$CLEANCLAIM" import $k "$F/$k.csv" --db "$DB" > /dev/null || ok=1
done
"$CLEANCLAIM" import encounters "$F/encounters.json" --db "$DB" > /dev/null || ok=1
"$CLEANCLAIM" claims build --db "$DB" > /dev/null || ok=1
"$CLEANCLAIM" practice set --name "Sunny Clinic" --npi 1234567893 \
  --tax-id 123456789 --submitter-id SUBMIT01 --submitter-name "SUNNY CLINIC" \
  --contact "Pat Biller" --phone 5555550100 --receiver-id CLEARHOUSE \
  --receiver-name "CLEARING HOUSE" --db "$DB" > /dev/null || ok=1
# Scrubbing needs code sets: the claims are made ready directly.
sqlite3 "$DB" "UPDATE claim SET status='ready' WHERE status='built';" || ok=1
check "set-up: fixtures, claims built and ready, practice" $ok

"$CLEANCLAIM" submit --payer NOPE --out "$T/o1" --db "$DB" > "$T/out" 2> "$T/err"
rc=$?
[ $rc = 1 ] && grep -q "NOPE" "$T/err" && grep -q "no such payer" "$T/err" \
  && ! grep -q "submitted" "$T/out"
check "unknown --payer NOPE: exit 1 naming it ($rc)" $?
[ ! -e "$T/o1" ]; check "unknown payer: no folder made, nothing written" $?
n=$(sqlite3 "$DB" "SELECT count(*) FROM claim WHERE status='ready'")
[ "$n" = 5 ]; check "unknown payer: the 5 ready claims stay ready ($n)" $?

# SYNMCR has one ready claim (V4's April visit, 90.00).
out=$("$CLEANCLAIM" submit --payer SYNMCR --out "$T/new/batch/1" --db "$DB")
rc=$?
[ $rc = 0 ] && echo "$out" | grep -q "submitted 1 claim in 1 file"
check "missing --out folder: made with its parents, 1 claim sent ($rc)" $?
ls "$T/new/batch/1"/837P-SYNMCR-*.x12 > /dev/null 2>&1
check "the 837P for SYNMCR is in the new folder" $?

: > "$T/afile"
"$CLEANCLAIM" submit --out "$T/afile/sub" --db "$DB" > /dev/null 2> "$T/err2"
rc=$?
[ $rc = 1 ] && grep -q "afile is a file, not a folder" "$T/err2"
check "a file in the --out path: exit 1 saying why ($rc)" $?
n=$(sqlite3 "$DB" "SELECT count(*) FROM claim WHERE status='ready'")
[ "$n" = 4 ]; check "refused folder: the other 4 claims stay ready ($n)" $?
exit 0
