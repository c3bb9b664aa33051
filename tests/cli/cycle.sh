#!/bin/sh
# cycle.sh - a claim's round trip through the CLI on the fixtures in
# tests/fixtures/claims: submit (two payers, so two files: SYNMCR sorts
# first and gets ISA13 000000001/GS06 1/ST02 0001, SYNPPO1 the next), our
# own validator on both, the hand-written 999s and 277CA in
# tests/fixtures/cycle (group 1 rejected; group 2 accepted; CC00000001
# accepted A2, CC00000002 rejected A7), the same file twice, trace, 276, 270.
# SAN_OK
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
F="$ROOT/tests/fixtures/claims"
C="$ROOT/tests/fixtures/cycle"
T=$(mktemp -d)
DB="$T/c.db"
trap 'rm -rf "$T"' EXIT
check() { if [ "$2" = 0 ]; then echo "ok - $1"; else echo "not ok - $1"; fi; }
status_of() { "$CLEANCLAIM" claims list --db "$DB" | awk -v c="$1" '$2 == c { print $3 }'; }

"$CLEANCLAIM" init --db "$DB" > /dev/null
ok=0
for k in providers payers patients coverages; do
  "$CLEANCLAIM" import $k "$F/$k.csv" --db "$DB" > /dev/null || ok=1
