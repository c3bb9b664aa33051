#!/bin/sh
# import_837.sh - `cleanclaim import claims FILE.837`. Expected values were
# read by hand from the files: CLM01, CLM02, 2010BB NM109 (payer ID), 2010BA
# NM109 (member ID), the patient's NM103/NM104 (2010CA when there is a PAT
# loop), the number of LX segments. tests/fixtures/import_837/clinic.837 is
# hand-written: Alice Tester (self, W100200300) with claims IMP1 (2 lines,
# 150.00) and IMP2 (1 line, 75.00), her son Ben (child) with IMP3 (60.00,
# pointer 3 past its one diagnosis); unplaceable.837 has a good claim OK1
# and BAD1 whose billing provider (segment 26) has no NPI and whose
# subscriber (segment 32) has no member ID.
# SAN_OK
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
X=${CC_SHARED:-$ROOT/../shared}/x12
F=$ROOT/tests/fixtures/import_837
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok() { if [ "$1" = 0 ]; then echo "ok - $2"; else echo "not ok - $2"; fi; }
has() { grep -qF -- "$1" "$T/out"; echo $?; }
fresh() { rm -f "$T/d.db"; "$CLEANCLAIM" init --db "$T/d.db" > /dev/null; }

# file | form | CLM01 | payer ID | total cents | lines | member ID | patient
while IFS='|' read -r file form clm payer cents lines member last first; do
  [ -n "$file" ] || continue
  fresh
  "$CLEANCLAIM" import claims "$X/$file" --db "$T/d.db" > "$T/out" 2> "$T/err"
  ok $? "$file: imported"
  ok "$(has "imported 1 of 1 claim ($form)")" "$file: one $form claim"
  "$CLEANCLAIM" claims list --json --db "$T/d.db" > "$T/out"
  ok "$(has "\"claim\":\"$clm\",\"status\":\"built\",\"form\":\"$form\",\"payer\":\"$payer\",\"patient\":\"837-000001\",\"responsibility\":")" \
    "$file: claim $clm to payer $payer, built"
  ok "$(has "\"lines\":$lines,\"total_cents\":$cents}")" "$file: $lines lines, total $cents cents"
  "$CLEANCLAIM" patient show 837-000001 --json --db "$T/d.db" > "$T/out"
  ok "$(has "\"last_name\":\"$last\",\"first_name\":\"$first\"")" "$file: patient $last, $first"
  ok "$(has "\"payer_id\":\"$payer\"")" "$file: coverage with payer $payer"
  ok "$(has "\"member_id\":\"$member\"")" "$file: member ID $member"
  ok "$(has "\"encounters\":[{\"encounter_id\":\"837:$payer:$clm\"")" "$file: one encounter"
done <<'TABLE'
837P/lfh__demo.autoaccident.837|837P|900000032|999888777|18500|2|B99977791G|DIMPSON|DJ
837P/lfh__demo.cob.example3.B.837|837P|26407789|567890|7904|3|222334444|SMITH|TED
837P/lfh__demo.cob.example4.837|837P|101KEN6055|10234|12000|1|102200221B1|MEDYUM|WAYNE
837P/lfh__demo.drug.example10.3.837|837P|CLMNO12345|PLANID12345|223293|6|MBRID01234|Smith|Steve
837P/oopfactory__Example1_HealthInsurance.txt|837P|26463774|999996666|10000|4|JS00111223333|SMITH|TED
837P/stupidedi__COB-claim-from-billing-provider-to-payer-a.edi|837P|26407789|999996666|7904|3|111223333|SMITH|TED
837P/stupidedi__ambulance.edi|837P|051068|123245|76650|4|012345678A|JONES|SARAH
837P/stupidedi__anesthesia.edi|837P|153829140|05440|82700|1|123456789A|JONES|MARGARET
837P/stupidedi__chiropractic.edi|837P|125WILL|C12345|14550|1|123456789A|WILLIAMSON|MATTHEW
837P/stupidedi__commercial-health-insurance.edi|837P|26463774|999996666|10000|4|JS00111223333|SMITH|TED
837P/stupidedi__drug-administered-in-the-physician-office.edi|837P|CLMNO12345|PLANID12345|10337|2|MBRID12345|Vaughn|Steve
837P/stupidedi__encounter.edi|837P|26462967|741234|10000|4|00221111|SMITH|TED
837P/stupidedi__home-infusion-therapy-pharmacy--adjudicated-with-HCPCS-in-loop-2400-or-NDC-in-loop-2410.edi|837P|CLMNO12345|PLANID12345|223293|6|MBRID01234|Smith|Steve
837P/stupidedi__medicare-secondary-payer-COB.edi|837P|101KEN6055|10234|12000|1|102200221B1|MEDYUM|WAYNE
837P/stupidedi__oxygen.edi|837P|R03996273 #01|99999|52024|2|111222333A|SMITH|TERRY
837P/stupidedi__ppo-repriced-claim.edi|837P|ABC123-RI|12345|2875|2|00124A089|RING|DIAMOND
837P/stupidedi__wheelchair.edi|837P|SMI123|99999|7500|1|987654321A|SMITH|JAMES
837I/lfh__institutional-claim.837i|837I|756048Q|00435|8993|2|030005074A|DOE|JON
837I/lfh__ppo-repriced-claim.837i|837I|456DFH43|7452723|23750|2|345U8423H|JONES|JOY
837I/stupidedi__837-institutional-claim.edi|837I|756048Q|00435|8993|2|030005074A|DOE|JOHN
837I/stupidedi__automobile-accident.edi|837I|67236695521|999888777|54500|4|B999777791G|MEXICO|RON
837I/stupidedi__out-of-network-repriced-claim.edi|837I|W392-49141|00123|1484|1|34902390F|SMITH|JAMES
837I/stupidedi__ppo-repriced-claim.edi|837I|456DFH43|7452723|23750|2|345U8423H|JONES|JOY
TABLE

