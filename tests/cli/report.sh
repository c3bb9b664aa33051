#!/bin/sh
# report.sh - `cleanclaim report` end to end on the hand-worked fixture
# tests/fixtures/report/practice.sql: text, CSV (RFC 4180), JSON, XLSX (a
# zip holding the sheet and its strings), exit codes and help.
# SAN_OK
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d)
DB="$T/r.db"
ok() { echo "ok - $1"; }
no() { echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else no "$1"; fi; }
"$CLEANCLAIM" init --db "$DB" > /dev/null 2>&1
sqlite3 "$DB" < "$ROOT/tests/fixtures/report/practice.sql"
R() { "$CLEANCLAIM" report --db "$DB" --as-of 2026-11-26 "$@"; }

out=$(R aging --format csv)
check "aging csv header" 'echo "$out" | head -1 | grep -q "^payer_id,payer_name,claims,days_0_30_cents,days_31_60_cents,days_61_90_cents,days_91_120_cents,over_120_cents,total_cents"'
check "aging csv quotes a name with a comma" 'echo "$out" | grep -q "^ACME01,\"Acme Health, Inc.\",7,100.00,300.00,900.00,1300.00,800.00,3400.00"'
R aging --format csv | head -1 | od -An -c > "$T/od"
check "aging csv lines end in CRLF" 'grep -q "\\\\r  *\\\\n" "$T/od"'
check "aging total row" 'echo "$out" | grep -q "^TOTAL,All responsible parties,9,150.00,330.00,900.00,1300.00,800.00,3480.00"'

out=$(R aging --to 2026-11-05 --format csv)
check "aging as of an earlier day" 'echo "$out" | grep -q "^ACME01,\"Acme Health, Inc.\",8,300.00,700.00,1100.00,1500.00,0.00,3600.00"'
out=$(R aging --by submission --format csv)
check "aging by submission" 'echo "$out" | grep -q "^ACME01,\"Acme Health, Inc.\",7,900.00,300.00,1600.00,600.00,0.00,3400.00"'

out=$(R kpi --json)
check "kpi json clean claim rate 66.67%" 'echo "$out" | grep -q "\"metric\":\"clean_claim_rate\",\"basis\":\"claims\",\"numerator\":2,\"denominator\":3,\"value\":6667"'
check "kpi json days in A/R 298.3" 'echo "$out" | grep -q "\"metric\":\"days_in_ar\",\"basis\":\"dollars\",\"numerator\":348000,\"denominator\":105000,\"value\":2983"'
check "kpi json days to pay" 'echo "$out" | grep -q "\"payer_id\":\"ACME01\",\"payer_name\":\"Acme Health, Inc.\",\"claims\":2,\"total_days\":81,\"average_days_x10\":405"'
out=$(R kpi)
check "kpi table shows percent" 'echo "$out" | grep -q "^denial_rate_dollars .* 21.05%"'

out=$(R denials --by category --per week --format csv)
check "denials by category per week" 'echo "$out" | grep -q "^2026-11-09,authorization,,1,1,400.00"'
out=$(R followup --format csv --limit 1)
check "followup oldest first" 'echo "$out" | sed -n 2p | grep -q "^C6,A001,ACME01,2026-08-27,,submitted,91,600.00"'
out=$(R timely-filing --format csv)
check "timely filing expired first" 'echo "$out" | sed -n 2p | grep -q "^C11,A002,ACME01,90,2026-08-20,2026-11-18,-8,expired,rejected,99.00"'

R aging --format xlsx --out "$T/aging.xlsx"; rc=$?
check "xlsx written" '[ $rc -eq 0 ] && [ -s "$T/aging.xlsx" ]'
check "xlsx is a zip with the aging sheet" 'unzip -l "$T/aging.xlsx" | grep -q "xl/worksheets/sheet1.xml" && unzip -p "$T/aging.xlsx" xl/workbook.xml | grep -q "name=\"aging\""'
check "xlsx shared strings hold the payer" 'unzip -p "$T/aging.xlsx" xl/sharedStrings.xml | grep -q "Acme Health, Inc."'
check "xlsx holds 3400.00 as a number" 'unzip -p "$T/aging.xlsx" xl/worksheets/sheet1.xml | grep -q "<v>3400</v>"'
R kpi --format xlsx --out "$T/kpi.xlsx"
check "kpi xlsx has two sheets" 'unzip -p "$T/kpi.xlsx" xl/workbook.xml | grep -q "name=\"days_to_pay\""'

R aging --format xlsx > /dev/null 2>&1; rc=$?
check "xlsx without --out is a usage error" '[ $rc -eq 2 ]'
R nosuch > /dev/null 2>&1; rc=$?
check "unknown report is a usage error" '[ $rc -eq 2 ]'
R aging --payer NOPE > /dev/null 2>"$T/err"; rc=$?
check "unknown payer exits 1 and names it" '[ $rc -eq 1 ] && grep -q NOPE "$T/err"'
R kpi --from 2026-13-01 > /dev/null 2>&1; rc=$?
check "bad date is a usage error" '[ $rc -eq 2 ]'
check "help lists the reports" '"$CLEANCLAIM" report --help | grep -q "timely-filing"'
rm -rf "$T"
exit 0
