#!/bin/sh
# combine.sh - `claims build --combine` on tests/fixtures/claims with
# SYNPPO1 allowing visits 14 days apart on one claim: V1 and V2 of patient
# P1 (7 days apart, same providers) become one claim of 320.50 (125.00 +
# 80.50 + 95.00 + 20.00); V2's 94640 (another rendering provider), V3 and
# V4 one claim each; V5 self-pay. Without --combine nothing is combined.
# SAN_OK
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
F="$ROOT/tests/fixtures/claims"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
check() { # label, condition result
  if [ "$2" = 0 ]; then echo "ok - $1"; else echo "not ok - $1"; fi
}
setup() { # db
  "$CLEANCLAIM" init --db "$1" > /dev/null
  for k in providers payers patients coverages; do
    "$CLEANCLAIM" import $k "$F/$k.csv" --db "$1" > /dev/null || return 1
  done
  "$CLEANCLAIM" import encounters "$F/encounters.json" --db "$1" > /dev/null || return 1
  printf 'payer_id,name,filing_indicator,rules\nSYNPPO1,Synthetic PPO,CI,"{""combine_visits_days"":14}"\n' > "$T/rule.csv"
  "$CLEANCLAIM" import payers "$T/rule.csv" --db "$1" > /dev/null
}
setup "$T/a.db"; check "set-up with the payer rule combine_visits_days 14" $?
"$CLEANCLAIM" payer show SYNPPO1 --db "$T/a.db" | grep -q "^  combine_visits_days: 14$"
check "payer show: the rule" $?
out=$("$CLEANCLAIM" claims build --combine --db "$T/a.db"); rc=$?
[ $rc = 0 ] && [ "$out" = "built 4 claims (1 combining visits)
billed 1 self-pay visit to the patient (200.00): no coverage in force, on the next statement" ]
check "build --combine: 4 claims, 1 of them combining visits ($out)" $?
"$CLEANCLAIM" claims list --db "$T/a.db" | head -1 | grep -q "^1	CC00000001	built	837P	SYNPPO1	P1	primary	2026-03-02	2026-03-09	4	320.50$"
check "V1+V2: 4 lines, 320.50, 2026-03-02 to 2026-03-09" $?
setup "$T/b.db"
out=$("$CLEANCLAIM" claims build --db "$T/b.db")
[ "$out" = "built 5 claims
billed 1 self-pay visit to the patient (200.00): no coverage in force, on the next statement" ]; check "without --combine: one claim per visit ($out)" $?
exit 0