# Samples the reader reads but whose claims cannot be placed: rejected
# whole, each problem at its segment and element.
fresh
"$CLEANCLAIM" import claims "$X/837P/lfh__demo.example12.837" --db "$T/d.db" > /dev/null 2> "$T/out"
ok $(( $? != 1 )) "example12: rejected (exit 1)"
# ISA16 is ':' but the SV1 composite is written with '>': no procedure code.
ok "$(has 'lfh__demo.example12.837:39:1: service line has no procedure or revenue code: claim TS234H3, line 1')" "example12: SV1 at segment 39"
fresh
"$CLEANCLAIM" import claims "$X/837P/imsweb__x12_valid.txt" --db "$T/d.db" > /dev/null 2> "$T/out"
ok $(( $? != 1 )) "imsweb valid: rejected (exit 1)"
# HI*BK*8901*BF*87200*BF:5559: qualifiers without codes (segments 23, 32).
ok "$(has 'imsweb__x12_valid.txt:23:1: diagnosis without a code (HI): claim A37YH556, diagnosis 1')" "imsweb: HI at segment 23"
ok "$(has 'imsweb__x12_valid.txt:32:1: diagnosis without a code (HI): claim A37YH667, diagnosis 1')" "imsweb: HI at segment 32"
"$CLEANCLAIM" import claims "$X/837P/imsweb__x12_bad_segment_identifier.txt" --db "$T/d.db" > /dev/null 2> "$T/out"
# NM31 instead of NM1 (segment 22): the first subscriber has no NM1*IL.
ok "$(has 'imsweb__x12_bad_segment_identifier.txt:22:9: no subscriber member ID (2010BA NM109): claim A37YH556')" "bad segment id: no member ID"
ok "$(test "$("$CLEANCLAIM" claims list --db "$T/d.db" | wc -l)" -eq 0; echo $?)" "rejected files leave no claims"

# Not an 837P/837I: an 835 is refused as a whole.
"$CLEANCLAIM" import claims "$X/835/lfh__managed-care.835" --db "$T/d.db" > /dev/null 2> "$T/out"
ok $(( $? != 1 )) "an 835: rejected"
ok "$(has 'not an 837P or 837I claim file')" "an 835: says it is not an 837"
printf 'account_no,last_name\n1,X\n' > "$T/p.csv"
"$CLEANCLAIM" import claims "$T/p.csv" --db "$T/d.db" > /dev/null 2> "$T/out"
ok $(( $? != 1 )) "a CSV file: rejected"

