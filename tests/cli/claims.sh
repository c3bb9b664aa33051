#!/bin/sh
# claims.sh - `cleanclaim claims build|list` on the fixtures in
# tests/fixtures/claims. Expected claims worked out by hand: V1 one claim
# (125.00 + 80.50); V2 split by rendering provider (95.00 + 20.00, and
# 40.00); V3 to the PPO (in force until March 31); V4 to the Medicare plan
# (from April 1); V5 none to a payer (patient P3 has no coverage: a closed
# self-pay claim, its 200.00 owed by the patient).
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
check "fixtures import" $ok

out=$("$CLEANCLAIM" claims build --db "$DB"); rc=$?
check "build exits 0" $rc
# V5 (P3, no coverage, 200.00) is billed to the patient and said so.
[ "$out" = "built 5 claims
billed 1 self-pay visit to the patient (200.00): no coverage in force, on the next statement" ]; check "build makes 5 claims and bills 1 self-pay visit ($out)" $?

"$CLEANCLAIM" claims list --db "$DB" > "$T/list"
[ "$(wc -l < "$T/list")" -eq 6 ]; check "list shows 5 claims and the self-pay visit" $?
printf '%s\n' \
  "1	CC00000001	built	837P	SYNPPO1	P1	primary	2026-03-02	2026-03-02	2	205.50" \
  "2	CC00000002	built	837P	SYNPPO1	P1	primary	2026-03-09	2026-03-09	2	115.00" \
  "3	CC00000003	built	837P	SYNPPO1	P1	primary	2026-03-09	2026-03-09	1	40.00" \
  "4	CC00000004	built	837P	SYNPPO1	P2	primary	2026-03-20	2026-03-20	1	110.00" \
  "5	CC00000005	built	837P	SYNMCR	P2	primary	2026-04-05	2026-04-05	1	90.00" \
  "6	CC00000006	closed	837P	SELFPAY	P3	primary	2026-03-03	2026-03-03	1	200.00" \
  > "$T/want"
cmp -s "$T/list" "$T/want"; check "grouping per visit, rendering provider and payer in force" $?

out=$("$CLEANCLAIM" claims build --db "$DB")
[ "$out" = "built 0 claims" ]; check "a second build finds nothing left ($out)" $?

n=$("$CLEANCLAIM" claims list --status ready --db "$DB" | wc -l)
[ "$n" -eq 0 ]; check "no claim is ready before scrubbing" $?

"$CLEANCLAIM" claims list --json --status built --db "$DB" > "$T/json"
grep -q '^{"id":5,"claim":"CC00000005","status":"built","form":"837P","payer":"SYNMCR","patient":"P2","responsibility":"primary","first_date":"2026-04-05","last_date":"2026-04-05","lines":1,"total_cents":9000}$' "$T/json"
check "list --json, amounts in cents" $?

"$CLEANCLAIM" claims list --status bogus --db "$DB" > /dev/null 2> "$T/err"
[ $? -eq 2 ] && grep -q "no status 'bogus'" "$T/err"
check "an unknown status is a usage error that names the statuses" $?

"$CLEANCLAIM" claims frobnicate --db "$DB" > /dev/null 2>&1
[ $? -eq 2 ]; check "unknown verb is a usage error" $?
"$CLEANCLAIM" claims --help | grep -q "claims build"
check "--help" $?
exit 0
