#!/bin/sh
# tests/cli/payersim.sh - cleanclaim payersim end to end: answers written,
# every answer valid, the 835 pays what the fixture works out by hand, same
# seed gives the same bytes, the outbox is drained, usage errors exit 2.
# SAN_OK
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
F="$ROOT/tests/fixtures/payersim"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok() { echo "ok - $1"; }
no() { echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else no "$1"; fi; }

"$CLEANCLAIM" payersim --help > "$T/help" 2>&1
check "help exits 0 and documents the profile format" \
  "[ $? -eq 0 ] && grep -q allowed_cents '$T/help' && grep -q coinsurance_pct '$T/help'"

"$CLEANCLAIM" payersim run --profile "$F/ppo.json" --state "$T/st" \
  --out "$T/a" "$F/claims.837" "$F/eligibility.270" > "$T/run.out" 2>&1
check "run exits 0" "[ $? -eq 0 ]"
check "run writes a 999, a 277CA, a 999 and a 271" \
  "[ \$(grep -c '^wrote' '$T/run.out') -eq 4 ] && ls '$T/a' | grep -q '277ca$' && ls '$T/a' | grep -q '271$'"
check "277CA rejects the unknown member and the bad NPI" \
  "grep -q 'STC\*A3:33:IL' '$T'/a/*.277ca && grep -q 'STC\*A7:562:85' '$T'/a/*.277ca"

"$CLEANCLAIM" payersim pay --profile "$F/ppo.json" --state "$T/st" \
  --date 2026-03-23 --out "$T/a" > "$T/pay0.out" 2>&1
check "nothing is paid before days_to_pay (received 03-10 + 14)" \
  "[ $? -eq 0 ] && ! grep -q 835 '$T/pay0.out'"
"$CLEANCLAIM" payersim pay --profile "$F/ppo.json" --state "$T/st" \
  --date 2026-03-24 --out "$T/a" > "$T/pay.out" 2>&1
check "pay on 2026-03-24 writes one 835" "[ \$(grep -c '835' '$T/pay.out') -eq 1 ]"
# By hand: PCN1001 0 (deductible), PCN1002 360, PCN1003 40 + 360 + 100.
check "BPR02 is 860.00 and the check goes with it" \
  "grep -q '^BPR\*C\*860\*C\*CHK' '$T'/a/*.835"
check "CLP echoes CLM01 and line control numbers" \
  "grep -q '^CLP\*PCN1002\*1\*1000\*360\*440\*12\*' '$T'/a/*.835 && grep -q '^REF\*6R\*PCN1003L2' '$T'/a/*.835"
"$CLEANCLAIM" x12 validate "$T"/a/* > "$T/val.out" 2>&1
check "every answer validates with zero errors" \
  "[ $? -eq 0 ] && [ \$(grep -c ' 0 errors' '$T/val.out') -eq \$(ls '$T/a' | wc -l) ]"

"$CLEANCLAIM" payersim pay --profile "$F/ppo.json" --state "$T/st" \
  --date 2026-03-30 --out "$T/a" > "$T/pay2.out" 2>&1
check "a claim is paid once" "[ $? -eq 0 ] && ! grep -q 835 '$T/pay2.out'"

for d in b c; do
  "$CLEANCLAIM" payersim run --seed 9 --profile "$F/ppo.json" --date 2026-03-31 \
    --out "$T/$d" "$F/claims.837" > /dev/null 2>&1
done
check "same seed and inputs give the same bytes" \
  "[ -n \"\$(ls '$T/b')\" ] && diff -r '$T/b' '$T/c' > /dev/null"

mkdir -p "$T/outbox"
cp "$F/status.276" "$T/outbox/"
"$CLEANCLAIM" payersim run --profile "$F/ppo.json" --state "$T/st" \
  --outbox "$T/outbox" --out "$T/d" > "$T/ob.out" 2>&1
check "the outbox is read and moved to done" \
  "[ $? -eq 0 ] && [ -f '$T/outbox/done/status.276' ] && [ ! -f '$T/outbox/status.276' ]"
check "the 277 reports the paid claim (F1:65) and the unknown one (D0:35)" \
  "grep -q 'STC\*F1:65' '$T'/d/*.277 && grep -q 'STC\*D0:35' '$T'/d/*.277"

"$CLEANCLAIM" payersim run "$F/claims.837" > /dev/null 2>&1
check "no profile is a usage error (exit 2)" "[ $? -eq 2 ]"
"$CLEANCLAIM" payersim pay --profile "$F/ppo.json" --date 03/24/2026 > /dev/null 2>&1
check "a bad date is a usage error (exit 2)" "[ $? -eq 2 ]"
"$CLEANCLAIM" payersim run --profile /nonexistent.json "$F/claims.837" > "$T/e.out" 2>&1
check "a missing profile exits 1 with a message" \
  "[ $? -eq 1 ] && grep -q 'payer profile' '$T/e.out'"
exit 0