# The hand-written practice file: counts, matching within the file.
fresh
"$CLEANCLAIM" import claims "$F/clinic.837" --db "$T/d.db" > "$T/out" 2> "$T/err"
ok $? "clinic.837 imported"
ok "$(has 'imported 3 of 3 claims (837P)')" "clinic: 3 claims"
ok "$(has 'patients:   2 created, 0 matched')" "clinic: Alice and Ben"
ok "$(has 'coverages:  2 created, 0 matched')" "clinic: one coverage each"
ok "$(has 'payers:     1 created, 0 matched')" "clinic: one payer"
ok "$(has 'providers:  2 created, 0 matched')" "clinic: billing and rendering"
ok "$(has 'encounters: 3 created, 4 charge lines')" "clinic: 3 encounters, 4 lines"
ok "$(test -s "$T/err"; test $? = 1; echo $?)" "clinic: valid NPIs, no warnings"
"$CLEANCLAIM" patient show 837-000002 --json --db "$T/d.db" > "$T/out"
ok "$(has '"last_name":"TESTER","first_name":"ALICE"')" "Alice is 837-000002 (Ben's claim comes first)"
ok "$(has '"birth_date":"1980-02-15","sex":"F"')" "Alice's DMG"
ok "$(has '"relationship":"self","subscriber_last_name":null')" "Alice is her own subscriber"
ok "$(has '"effective_date":"2026-03-02"')" "coverage from her first date of service"
ok "$(has '{"id":2,"control_number":"IMP1"')" "IMP1 is Alice's"
ok "$(has '{"id":3,"control_number":"IMP2"')" "IMP2 is Alice's"
"$CLEANCLAIM" patient show 837-000001 --json --db "$T/d.db" > "$T/out"
ok "$(has '"last_name":"TESTER","first_name":"BEN"')" "Ben"
ok "$(has '"birth_date":"2015-06-20","sex":"M"')" "Ben's DMG"
ok "$(has '"member_id":"W100200300","group_number":"GRP77"')" "Ben's coverage: Alice's member ID"
ok "$(has '"relationship":"child","subscriber_last_name":"TESTER","subscriber_first_name":"ALICE"')" "Ben is Alice's child"
"$CLEANCLAIM" claim show IMP1 --json --db "$T/d.db" > "$T/out"
ok "$(has '"diagnoses":["J069","I10"]')" "IMP1 diagnoses"
ok "$(has '{"line_no":1,"code":"99213","modifiers":["25",null,null,null],"units_milli":1000,"from_date":"2026-03-02","to_date":"2026-03-02","charge_cents":10000')" "IMP1 line 1"
ok "$(has '{"line_no":2,"code":"87880","modifiers":[null,null,null,null],"units_milli":2000,"from_date":"2026-03-02","to_date":"2026-03-02","charge_cents":5000')" "IMP1 line 2: 2 units"
ok "$(has '"source":"import","detail":"imported from')" "history says where it came from"
ok "$(has 'CLM segment 37, claim 2 of the file')" "lineage: CLM at segment 37"

"$CLEANCLAIM" claims list --db "$T/d.db" > "$T/out"
TAB=$(printf '\t')
ok "$(test "$(grep -c "${TAB}built${TAB}" "$T/out")" -eq 3; echo $?)" "claims list: 3 built claims"

# The same file twice changes nothing.
sqlite3 "$T/d.db" .dump | grep -v '^INSERT INTO sqlite_' > "$T/before"
"$CLEANCLAIM" import claims "$F/clinic.837" --db "$T/d.db" > "$T/out" 2> "$T/err"
ok $? "clinic.837 again: exit 0"
ok "$(has 'imported 0 of 3 claims (837P) from')" "again: nothing imported"
ok "$(has '3 skipped as already imported')" "again: 3 skipped"
ok "$(grep -c 'claim already imported, skipped: CLM01 IMP1 to payer SYN01 is claim 2' "$T/err" | grep -qx 1; echo $?)" "again: each skip reported"
sqlite3 "$T/d.db" .dump | grep -v '^INSERT INTO sqlite_' > "$T/after"
cmp -s "$T/before" "$T/after"; ok $? "again: database unchanged"

# A file with an unplaceable claim is rejected whole.
"$CLEANCLAIM" import claims "$F/unplaceable.837" --db "$T/d.db" > "$T/out" 2> "$T/err"
ok $(( $? != 1 )) "unplaceable: exit 1"
grep -qF 'unplaceable.837:26:9: no billing provider NPI (2010AA NM109): claim BAD1' "$T/err"; ok $? "unplaceable: billing NPI at 26:9"
grep -qF 'unplaceable.837:32:9: no subscriber member ID (2010BA NM109): claim BAD1' "$T/err"; ok $? "unplaceable: member ID at 32:9"
grep -qF 'unplaceable.837: rejected, nothing imported (2 errors in 2 claims)' "$T/err"; ok $? "unplaceable: summary"
sqlite3 "$T/d.db" .dump | grep -v '^INSERT INTO sqlite_' > "$T/after"
cmp -s "$T/before" "$T/after"; ok $? "unplaceable: database unchanged (OK1 not kept either)"

"$CLEANCLAIM" import claims "$F/unplaceable.837" --json --db "$T/d.db" > "$T/out" 2>&1
ok "$(has '"imported":false,"form":"837P","claims":2,"claims_imported":0')" "unplaceable --json: not imported"
ok "$(has '{"rejects":true,"segment":26,"element":9,"message":"no billing provider NPI (2010AA NM109)"')" "unplaceable --json: problem with position"

