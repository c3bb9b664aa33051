#!/bin/sh
# scrub.sh - `cleanclaim scrub` on a hand-written 837 (tests/fixtures/scrub/
# two_claims.837): one clean claim, and one whose defects were put there on
# purpose (no DMG, header code E11, a pointer past the diagnoses, the PTP
# pair 20610/20604 of the fixture table with indicator 0, lines adding up to
# 130.00 against a total of 140.00). The second claim is judged on its own.
# SAN_OK
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
D=${CC_SHARED:-$ROOT/../shared}/data
F=$ROOT/tests/fixtures/scrub
T=$(mktemp -d)
DB=$T/s.db
ok() { if [ "$1" = 0 ]; then echo "ok - $2"; else echo "not ok - $2"; fi; }
has() { grep -qF -- "$1" "$T/out"; echo $?; }

"$CLEANCLAIM" codes load icd10cm "$D/icd10cm/icd10cm_order_2026.txt" --db "$DB" >/dev/null &&
"$CLEANCLAIM" codes load hcpcs "$D/hcpcs/hcpcs_2025_oct_codes.csv" --db "$DB" >/dev/null &&
"$CLEANCLAIM" codes load modifiers "$D/hcpcs/hcpcs_2025_oct_modifiers.csv" --db "$DB" >/dev/null &&
"$CLEANCLAIM" codes load pos "$D/place_of_service/place_of_service_codes.csv" --db "$DB" >/dev/null &&
"$CLEANCLAIM" codes load cpt "$D/cms_pfs_rvu/PPRRVU2025_Oct_nodesc_cpt.csv" --db "$DB" >/dev/null &&
"$CLEANCLAIM" codes load ncci-ptp "$F/ncci_ptp.txt" --db "$DB" >/dev/null &&
"$CLEANCLAIM" codes load mue "$F/mue.csv" --db "$DB" >/dev/null
ok $? "code sets and NCCI fixtures load"

"$CLEANCLAIM" scrub "$F/two_claims.837" --db "$DB" --as-of 2026-04-15 > "$T/out" 2>"$T/err"
ok $(( $? != 1 )) "exit 1 when a claim has errors"
ok "$(grep -c '^GOOD1:' "$T/out" | grep -qx 0; echo $?)" "the clean claim has no findings"
ok "$(has 'BAD2:-: DEMOGRAPHICS_MISSING error: subscriber SAMPLE, PAT has no birth date (DMG02), sex (DMG03)')" "missing DMG is a finding on its claim"
ok "$(has 'BAD2:-: DX_NOT_BILLABLE error: diagnosis 1, E11 ')" "header code E11"
ok "$(has 'BAD2:1: DX_POINTER_INVALID error: diagnosis pointer 3 points past')" "pointer past the diagnoses"
ok "$(has 'BAD2:2: NCCI_PTP error: 20604 (line 2) is never paid with 20610')" "PTP pair, indicator 0"
ok "$(has 'BAD2:-: CHARGE_INVALID error: the claim total 140.00 does not equal the line charges, 130.00')" "lines not adding up"
ok "$(has '2 claims checked: 1 clean, 1 with errors, 0 with warnings')" "summary"
grep -q '; fix: ' "$T/out"; ok $? "findings carry a fix"

"$CLEANCLAIM" scrub "$F/two_claims.837" --db "$DB" --as-of 2026-04-15 --json > "$T/out" 2>/dev/null
ok "$(has '{"claim":"BAD2","line":null,"rule":"DX_NOT_BILLABLE","severity":"error"')" "JSON finding, claim level"
ok "$(has '"rule":"NCCI_PTP","severity":"error"')" "JSON NCCI finding"
grep -q '"source":"NCCI PTP edit 20610/20604, effective 2015-01-01' "$T/out"; ok $? "JSON cites the edit-table row"

# The day before the service, the service is in the future.
"$CLEANCLAIM" scrub "$F/two_claims.837" --db "$DB" --as-of 2026-03-01 > "$T/out" 2>&1
ok "$(has 'GOOD1:1: DATE_INVALID error: the date of service 2026-03-02 is in the future')" "--as-of moves today"

