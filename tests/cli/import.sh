# import.sh - `cleanclaim import`: the fixtures go in, bad rows come out as
# FILE:ROW:COLUMN with exit 1 and change nothing, usage errors exit 2.
# SAN_OK
F=$(cd "$(dirname "$0")/../fixtures/import" && pwd)
T=$(mktemp -d)
DB="$T/t.db"
ok() { if [ "$1" = 0 ]; then echo "ok - $2"; else echo "not ok - $2"; fi; }
"$CLEANCLAIM" init --db "$DB" >/dev/null; ok $? "init"
for k in providers payers patients coverages authorizations encounters; do
  for f in "$F"/$k.*; do
    "$CLEANCLAIM" import $k "$f" --db "$DB" > "$T/out" 2>&1
    ok $? "import $k $(basename "$f")"
  done
done
"$CLEANCLAIM" patient show A1001 --db "$DB" > "$T/p"
ok $? "patient show"
grep -q "^    member_id: M0001$" "$T/p"; ok $? "patient show lists the coverage"
grep -q "^    charge: 205.50$" "$T/p"; ok $? "encounter E-1 totals 125.00 + 80.50"
"$CLEANCLAIM" payer show SYNPPO1 --json --db "$DB" > "$T/j"
grep -q '"allowed_cents":9010' "$T/j"; ok $? "payer show --json keeps cents"
printf 'account_no,last_name,first_name,birth_date,sex\nA1001,Changed,Pat,1980-02-29,F\nZ1,Bad,Sex,1990-01-01,Q\n' > "$T/bad.csv"
"$CLEANCLAIM" import patients "$T/bad.csv" --db "$DB" 2> "$T/err"
[ $? = 1 ]; ok $? "bad file exits 1"
grep -q "^$T/bad.csv:3:sex: not an accepted value" "$T/err"; ok $? "error names FILE:ROW:COLUMN"
"$CLEANCLAIM" patient show A1001 --db "$DB" | grep -q "^last_name: Sample$"
ok $? "rejected file changed nothing"
"$CLEANCLAIM" import widgets "$T/bad.csv" --db "$DB" 2>/dev/null
[ $? = 2 ]; ok $? "unknown kind is a usage error"
"$CLEANCLAIM" import --help | grep -q "encounters"; ok $? "import --help"
"$CLEANCLAIM" patient show NOPE --db "$DB" 2>/dev/null
[ $? = 1 ]; ok $? "unknown patient exits 1"
rm -rf "$T"
exit 0
