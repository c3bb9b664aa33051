#!/bin/sh
# selfpay_submit.sh - a self-pay visit goes to the patient, never to a payer:
# `claims build` says how many visits it billed to patients and for how
# much, and `submit` leaves a SELFPAY claim unsent even when it was made
# ready by hand. Claims fixtures: P3 has no coverage; V5 (99395, 200.00 on
# 2026-03-03) is the only self-pay visit; the other four visits make 5
# claims (4 to SYNPPO1, 1 to SYNMCR), as claims.sh lists them.
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
"$CLEANCLAIM" practice set --name "Sunny Clinic" --npi 1234567893 \
  --tax-id 123456789 --submitter-id SUBMIT01 --submitter-name "SUNNY CLINIC" \
  --contact "Pat Biller" --phone 5555550100 --receiver-id CLEARHOUSE \
  --receiver-name "CLEARING HOUSE" --db "$DB" > /dev/null || ok=1
check "set-up: fixtures and practice" $ok

"$CLEANCLAIM" claims build --db "$DB" > "$T/out"; rc=$?
printf '%s\n' "built 5 claims" \
  "billed 1 self-pay visit to the patient (200.00): no coverage in force, on the next statement" \
  > "$T/want"
[ $rc = 0 ] && cmp -s "$T/out" "$T/want"
check "build: 5 claims for payers, 1 self-pay visit of 200.00 to the patient" $?
out=$("$CLEANCLAIM" claims build --db "$DB")
[ "$out" = "built 0 claims" ]
check "a second build bills no self-pay visit again ($out)" $?

# The scrubber moves only claims not yet sent (draft, built, held, ready):
# the closed self-pay claim stays closed.
"$CLEANCLAIM" scrub --all --db "$DB" > /dev/null 2>&1
st=$(sqlite3 "$DB" "SELECT c.status FROM claim c JOIN payer y ON y.id=c.payer_id WHERE y.payer_code='SELFPAY'")
[ "$st" = closed ]; check "scrub --all leaves the self-pay claim closed ($st)" $?

# Someone marks every claim ready by hand, the self-pay one too.
sqlite3 "$DB" "UPDATE claim SET status='ready';"
"$CLEANCLAIM" submit --out "$T/o" --db "$DB" > "$T/out" 2> "$T/err"; rc=$?
[ $rc = 0 ] && grep -q "^submitted 5 claims in 2 files$" "$T/out"
check "submit sends the 5 payer claims in 2 files, not the self-pay one ($rc)" $?
n=$(ls "$T/o" | grep -c SELFPAY)
[ "$n" = 0 ]; check "no 837 for SELFPAY is written ($n)" $?
n=$(sqlite3 "$DB" "SELECT count(*) FROM claim_submission s JOIN claim c ON c.id=s.claim_id JOIN payer y ON y.id=c.payer_id WHERE y.payer_code='SELFPAY'")
[ "$n" = 0 ]; check "the self-pay claim has no submission ($n)" $?
st=$(sqlite3 "$DB" "SELECT c.status FROM claim c JOIN payer y ON y.id=c.payer_id WHERE y.payer_code='SELFPAY'")
[ "$st" = ready ]; check "the self-pay claim is not marked submitted ($st)" $?

"$CLEANCLAIM" submit --payer SELFPAY --out "$T/o2" --db "$DB" > "$T/out" 2> "$T/err"
rc=$?
[ $rc = 1 ] && grep -q "self-pay claims are not sent" "$T/err" && [ ! -e "$T/o2" ]
check "submit --payer SELFPAY is refused, nothing written ($rc)" $?
exit 0
