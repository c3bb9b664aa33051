#!/bin/sh
# tests/cli/queue_reject.sh - rejections into the work queue, end to end on
# the command line: two claims sent in two 837s (tests/fixtures/
# queue_reject), a hand-written 277CA rejecting the first (A3:33, member not
# found) and a 999 rejecting the second set; each lands in the queue with
# its reason and the claim's charge, and `correct` makes it ready again. A
# 999 answering our 270 is ours (exit 0). SAN_OK
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FX="$ROOT/tests/fixtures/queue_reject"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export CC_TODAY=2026-11-27 CLEANCLAIM_DB="$T/r.db"
unset CLEANCLAIM_USER
ok() { if eval "$2"; then echo "ok - $1"; else echo "not ok - $1"; fi; }
if ! command -v sqlite3 >/dev/null; then echo "ok - # skip: no sqlite3 shell"; exit 0; fi
q() { sqlite3 "$T/r.db" "$1"; }
"$CLEANCLAIM" init >/dev/null 2>&1
"$CLEANCLAIM" practice set --name "MAPLE STREET FAMILY CLINIC" --npi 1234567893 \
  --tax-id 361234567 --submitter-id MAPLE01 --submitter-name "MAPLE STREET" \
  --contact "PAT BILLER" --phone 2175550100 --receiver-id CLEARHOUSE \
  --receiver-name "TEST CLEARINGHOUSE" --address1 "12 MAPLE ST" \
  --city SPRINGFIELD --state IL --zip 62701 >/dev/null 2>&1
"$CLEANCLAIM" practice set --practice-phone 2175550199 >/dev/null 2>&1
ok "the practice's own phone (statements, letters) is set apart from the contact's" '"$CLEANCLAIM" practice show --json | grep -q "\"phone\":\"2175550199\"" && "$CLEANCLAIM" practice show --json | grep -q "\"submitter_phone\":\"2175550100\""'
for k in providers payers patients coverages encounters; do
  "$CLEANCLAIM" import $k "$FX/$k.csv" >/dev/null 2>&1 || echo "# import $k failed"
done
"$CLEANCLAIM" user add bea --role biller >/dev/null 2>&1
"$CLEANCLAIM" claims build >/dev/null 2>&1
# ready without the code sets the scrubber would want: the scrubber is not
# what this test is about
q "UPDATE claim SET status='ready'"
mkdir "$T/out"
"$CLEANCLAIM" submit --payer PAYA --out "$T/out" >/dev/null 2>&1
"$CLEANCLAIM" submit --payer PAYB --out "$T/out" >/dev/null 2>&1
ok "two 837s sent (GS06 1 and 2)" '[ "$(q "SELECT group_concat(gs_control) FROM x12_file WHERE direction='"'"'out'"'"'")" = "1,2" ]'

"$CLEANCLAIM" receive "$FX/reject.277ca" > "$T/o" 2>&1
ok "277CA received" '[ $? -eq 0 ] && grep -q "1 rejected" "$T/o"'
ok "CC00000001 rejected" '[ "$(q "SELECT status FROM claim WHERE control_number='"'"'CC00000001'"'"'")" = rejected ]'
"$CLEANCLAIM" receive "$FX/reject.999" > "$T/o" 2>&1
ok "999 received" '[ $? -eq 0 ] && grep -q "1 rejected" "$T/o"'
ok "CC00000002 rejected" '[ "$(q "SELECT status FROM claim WHERE control_number='"'"'CC00000002'"'"'")" = rejected ]'

out=$("$CLEANCLAIM" queue list 2>&1)
ok "277CA rejection queued as eligibility with 190.00 (150 + 40)" 'echo "$out" | grep -q "^1 .*eligibility .*CC00000001 .*277CA .*33 .*190.00 correct"'
ok "999 rejection queued as missing information with 175.00" 'echo "$out" | grep -q "^2 .*missing_information .*CC00000002 .*999 .*175.00 correct"'
"$CLEANCLAIM" queue show 2 > "$T/show" 2>&1
ok "the 999 item names the segment and element in error" 'grep -q "NM1 at position 15" "$T/show" && grep -q "element 9: invalid code value" "$T/show"'
"$CLEANCLAIM" queue show 1 > "$T/show" 2>&1
ok "the 277CA item gives the payer's words" 'grep -q "MEMBER NOT FOUND" "$T/show"'

"$CLEANCLAIM" queue act 1 appeal --user bea --argument x > /dev/null 2>&1
ok "a rejected claim cannot be appealed" '[ $? -eq 1 ]'
"$CLEANCLAIM" queue act 1 correct --user bea > /dev/null 2>&1
ok "correct: the claim is ready again" '[ $? -eq 0 ] && [ "$(q "SELECT status FROM claim WHERE control_number='"'"'CC00000001'"'"'")" = ready ]'
ok "the item is resolved" '[ "$(q "SELECT status FROM work_item WHERE id=1")" = resolved ]'
ok "no ledger entry for a claim never adjudicated besides its charges" '[ "$(q "SELECT count(*) FROM ledger_entry WHERE claim_id=1 AND kind<>'"'"'charge'"'"'")" = 0 ]'

"$CLEANCLAIM" elig request R100 --date 2026-11-27 --out "$T/e.270" > /dev/null 2>&1
ok "270 sent as GS06 3" '[ "$(q "SELECT gs_control FROM x12_file WHERE kind='"'"'270'"'"'")" = 3 ]'
"$CLEANCLAIM" receive "$FX/ack270.999" > "$T/o" 2>&1
ok "a 999 for our 270 is ours (exit 0)" '[ $? -eq 0 ] && grep -q "accepted (IK5 A) for our 270, GS 3 ST 0003" "$T/o" && grep -q "0 not ours" "$T/o"'
ok "and moves no claim" '[ "$(q "SELECT count(*) FROM claim_response WHERE file_id=(SELECT max(id) FROM x12_file)")" = 0 ]'
exit 0
