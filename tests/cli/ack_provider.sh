#!/bin/sh
# ack_provider.sh - a 277CA that rejects the billing provider (loop 2200C,
# STC A3:562:85: NPI not accepted) rejects every claim of that provider in
# the file it answers. tests/fixtures/ack_provider/provider_reject.277ca is
# hand-written: 2200B TRN02 0002 (BHT03 of the SYNPPO1 file, the second one
# submitted: CC00000001-4 of billing NPI 1111111112), 2200C on NPI
# 1111111112 rejected; one 2000D, CC00000001, rejected with the same STC
# (counted once). CC00000005 went out in the SYNMCR file (ST02 0001).
# SAN_OK
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
F="$ROOT/tests/fixtures/claims"
A="$ROOT/tests/fixtures/ack_provider/provider_reject.277ca"
T=$(mktemp -d)
DB="$T/c.db"
trap 'rm -rf "$T"' EXIT
check() { # label, condition result
  if [ "$2" = 0 ]; then echo "ok - $1"; else echo "not ok - $1"; fi
}
status_of() { sqlite3 "$DB" "SELECT status FROM claim WHERE control_number='$1'"; }
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
sqlite3 "$DB" "UPDATE claim SET status='ready' WHERE status='built';" || ok=1
mkdir "$T/out"
"$CLEANCLAIM" submit --out "$T/out" --db "$DB" > /dev/null || ok=1
check "set-up: 5 claims submitted in 2 files" $ok
grep -q 'ST\*837\*0002\*' "$T/out/837P-SYNPPO1-000000002.x12"
check "the SYNPPO1 file is transaction set 0002 (what TRN02 names)" $?

"$CLEANCLAIM" receive "$A" --db "$DB" > "$T/r" 2>&1
check "receive the 277CA exits 0" $?
for c in CC00000001 CC00000002 CC00000003 CC00000004; do
  [ "$(status_of $c)" = rejected ]; check "$c (billing NPI 1111111112, file 0002) rejected" $?
done
[ "$(status_of CC00000005)" = submitted ]
check "CC00000005 (other file) stays submitted" $?
n=$(sqlite3 "$DB" "SELECT count(*) FROM task WHERE object_type='claim' AND status='open'")
[ "$n" = 4 ]; check "four work-queue items, CC00000001 once ($n)" $?
d=$(sqlite3 "$DB" "SELECT detail FROM claim_status_history h JOIN claim c ON c.id=h.claim_id WHERE c.control_number='CC00000003' ORDER BY h.id DESC LIMIT 1")
echo "$d" | grep -q "^277CA rejected at the billing provider (NPI 1111111112): A3:562:85"
check "the reason names the provider and the STC ($d)" $?
n=$(sqlite3 "$DB" "SELECT count(*) FROM claim_response WHERE kind='277CA' AND accepted=0 AND segment_index=19")
[ "$n" = 4 ]; check "the 2200C STC (segment 19) kept on each of the 4 claims ($n)" $?
"$CLEANCLAIM" queue list --db "$DB" > "$T/q" 2>&1
grep -c "CC0000000[1-4]" "$T/q" | grep -q "^4$"
check "queue list shows the 4 rejected claims" $?
exit 0