# Text output cites the source after the fix.
"$CLEANCLAIM" scrub "$F/two_claims.837" --db "$DB" --as-of 2026-04-15 > "$T/out" 2>&1
ok "$(has 'BAD2:2: NCCI_PTP error: 20604 (line 2) is never paid with 20610 on 2026-03-02 by the same provider; fix: remove 20604: it is part of 20610 on the same day and no modifier allows it [source: NCCI PTP edit 20610/20604, effective 2015-01-01')" "text cites the edit-table row"

# Database modes on an imported practice (tests/fixtures/scrub/practice):
# claim CC00000001 (S1: 99213 for E11.9) is clean; CC00000002 (S2: the
# header E11) has one error. As of 2026-04-15 the PPO's 365 days are far.
P=$ROOT/tests/fixtures/scrub/practice
PDB=$T/p.db
"$CLEANCLAIM" init --db "$PDB" > /dev/null
r=0
for k in providers payers patients coverages; do
  "$CLEANCLAIM" import $k "$P/$k.csv" --db "$PDB" > /dev/null || r=1
done
"$CLEANCLAIM" import encounters "$P/encounters.json" --db "$PDB" > /dev/null || r=1
"$CLEANCLAIM" claims build --db "$PDB" > /dev/null || r=1
"$CLEANCLAIM" codes load icd10cm "$D/icd10cm/icd10cm_order_2026.txt" --db "$PDB" > /dev/null || r=1
"$CLEANCLAIM" codes load cpt "$D/cms_pfs_rvu/PPRRVU2025_Oct_nodesc_cpt.csv" --db "$PDB" > /dev/null || r=1
ok $r "practice imported and claims built"

"$CLEANCLAIM" scrub --ready --db "$PDB" --as-of 2026-04-15 > "$T/out" 2>&1
ok "$(has '0 claims checked: 0 clean, 0 with errors, 0 with warnings')" "--ready: no claim is ready before scrubbing"

"$CLEANCLAIM" scrub --all --db "$PDB" --as-of 2026-04-15 > "$T/out" 2>&1
ok $(( $? != 1 )) "--all exits 1 (one claim has errors)"
ok "$(has 'CC00000002:-: DX_NOT_BILLABLE error: diagnosis 1, E11 ')" "--all: the header code is found"
ok "$(grep -c '^CC00000001:' "$T/out" | grep -qx 0; echo $?)" "--all: the clean claim has no findings"
ok "$(has '2 claims checked: 1 clean, 1 with errors, 0 with warnings')" "--all summary"
"$CLEANCLAIM" claims list --db "$PDB" | cut -f2,3 > "$T/st"
printf 'CC00000001\tready\nCC00000002\theld\n' > "$T/want"
cmp -s "$T/st" "$T/want"; ok $? "clean claim ready, claim with errors held"

"$CLEANCLAIM" scrub --ready --db "$PDB" --as-of 2026-04-16 > "$T/out" 2>&1
ok $? "--ready: the ready claim is still clean (exit 0)"
ok "$(has '1 claims checked: 1 clean, 0 with errors, 0 with warnings')" "--ready judges only the ready claim"

"$CLEANCLAIM" scrub --claim CC00000002 --db "$PDB" --as-of 2026-04-16 --json > "$T/out" 2>/dev/null
ok $(( $? != 1 )) "--claim by CLM01 exits 1"
ok "$(has '{"claim":"CC00000002","line":null,"rule":"DX_NOT_BILLABLE","severity":"error"')" "--claim --json"
"$CLEANCLAIM" scrub --claim 99 --db "$PDB" > /dev/null 2>&1
ok $(( $? != 1 )) "--claim of an unknown id fails"

# Runs and findings are recorded: S1 clean on its first scrub, S2 not, so
# the clean-claim rate over April is 1 of 2 whatever the later scrubs said.
"$CLEANCLAIM" report kpi --db "$PDB" --from 2026-04-01 --to 2026-04-30 --json > "$T/out" 2>&1
ok "$(has '{"metric":"clean_claim_rate","basis":"claims","numerator":1,"denominator":2,')" "clean-claim rate reads the first scrub of each claim"

"$CLEANCLAIM" scrub > /dev/null 2>&1; ok $(( $? != 2 )) "usage error exits 2"
"$CLEANCLAIM" scrub --rules | grep -q '^NCCI_PTP '; ok $? "--rules lists the rules"
rm -rf "$T"
exit 0
