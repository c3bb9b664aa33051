#!/bin/sh
# ledger.sh - `cleanclaim ledger` end to end: a synthetic practice
# (tests/fixtures/remit/ledger.sql), an 835 received through `receive`
# (tests/fixtures/remit/ledger.835), then check, show, balance and
# unapplied as text and JSON, a broken ledger, exit codes and help.
# Every amount below is worked out by hand from the two fixture files.
# SAN_OK
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d)
DB="$T/l.db"
ok() { echo "ok - $1"; }
no() { echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else no "$1"; fi; }
L() { "$CLEANCLAIM" ledger --db "$DB" "$@"; }
"$CLEANCLAIM" init --db "$DB" > /dev/null 2>&1
sqlite3 "$DB" < "$ROOT/tests/fixtures/remit/ledger.sql"
CC_TODAY=2026-11-26 "$CLEANCLAIM" receive --db "$DB" \
  "$ROOT/tests/fixtures/remit/ledger.835" > "$T/recv" 2>&1; rc=$?
check "the 835 was received" '[ $rc -eq 0 ]'
# Two claims posted (L1, L2); ZZ999's 25.00 matches no claim of ours.
check "receive counts the unapplied payment and its amount" 'grep -q "ledger.835: 835 posted: 2 claims, .*, 1 unapplied (25.00 held)$" "$T/recv"'
check "receive says where the unapplied cash is" 'grep -q "1 claim payment totalling 25.00 matches no claim of ours: held as unapplied cash (see .cleanclaim ledger unapplied.)" "$T/recv"'
out=$("$CLEANCLAIM" receive --help)
check "receive help: unapplied cash, no blanket exit 1 for what is not ours" 'echo "$out" | grep -q "held as unapplied cash" && ! echo "$out" | grep -q "not ours"'

# L1: 300.00 charged; paid 100 + 50; CO 45 50 + 40 written off; PR 1 40,
# PR 2 10, PR 3 10 to the secondary. L2: 100.00, paid 70, CO 45 30.
# Totals: charges 400, payments -220, adjustments -120, balance 60.
out=$(L check); rc=$?
check "check exits 0 on sound books" '[ $rc -eq 0 ]'
check "check totals" 'echo "$out" | grep -q "^2 claims, 15 entries: charges 400.00, payments -220.00, adjustments -120.00, balance 60.00"'
check "check says every invariant holds" 'echo "$out" | grep -q "every invariant holds"'
out=$(L check --json)
check "check json" 'echo "$out" | grep -q "\"problems\":\[\],\"claims\":2,\"entries\":15,\"broken\":0,\"charges_cents\":40000,\"payments_cents\":-22000,\"adjustments_cents\":-12000,\"balance_cents\":6000"'

out=$(L show L1)
check "show lists L1's 12 entries" 'echo "$out" | grep -q "^12 entries"'
check "show: line 1 payment with its SVC (segment 15)" 'echo "$out" | grep -q "^ *3  2026-11-26    1  payment    PRI01  *-100.00  835 file 1 seg 15"'
check "show: PR 3 copay moved to the secondary (CAS segment 23)" 'echo "$out" | grep -q "^ *12  2026-11-26    2  transfer   SEC02        PR-3  *10.00  835 file 1 seg 23"'
check "show: L1 balance is the secondary's 60.00" 'echo "$out" | grep -q "^  SEC02  *60.00" && ! echo "$out" | grep -q "^  PRI01 "'
out=$(L show L2 --json)
check "show json: L2 paid 70, 30 off, nothing owed" 'echo "$out" | grep -q "\"amount_cents\":-7000,\"file_id\":1,\"segment\":27" && echo "$out" | grep -q "\"balances\":\[\],\"total_cents\":0}"'
out=$(L show 1 --json)
check "show takes a row id" 'echo "$out" | grep -q "\"balances\":\[{\"party\":\"SEC02\",\"balance_cents\":6000}\],\"total_cents\":6000"'

