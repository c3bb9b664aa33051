#!/bin/sh
# patient_show.sh - `patient show` tells what the last 271 said about each
# coverage. tests/fixtures/cycle/elig_deductible.271 read by hand: BHT04
# 20261120 (checked), EB*1 active, plan SILVER PLAN, in-network (EB12 Y)
# individual deductible 1500.00 with 1250.50 left, out-of-pocket 6000.00
# with 5800.00 left, coinsurance .2 (20%), copay 25.00. Also tidy text:
# list entries start "- " (not "-:"), an unset modifier is not printed.
# SAN_OK
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d)
DB="$T/p.db"
trap 'rm -rf "$T"' EXIT
check() { # label, condition result
  if [ "$2" = 0 ]; then echo "ok - $1"; else echo "not ok - $1"; fi
}
"$CLEANCLAIM" init --db "$DB" > /dev/null
printf 'account_no,last_name,first_name,birth_date,sex\nJ1,DOE,JANE,1980-01-01,F\n' > "$T/patients.csv"
printf 'payer_id,name,filing_indicator,rules\nACME01,ACME HEALTH,CI,"{""fee_schedule"":[{""code"":""99213"",""allowed"":""80.00"",""effective_date"":""2026-01-01""}]}"\n' > "$T/payers.csv"
printf 'patient,payer_id,priority,member_id,plan_name,effective_date\nJ1,ACME01,primary,M100,Silver,2026-01-01\n' > "$T/coverages.csv"
ok=0
for k in patients payers coverages; do
  "$CLEANCLAIM" import $k "$T/$k.csv" --db "$DB" > /dev/null || ok=1
done
check "set-up: patient J1 with ACME01 coverage M100" $ok

"$CLEANCLAIM" patient show J1 --db "$DB" > "$T/before"
! grep -q "eligibility" "$T/before"
check "no 271 yet: no eligibility shown" $?

"$CLEANCLAIM" receive "$ROOT/tests/fixtures/cycle/elig_deductible.271" --db "$DB" > /dev/null
check "receive the 271" $?

"$CLEANCLAIM" patient show J1 --db "$DB" > "$T/text"
cat > "$T/want" <<'W'
    eligibility:
      checked_date: 2026-11-20
      active: true
      plan: SILVER PLAN
      copay: 25.00
      coinsurance: 20%
      deductible: 1500.00
      deductible_remaining: 1250.50
      out_of_pocket_max: 6000.00
      out_of_pocket_remaining: 5800.00
W
grep -A9 "^    eligibility:$" "$T/text" > "$T/got"
cmp -s "$T/got" "$T/want"; check "text: active, plan, copay, coinsurance, deductible and OOP with what is left, checked date" $?
grep -q "^  - id: 1$" "$T/text" && ! grep -q -- "-:" "$T/text"
check "text: a coverage is a '- ' list entry, no '-:'" $?

"$CLEANCLAIM" patient show J1 --json --db "$DB" > "$T/json"
grep -q '"eligibility":{"checked_date":"2026-11-20","active":true,"plan":"SILVER PLAN","copay_cents":2500,"coinsurance_bp":2000,"deductible_cents":150000,"deductible_remaining_cents":125050,"out_of_pocket_max_cents":600000,"out_of_pocket_remaining_cents":580000' "$T/json"
check "--json: the same in cents and basis points" $?

"$CLEANCLAIM" payer show ACME01 --db "$DB" > "$T/payer"
! grep -q "modifier: *$" "$T/payer" && grep -q "^    - code: 99213$" "$T/payer"
check "payer show: no empty 'modifier: ' line, fee entries as '- '" $?
exit 0
