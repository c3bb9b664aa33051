#!/bin/sh
# tests/cli/billing.sh - statement, payment and plan commands on the
# synthetic practice of tests/fixtures/queue; amounts worked by hand. SAN_OK
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FX="$ROOT/tests/fixtures/queue"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export CC_TODAY=2026-11-26 CLEANCLAIM_DB="$T/b.db" CLEANCLAIM_TEMPLATES="$ROOT/data/templates"
unset CLEANCLAIM_USER
ok() { if eval "$2"; then echo "ok - $1"; else echo "not ok - $1"; fi; }
if ! command -v sqlite3 >/dev/null; then echo "ok - # skip: no sqlite3 shell"; exit 0; fi
"$CLEANCLAIM" init >/dev/null 2>&1
sqlite3 "$T/b.db" < "$FX/setup.sql"
"$CLEANCLAIM" receive "$FX/remit.835" >/dev/null 2>&1
# A100 owes 50.00 on B1 (PR-1); A200 owes 20.00 on U1 (PR-2).
out=$("$CLEANCLAIM" statement show A100 --preview)
ok "preview: amount due 50.00" 'echo "$out" | grep -q "AMOUNT DUE: \$50.00"'
ok "preview: B1 totals 200 = 100 paid + 50 adjusted + 50 owed" 'echo "$out" | grep -q "Claim totals  *200.00  *100.00  *50.00  *0.00  *0.00  *50.00"'
"$CLEANCLAIM" statement run --user vic >/dev/null 2>&1
ok "viewer may not run statements" '[ $? -eq 1 ]'
out=$("$CLEANCLAIM" statement run --user bea --pdf-dir "$T")
ok "cycle: two statements, 70.00" 'echo "$out" | grep -q "2 statements (70.00)"'
ok "statement PDF written" '[ "$(head -c 5 "$T/statement-1.pdf")" = "%PDF-" ]'
ok "kept statement shows" '"$CLEANCLAIM" statement show A200 | grep -q "AMOUNT DUE: \$20.00"'
out=$("$CLEANCLAIM" payment post A100 80.00 --method check --ref 1001 --user fran)
ok "payment: 50.00 applied, 30.00 credit" 'echo "$out" | grep -q "post 50.00, 30.00 left as a credit; balance of A100 now -30.00"'
"$CLEANCLAIM" payment post A100 5 --method check --user fran >/dev/null 2>&1
ok "check without number is a usage error" '[ $? -eq 2 ]'
out=$("$CLEANCLAIM" payment transfer A100 A200 20.00 --user bea)
ok "transfer 20.00 of credit" 'echo "$out" | grep -q "balance of A100 now -10.00"'
out=$("$CLEANCLAIM" payment refund A100 --method check --ref 9001 --user bea)
ok "refund the last 10.00" 'echo "$out" | grep -q "refund 10.00; balance of A100 now 0.00"'
# A200 owes 20.00 on U1 and holds the 20.00 credit moved in above, on the
# account: apply puts it on U1
out=$("$CLEANCLAIM" payment apply A200 --user fran)
ok "apply: A200's 20.00 credit pays U1" 'echo "$out" | grep -q "credit applied: 20.00 to 1 claim; balance of A200 now 0.00" && [ "$(sqlite3 "$T/b.db" "SELECT sum(e.amount_cents) FROM ledger_entry e JOIN claim c ON c.id=e.claim_id JOIN patient p ON p.id=e.patient_id WHERE c.control_number='"'"'U1'"'"' AND e.payer_id IS NULL AND p.account_no='"'"'A200'"'"'")" = 0 ]'
"$CLEANCLAIM" payment apply A200 --user fran > /dev/null 2>&1
ok "apply again: no credit left (exit 1)" '[ $? -eq 1 ]'
ok "the books hold" '"$CLEANCLAIM" ledger check > /dev/null'
out=$("$CLEANCLAIM" plan create A200 1000.00 3 --start 2026-12-01 --user fran)
ok "plan 333.34 + 333.33 + 333.33" 'echo "$out" | grep -q "1  2026-12-01      333.34" && echo "$out" | grep -q "3  2027-02-01      333.33"'
out=$("$CLEANCLAIM" plan show 1 --as-of 2027-01-15)
ok "missed installments counted" 'echo "$out" | grep -q "missed 2 (666.67)"'
"$CLEANCLAIM" plan show 99 > /dev/null 2> "$T/err"
ok "no such plan: exit 1, a clean message" '[ $? -eq 1 ] && [ "$(cat "$T/err")" = "no such payment plan: plan 99" ]'
out=$("$CLEANCLAIM" plan show 1 --as-of 2027-01-15 --json)
ok "plan --json: cents, missed, installments" 'echo "$out" | grep -q "\"total_cents\":100000,\"paid_cents\":0,\"due_now_cents\":66667,\"missed\":2,\"missed_cents\":66667,\"installments\":\[{\"seq\":1,\"due\":\"2026-12-01\",\"amount_cents\":33334,\"paid_cents\":0,\"state\":\"missed\"}"'
ok "plan list --json: one object per plan" '[ "$("$CLEANCLAIM" plan list --json | grep -c "^{\"plan\":")" -eq 1 ]'
# A100 is at 0.00 after the refund: 12.50 in cash is all credit
out=$("$CLEANCLAIM" payment post A100 12.50 --method cash --user fran --json)
ok "payment --json" 'echo "$out" | grep -q "\"action\":\"post\",\"account\":\"A100\",\"applied_cents\":0,\"credit_cents\":1250,\"claims\":0,\"balance_cents\":-1250}"'
out=$("$CLEANCLAIM" statement run --dry-run --user bea --json)
ok "statement run --json ends with the totals" 'echo "$out" | tail -1 | grep -q "^{\"dry_run\":true,\"statements\":"'
# A payer credit: PRI01 answers B1 (200.00, settled above) again under
# another claim number and pays 25.00 more (OA-23 175.00, which posting
# ignores): PRI01's balance on B1 is -25.00.
{
  printf 'ISA*00*          *00*          *ZZ*PAYER          *ZZ*CLINIC         *261121*1200*^*00501*000000002*0*T*:~'
  printf 'GS*HP*PAYER*CLINIC*20261121*1200*2*X*005010X221A1~ST*835*0001~'
  printf 'BPR*I*25*C*CHK************20261121~TRN*1*TQ9*1999999999~'
  printf 'DTM*405*20261121~N1*PR*PRIMARY MUTUAL~N3*1 PAYER PLAZA~'
  printf 'N4*SPRINGFIELD*IL*62701~PER*BL*EDI SUPPORT*TE*5550199~'
  printf 'N1*PE*CLINIC*XX*1234567893~LX*1~CLP*B1*1*200*25*0*12*PCNB1X~'
  printf 'NM1*QC*1*SAMPLE*ALEX****MI*M100~SVC*HC:99213*200*25~CAS*OA*23*175~'
  printf 'SE*15*0001~GE*1*2~IEA*1*000000002~'
} > "$T/dup.835"
"$CLEANCLAIM" receive "$T/dup.835" > /dev/null 2>&1
out=$("$CLEANCLAIM" ledger credits)
ok "ledger credits: PRI01 holds 25.00 on B1" 'echo "$out" | grep -q "^B1  *A100  *PRI01  *2026-10-01  *25.00$" && echo "$out" | grep -q "^1 payer credit balance(s), 25.00 in total$"'
out=$("$CLEANCLAIM" ledger credits --json)
ok "ledger credits --json: cents" 'echo "$out" | grep -q "\"claim\":\"B1\",\"account\":\"A100\",\"payer\":\"PRI01\",\"service_date\":\"2026-10-01\",\"credit_cents\":2500}\],\"count\":1,\"total_cents\":2500}"'
"$CLEANCLAIM" payment refund --payer PRI01 B1 --method eft --user fran > /dev/null 2> "$T/err"
ok "payer refund: the front desk may not (exit 1)" '[ $? -eq 1 ] && grep -q "may not refund" "$T/err"'
"$CLEANCLAIM" payment refund --payer PRI01 B1 --method eft > /dev/null 2> "$T/err"
ok "payer refund: no user (exit 1)" '[ $? -eq 1 ] && grep -q "who is acting" "$T/err"'
"$CLEANCLAIM" payment refund --payer PRI01 ZZ9 --method eft --user bea > /dev/null 2> "$T/err"
ok "payer refund: unknown claim (exit 1)" '[ $? -eq 1 ] && grep -q "no such claim" "$T/err"'
"$CLEANCLAIM" payment refund --payer PRI01 B1 25.01 --method eft --user bea > /dev/null 2> "$T/err"
ok "payer refund: more than the credit (exit 1)" '[ $? -eq 1 ] && grep -q "refund larger than the credit: payer PRI01 on claim B1: credit 25.00, refund asked 25.01" "$T/err"'
"$CLEANCLAIM" payment refund --payer PRI01 D1 --method eft --user bea > /dev/null 2> "$T/err"
ok "payer refund: no credit on that claim (exit 1)" '[ $? -eq 1 ] && grep -q "no payer credit to refund" "$T/err"'
"$CLEANCLAIM" payment post --payer PRI01 A100 5 --method cash --user fran > /dev/null 2>&1
ok "--payer on post is a usage error" '[ $? -eq 2 ]'
ok "nothing was written by the refused refunds" '[ "$(sqlite3 "$T/b.db" "SELECT count(*) FROM ledger_entry WHERE kind='"'"'refund'"'"' AND payer_id IS NOT NULL")" = 0 ]'
out=$("$CLEANCLAIM" payment refund --payer PRI01 B1 --method eft --ref TR55 --user bea --json)
ok "payer refund --json: 25.00, PRI01 at 0 on B1" 'echo "$out" | grep -q "\"action\":\"refund\",\"claim\":\"B1\",\"payer\":\"PRI01\",\"applied_cents\":2500,\"credit_cents\":0,\"claims\":1,\"balance_cents\":0}"'
ok "payer refund: a refund entry of +25.00 with PRI01 as the party" '[ "$(sqlite3 "$T/b.db" "SELECT e.amount_cents||'"'"' '"'"'||y.payer_code FROM ledger_entry e JOIN payer y ON y.id=e.payer_id WHERE e.kind='"'"'refund'"'"'")" = "2500 PRI01" ]'
ok "payer refund: audited (receipt by bea, eft)" '[ "$(sqlite3 "$T/b.db" "SELECT r.method||'"'"' '"'"'||u.username||'"'"' '"'"'||r.amount_cents FROM patient_receipt r JOIN app_user u ON u.id=r.user_id WHERE r.reference LIKE '"'"'refund to payer PRI01%'"'"'")" = "eft bea 2500" ]'
ok "no payer credit left" '"$CLEANCLAIM" ledger credits | grep -q "^0 payer credit balance(s), 0.00 in total$"'
ok "the books hold after the payer refund" '"$CLEANCLAIM" ledger check > /dev/null'
exit 0