out=$(L balance A100)
check "balance by party for the patient" 'echo "$out" | grep -q "^  SEC02  *60.00" && echo "$out" | grep -q "^  total  *60.00"'
out=$(L balance A100 --json)
check "balance json" '[ "$out" = "{\"patient\":\"A100\",\"balances\":[{\"party\":\"SEC02\",\"balance_cents\":6000}],\"total_cents\":6000}" ]'

# ZZ999 matches no claim: 25.00 held, BPR02 245 = 150 + 70 + 25.
out=$(L unapplied)
check "unapplied lists the unmatched CLP with the patient" 'echo "$out" | grep -q "^ *1 ZZ999  *open  *DOE, JANE  *W123  *80.00  *25.00  1999999999 LT100, file 1 seg 30"'
check "unapplied total" 'echo "$out" | grep -q "^1 unapplied payment(s), 25.00 in total"'
out=$(L unapplied --json)
check "unapplied json" 'echo "$out" | grep -q "\"claim_ref\":\"ZZ999\",\"clp02\":\"1\",\"payer_claim_number\":\"PCN9\",\"patient_last\":\"DOE\",\"patient_first\":\"JANE\",\"member_id\":\"W123\"" && echo "$out" | grep -q "\"count\":1,\"total_cents\":2500}"'

# The same file again changes nothing.
CC_TODAY=2026-11-27 "$CLEANCLAIM" receive --db "$DB" \
  "$ROOT/tests/fixtures/remit/ledger.835" > /dev/null 2>&1
out=$(L check --json)
check "received twice: same books" 'echo "$out" | grep -q "\"entries\":15,\"broken\":0"'
out=$(L unapplied --json)
check "received twice: still one unapplied payment" 'echo "$out" | grep -q "\"count\":1,"'

# ZZ999 was Jane Doe's claim L3 (80.00, 99213), keyed under another
# number. Applied by a biller: 80.00 goes on the books, 25.00 paid, CO 45
# 50.00 written off, PR 2 5.00 to Jane (no other coverage). Totals: charges
# 480, payments -245, adjustments -170, balance 65; 5 entries more.
sqlite3 "$DB" "INSERT INTO patient(id,account_no,last_name,first_name,birth_date,sex) VALUES(2,'A200','Doe','Jane','1980-02-02','F'); INSERT INTO coverage(patient_id,payer_id,priority,relationship,member_id,effective_date) VALUES(2,1,'primary','self','W123','2026-01-01'); INSERT INTO claim(id,control_number,patient_id,payer_id,responsibility,claim_form,total_charge_cents,status,first_service_date) VALUES(3,'L3',2,1,'primary','837P',8000,'submitted','2026-10-01'); INSERT INTO claim_line(claim_id,line_no,code,units_milli,from_date,to_date,charge_cents) VALUES(3,1,'99213',1000,'2026-10-01','2026-10-01',8000)"
"$CLEANCLAIM" user add ana --role biller --db "$DB" > /dev/null 2>&1
"$CLEANCLAIM" user add fred --role front_desk --db "$DB" > /dev/null 2>&1
L apply 1 --claim L3 > "$T/ap" 2>&1; rc=$?
check "apply without a user is refused" '[ $rc -eq 1 ] && grep -q "who is acting" "$T/ap"'
L apply 1 --claim L3 --user fred > "$T/ap" 2>&1; rc=$?
check "apply by the front desk is refused" '[ $rc -eq 1 ] && grep -q "may not apply" "$T/ap"'
L apply 1 --claim NOPE --user ana > "$T/ap" 2>&1; rc=$?
check "apply to an unknown claim is refused" '[ $rc -eq 1 ] && grep -q "no claim has control number .NOPE." "$T/ap"'
out=$(L check --json)
check "refused applications change nothing" 'echo "$out" | grep -q "\"entries\":15,\"broken\":0"'
out=$(CC_TODAY=2026-11-28 L apply 1 --claim L3 --user ana); rc=$?
check "apply posts the held CLP to L3" '[ $rc -eq 0 ] && [ "$out" = "unapplied payment 1 applied to claim L3: 25.00 paid, 1 line(s), 5 ledger entries, 0 denial(s)" ]'
out=$(L show L3)
check "L3: Jane owes the 5.00, dated the day it was applied" 'echo "$out" | grep -q "^  patient  *5.00" && echo "$out" | grep -q "2026-11-28" && ! echo "$out" | grep -q "^  PRI01 "'
out=$(L check)
check "books after apply" 'echo "$out" | grep -q "^3 claims, 20 entries: charges 480.00, payments -245.00, adjustments -170.00, balance 65.00" && echo "$out" | grep -q "every invariant holds"'
out=$(L unapplied)
check "nothing unapplied after apply" 'echo "$out" | grep -q "^0 unapplied payment(s), 0.00 in total"'
out=$(L unapplied --all --json)
check "unapplied --all: applied" 'echo "$out" | grep -q "\"claim_ref\":\"ZZ999\"" && echo "$out" | grep -q "\"status\":\"applied\",\"applied_claim\":\"L3\""'
out=$(L unapplied --all)
check "unapplied --all says to which claim" 'echo "$out" | grep -q "^ *1 ZZ999  *applied .*file 1 seg 30, to claim L3$"'
L apply 1 --claim L3 --user ana > "$T/ap" 2>&1; rc=$?
check "apply twice is refused" '[ $rc -eq 1 ] && grep -q "already applied" "$T/ap"'
L apply x --claim L3 --user ana > /dev/null 2>&1; rc=$?
check "apply of a non-number exits 2" '[ $rc -eq 2 ]'
L apply 1 > /dev/null 2>&1; rc=$?
check "apply without --claim exits 2" '[ $rc -eq 2 ]'