done
"$CLEANCLAIM" import encounters "$F/encounters.json" --db "$DB" > /dev/null || ok=1
"$CLEANCLAIM" claims build --db "$DB" > /dev/null || ok=1
# Scrubbing needs code sets: the claims are made ready directly.
sqlite3 "$DB" "UPDATE claim SET status='ready' WHERE status='built';" || ok=1
"$CLEANCLAIM" submit --out "$T" --db "$DB" > /dev/null 2> "$T/nopr"
[ $? = 1 ] && grep -q "practice" "$T/nopr" && ! ls "$T"/*.x12 > /dev/null 2>&1
check "no practice settings: submit refuses, says what to add, writes nothing" $?
"$CLEANCLAIM" practice set --name "Sunny Clinic" --npi 1234567893 \
  --tax-id 123456789 --submitter-id SUBMIT01 --submitter-name "SUNNY CLINIC" \
  --contact "Pat Biller" --phone 5555550100 --receiver-id CLEARHOUSE \
  --receiver-name "CLEARING HOUSE" --db "$DB" > /dev/null || ok=1
check "set-up: fixtures, claims built, practice" $ok
"$CLEANCLAIM" practice set --npi 1234567890 --db "$DB" 2> "$T/npi"
[ $? = 1 ] && grep -q "check digit" "$T/npi"; check "practice: a bad NPI is refused (exit 1)" $?
"$CLEANCLAIM" practice set --receiver-id "CLEAR*HOUSE" --db "$DB" 2> /dev/null
[ $? = 1 ]; check "practice: a delimiter in an ID is refused" $?
"$CLEANCLAIM" practice set --usage X --db "$DB" 2> /dev/null
[ $? = 1 ]; check "practice: usage other than P/T is refused" $?
"$CLEANCLAIM" practice show --json --db "$DB" | grep -q '"submitter_id":"SUBMIT01","submitter_name":"SUNNY CLINIC","submitter_contact":"Pat Biller","submitter_phone":"5555550100","receiver_id":"CLEARHOUSE"'
check "practice show --json: the settings as set, refusals changed nothing" $?
"$CLEANCLAIM" practice show --db "$DB" | grep -q "^npi: 1234567893$"
check "practice show: one setting a line" $?
"$CLEANCLAIM" practice frobnicate --db "$DB" 2> /dev/null
[ $? = 2 ]; check "practice: unknown verb is a usage error" $?

mkdir "$T/out"
out=$("$CLEANCLAIM" submit --out "$T/out" --db "$DB"); rc=$?
check "submit exits 0" $rc
echo "$out" | grep -q "submitted 5 claims in 2 files"; check "5 claims in 2 files" $?
[ -f "$T/out/837P-SYNMCR-000000001.x12" ] && [ -f "$T/out/837P-SYNPPO1-000000002.x12" ]
check "one file per payer, named by ISA13" $?
"$CLEANCLAIM" x12 validate "$T/out/837P-SYNMCR-000000001.x12" > /dev/null 2>&1 &&
  "$CLEANCLAIM" x12 validate "$T/out/837P-SYNPPO1-000000002.x12" > /dev/null 2>&1
check "both 837s pass our validator" $?
grep -q 'GS\*HC\*SUBMIT01\*CLEARHOUSE\*[0-9]*\*[0-9]*\*2\*X\*005010X222A1~' "$T/out/837P-SYNPPO1-000000002.x12"
check "GS from the practice's settings, GS06 2" $?
[ "$(status_of CC00000003)" = submitted ]; check "claims move to submitted" $?
out=$("$CLEANCLAIM" submit --out "$T/out" --db "$DB")
echo "$out" | grep -q "submitted 0 claims in 0 files"; check "nothing ready, nothing sent" $?

"$CLEANCLAIM" receive "$C/reject_group1.999" "$C/accept_group2.999" --db "$DB" > "$T/r1"
check "receive 999s exits 0" $?
[ "$(status_of CC00000005)" = rejected ]; check "999 IK5 R: group 1's claim rejected" $?
grep -q "required data element missing" "$T/r1"; check "rejection reason in words" $?
[ "$(status_of CC00000004)" = submitted ]; check "999 IK5 A: group 2 stays submitted" $?

"$CLEANCLAIM" receive "$C/group2.277ca" --db "$DB" > "$T/r2"
check "receive 277CA exits 0" $?
[ "$(status_of CC00000001)" = accepted ]; check "277CA A2: accepted" $?
[ "$(status_of CC00000002)" = rejected ]; check "277CA A7: rejected" $?
[ "$(status_of CC00000003)" = submitted ]; check "claims not in the 277CA unchanged" $?
n=$(sqlite3 "$DB" "SELECT count(*) FROM task WHERE object_type='claim' AND status='open'")
[ "$n" = 2 ]; check "two rejections in the work queue ($n)" $?

"$CLEANCLAIM" receive "$C/group2.277ca" --db "$DB" > "$T/r3"
grep -q "already received: nothing changed" "$T/r3"; check "same 277CA twice: nothing changed" $?
n=$(sqlite3 "$DB" "SELECT count(*) FROM claim_response")
[ "$n" = 7 ]; check "answers kept once (5 from 999s, 2 from 277CA: $n)" $?

"$CLEANCLAIM" receive "${CC_SHARED:-$ROOT/../shared}/x12/999/imsweb__x12_999_accepted.txt" --db "$DB" > /dev/null 2> "$T/e"
[ $? -eq 1 ]; check "an invalid file is refused with exit 1" $?
grep -q "refused, nothing applied" "$T/e"; check "refusal says nothing was applied" $?
"$CLEANCLAIM" receive "$T/out/837P-SYNMCR-000000001.x12" --db "$DB" > /dev/null 2> "$T/e"
[ $? -eq 1 ] && grep -q "import 837" "$T/e"; check "an 837 is not an answer" $?

"$CLEANCLAIM" claim trace CC00000001 --db "$DB" > "$T/trace"
grep -q "837P-SYNPPO1-000000002.x12 (005010X222A1) ISA13 000000002 GS06 2 ST02 0002, CLM at segment" "$T/trace"
check "trace: file and control numbers" $?
grep -q "999 accepted" "$T/trace" && grep -q "277CA accepted" "$T/trace"
check "trace: 999 and 277CA" $?
grep -q "^line 2: 97110 GP" "$T/trace"; check "trace: every line" $?
"$CLEANCLAIM" claim trace CC00000001 --json --db "$DB" | grep -q '"payer_claim_number":"PAYER0001"'
check "trace --json, payer's number from REF 1K" $?

"$CLEANCLAIM" status request --older-than 0 --out "$T/s.276" --db "$DB" 2> /dev/null
check "status request exits 0" $?
"$CLEANCLAIM" x12 validate "$T/s.276" > /dev/null 2>&1; check "276 passes our validator" $?
n=$(grep -c '^TRN\*1\*CC' "$T/s.276")
[ "$n" = 3 ]; check "276 asks about the 3 claims still open ($n)" $?
"$CLEANCLAIM" elig request P1 --date 2026-03-02 --out "$T/p.270" --db "$DB" 2> /dev/null
check "elig request exits 0" $?
"$CLEANCLAIM" x12 validate "$T/p.270" > /dev/null 2>&1; check "270 passes our validator" $?
"$CLEANCLAIM" elig request NOBODY --db "$DB" > /dev/null 2>&1
[ $? -eq 1 ]; check "unknown patient: exit 1" $?

for c in submit receive elig status; do
  "$CLEANCLAIM" $c --help > /dev/null; check "$c --help exits 0" $?
done
"$CLEANCLAIM" submit --db "$DB" > /dev/null 2>&1; [ $? -eq 2 ]; check "submit without --out: usage" $?
"$CLEANCLAIM" receive --db "$DB" > /dev/null 2>&1; [ $? -eq 2 ]; check "receive without files: usage" $?
"$CLEANCLAIM" status request --older-than x --db "$DB" > /dev/null 2>&1; [ $? -eq 2 ]; check "status bad days: usage" $?
exit 0