# The imported claims go through the scrubber: IMP3's pointer 3 has one
# diagnosis to point at; IMP1 is clean (no code sets loaded: structure,
# NPI, demographics and pointer rules).
"$CLEANCLAIM" scrub --claim IMP3 --db "$T/d.db" --as-of 2026-04-15 > "$T/out" 2>&1
ok $(( $? != 1 )) "scrub IMP3: exit 1"
ok "$(has "IMP3:1: DX_POINTER_INVALID error: diagnosis pointer 3 points past the claim's 1 diagnosis")" "scrub IMP3: pointer past the diagnoses"
ok "$(has '1 claims checked: 0 clean, 1 with errors, 0 with warnings')" "scrub IMP3: one error"
"$CLEANCLAIM" scrub --claim IMP1 --db "$T/d.db" --as-of 2026-04-15 > "$T/out" 2>&1
ok $? "scrub IMP1: clean"
ok "$(has '1 claims checked: 1 clean, 0 with errors, 0 with warnings')" "scrub IMP1: summary"
"$CLEANCLAIM" claims list --status ready --db "$T/d.db" > "$T/out"
ok "$(has 'IMP1')" "IMP1 moved to ready"

# A bad NPI check digit is reported, not a rejection.
fresh
sed 's/XX\*1456789019/XX*1456789010/' "$F/clinic.837" > "$T/badnpi.837"
"$CLEANCLAIM" import claims "$T/badnpi.837" --db "$T/d.db" > "$T/out" 2> "$T/err"
ok $? "bad NPI check digit: still imported"
grep -qF 'badnpi.837:39:9: NPI fails its check digit; imported as written: claim IMP1: rendering provider NPI 1456789010' "$T/err"; ok $? "bad NPI: warning at the NM1*82"
"$CLEANCLAIM" scrub --claim IMP1 --db "$T/d.db" --as-of 2026-04-15 > "$T/out" 2>&1
ok "$(has 'NPI_INVALID')" "bad NPI: the scrubber holds the claim"

# A claim in the database under the same CLM01 for another payer.
fresh
"$CLEANCLAIM" import claims "$X/837P/stupidedi__COB-claim-from-billing-provider-to-payer-a.edi" --db "$T/d.db" > /dev/null 2>&1
"$CLEANCLAIM" import claims "$X/837P/lfh__demo.cob.example3.B.837" --db "$T/d.db" > /dev/null 2> "$T/out"
ok $(( $? != 1 )) "same CLM01, other payer: rejected"
ok "$(has 'CLM01 already used for another payer: CLM01 26407789 is claim 1 to payer 999996666; a claim to payer 567890 needs its own patient control number')" "same CLM01, other payer: says which"

# Other payers' coverages from the COB loops. In
# stupidedi__medicare-secondary-payer-COB.edi (read by hand) the claim goes
# to Medicare (10234, SBR*S*18, member 102200221B1) and its 2320 names the
# primary: SBR*P*01 (spouse) SBR09 CI, 2330A MEDYUM CAROL MI COM188-404777,
# 2330B COMMERCE PI 59999; first date of service 2005-01-19.
fresh
COB="$X/837P/stupidedi__medicare-secondary-payer-COB.edi"
"$CLEANCLAIM" import claims "$COB" --db "$T/d.db" > "$T/out" 2> /dev/null
ok $? "COB sample: imported"
ok "$(has 'coverages:  2 created, 0 matched')" "COB sample: two coverages"
ok "$(has 'payers:     2 created, 0 matched')" "COB sample: two payers"
"$CLEANCLAIM" patient show 837-000001 --json --db "$T/d.db" > "$T/out"
ok "$(has '"priority":"primary","payer_id":"59999","payer_name":"COMMERCE","member_id":"COM188-404777","group_number":null,"plan_name":"COMMERCE","relationship":"spouse","subscriber_last_name":"MEDYUM","subscriber_first_name":"CAROL","effective_date":"2005-01-19"')" \
  "COB sample: the other payer's coverage, primary, spouse's plan"
ok "$(has '"priority":"secondary","payer_id":"10234"')" "COB sample: Medicare secondary"
"$CLEANCLAIM" payer show 59999 --json --db "$T/d.db" > "$T/out"
ok "$(has '"CI"')" "COB sample: other payer filed as CI (its SBR09)"
"$CLEANCLAIM" patient show 837-000001 --json --db "$T/d.db" > "$T/before"
"$CLEANCLAIM" import claims "$COB" --db "$T/d.db" > "$T/out" 2> /dev/null
ok "$(has 'coverages:  0 created, 0 matched')" "COB sample twice: no coverage touched"
"$CLEANCLAIM" patient show 837-000001 --json --db "$T/d.db" > "$T/out"
cmp -s "$T/before" "$T/out"; ok $? "COB sample twice: the patient is unchanged"