# Break the books: a stray 5.00 charge on L2 the claim does not total.
sqlite3 "$DB" "INSERT INTO ledger_entry(patient_id,claim_id,payer_id,kind,amount_cents,posted_date) VALUES(1,2,1,'charge',500,'2026-11-27')"
out=$(L check); rc=$?
check "check exits 1 on broken books" '[ $rc -eq 1 ]'
check "check names the claim and the rule" 'echo "$out" | grep -q "^L2  *charge  *charges on the books 105.00 but the claim totals 100.00"'
out=$(L check --json)
check "check json lists the problem" 'echo "$out" | grep -q "{\"claim_id\":2,\"claim\":\"L2\",\"rule\":\"charge\"" && echo "$out" | grep -q "\"broken\":1,"'

L show NOPE > /dev/null 2>&1; rc=$?
check "show of an unknown claim exits 1" '[ $rc -eq 1 ]'
L balance NOBODY > /dev/null 2>&1; rc=$?
check "balance of an unknown patient exits 1" '[ $rc -eq 1 ]'
L frobnicate > /dev/null 2>&1; rc=$?
check "unknown verb exits 2" '[ $rc -eq 2 ]'
L show > /dev/null 2>&1; rc=$?
check "show without a claim exits 2" '[ $rc -eq 2 ]'
L > /dev/null 2>&1; rc=$?
check "no verb exits 2" '[ $rc -eq 2 ]'
out=$("$CLEANCLAIM" ledger --help); rc=$?
check "ledger --help" '[ $rc -eq 0 ] && echo "$out" | grep -q "unapplied"'
out=$("$CLEANCLAIM" ledger show --help); rc=$?
check "ledger show --help" '[ $rc -eq 0 ] && echo "$out" | grep -q "^usage: cleanclaim ledger"'
check "ledger in cleanclaim --help" '"$CLEANCLAIM" --help | grep -q "^  ledger "'
rm -rf "$T"
exit 0
