#!/bin/sh
# tests/cli/queue.sh - cleanclaim queue on a synthetic practice and a
# hand-written 835 (tests/fixtures/queue): categories, show, roles, assign,
# note, write-off, void and appeal with its letter and PDF. SAN_OK
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FX="$ROOT/tests/fixtures/queue"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export CC_TODAY=2026-11-26 CLEANCLAIM_DB="$T/q.db" CLEANCLAIM_TEMPLATES="$ROOT/data/templates"
unset CLEANCLAIM_USER
ok() { if eval "$2"; then echo "ok - $1"; else echo "not ok - $1"; fi; }
q() { sqlite3 "$T/q.db" "$1"; }
"$CLEANCLAIM" init >/dev/null 2>&1
if ! command -v sqlite3 >/dev/null; then echo "ok - # skip: no sqlite3 shell"; exit 0; fi
sqlite3 "$T/q.db" < "$FX/setup.sql"
"$CLEANCLAIM" receive "$FX/remit.835" >/dev/null 2>&1
ok "835 received" '[ $? -eq 0 ]'
out=$("$CLEANCLAIM" queue list 2>&1)
ok "list exits 0" '[ $? -eq 0 ]'
ok "D1 is an authorization denial, recommended correct" 'echo "$out" | grep -q "^1 .*authorization .*D1 .*835 .*197 .*150.00 correct  2027-05-19"'
ok "D2 is a duplicate, recommended void" 'echo "$out" | grep -q "^2 .*duplicate .*D2 .*18 .*150.00 void"'
ok "U1 underpaid by 10.00 (fee 100.00 less PR 20.00, paid 70.00)" 'echo "$out" | grep -q "^3 .*underpayment .*U1 .*10.00 appeal"'
ok "B1 paid as expected is not listed" '! echo "$out" | grep -q " B1 "'
out=$("$CLEANCLAIM" queue list --category duplicate --json)
ok "filter and json" '[ "$(echo "$out" | wc -l)" -eq 1 ] && echo "$out" | grep -q "\"claim\":\"D2\""'
"$CLEANCLAIM" queue show 1 > "$T/show" 2>&1
ok "show gives the recommendation" 'grep -q "obtain\|Obtain the missing prior authorization" "$T/show"'
"$CLEANCLAIM" queue act 2 writeoff --reason test >/dev/null 2>&1
ok "no user: refused (exit 1)" '[ $? -eq 1 ]'
"$CLEANCLAIM" queue act 2 writeoff --reason test --user fran >/dev/null 2>&1
ok "front desk may not write off" '[ $? -eq 1 ] && [ "$(q "SELECT count(*) FROM ledger_entry WHERE kind='"'"'writeoff'"'"'")" = 0 ]'
"$CLEANCLAIM" queue act 2 bogus --user bea >/dev/null 2>&1
ok "unknown action is a usage error" '[ $? -eq 2 ]'
CLEANCLAIM_USER=bea "$CLEANCLAIM" queue assign 1 --to bea --follow-up 2026-12-01 >/dev/null
ok "assign" '[ "$(q "SELECT follow_up_date FROM work_item WHERE id=1")" = 2026-12-01 ]'
CLEANCLAIM_USER=fran "$CLEANCLAIM" queue note 1 "called the payer" >/dev/null
ok "note in history" '"$CLEANCLAIM" queue show 1 | grep -q "note .*called the payer"'
"$CLEANCLAIM" queue act 2 void --user bea > "$T/void" 2>&1
ok "void makes D2V2 and closes 150.00 with the payer" 'grep -q "new claim D2V2" "$T/void" && [ "$(q "SELECT sum(amount_cents) FROM ledger_entry WHERE claim_id=2")" = 0 ] && [ "$(q "SELECT frequency_code FROM claim WHERE control_number='"'"'D2V2'"'"'")" = 8 ]'
"$CLEANCLAIM" queue act 1 appeal --user bea --argument "Authorization AUTH-77 was on file." --letter "$T/letter.txt" --pdf "$T/letter.pdf" > "$T/appeal" 2>&1
ok "appeal exits 0" '[ $? -eq 0 ]'
ok "letter names the claim, CARC and deadline" 'grep -q "Claim number:       D1" "$T/letter.txt" && grep -q "CARC CO-197" "$T/letter.txt" && grep -q "Appeal deadline:    2027-05-19" "$T/letter.txt"'
ok "letter PDF" '[ "$(head -c 5 "$T/letter.pdf")" = "%PDF-" ] && grep -q "(1 page)" "$T/appeal"'
ok "claim appealed, balance stays" '[ "$(q "SELECT status FROM claim WHERE id=1")" = appealed ] && [ "$(q "SELECT sum(amount_cents) FROM ledger_entry WHERE claim_id=1")" = 15000 ]'
exit 0
