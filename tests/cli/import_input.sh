# import_input.sh - what a user meets with the wrong file or database:
# binary or non-UTF-8 import files, errors outside any data row, a missing
# file, a bare --db, a database from a newer cleanclaim or not a database.
# SAN_OK
T=$(mktemp -d)
ok() { if [ "$1" = 0 ]; then echo "ok - $2"; else echo "not ok - $2"; fi; }
"$CLEANCLAIM" init --db "$T/p.db" >/dev/null

# A binary file (here: bytes that are no text at all) is one clear error.
printf '\320\317\021\340\241\261\032\341\000\000binary' > "$T/sheet.csv"
"$CLEANCLAIM" import patients "$T/sheet.csv" --db "$T/p.db" 2>"$T/err"
[ $? = 1 ]; ok $? "binary file exits 1"
grep -q "^$T/sheet.csv:1: not a text file: byte 0 (0xD0)" "$T/err"; ok $? "binary file: not a text file, byte 0"
[ "$(wc -l < "$T/err")" = 2 ]; ok $? "binary file: one error and the summary, no garbage column names"

# Latin-1 (a spreadsheet's plain "CSV"): the byte and its line are named.
printf 'account_no,last_name,first_name,birth_date,sex\nL1,Jos\351,Ana,1990-01-01,F\n' > "$T/latin.csv"
"$CLEANCLAIM" import patients "$T/latin.csv" --db "$T/p.db" 2>"$T/err"
[ $? = 1 ]; ok $? "latin-1 file exits 1"
grep -q "^$T/latin.csv:2: not a text file: byte 53 (0xE9)" "$T/err"; ok $? "latin-1 file: line 2, byte 53"
# The same row in UTF-8 imports.
printf 'account_no,last_name,first_name,birth_date,sex\nL1,Jos\303\251,Ana,1990-01-01,F\n' > "$T/utf8.csv"
"$CLEANCLAIM" import patients "$T/utf8.csv" --db "$T/p.db" >/dev/null 2>&1; ok $? "UTF-8 file imports"

# Errors that belong to no data row do not read "in 1 of 0 rows".
printf 'account_no,last_name,first_name,birth_date,sex,shoe_size\nC1,A,B,1990-01-01,F,9\n' > "$T/col.csv"
"$CLEANCLAIM" import patients "$T/col.csv" --db "$T/p.db" 2>"$T/err"
grep -qx "$T/col.csv: rejected, nothing imported (1 error)" "$T/err"; ok $? "header error: summary counts the error only"
printf '[{"account_no":"J1"' > "$T/cut.json"
"$CLEANCLAIM" import patients "$T/cut.json" --db "$T/p.db" 2>"$T/err"
grep -q "^$T/cut.json:1:[0-9]*: invalid JSON" "$T/err"; ok $? "truncated JSON: FILE:LINE:COLUMN"
grep -q "segment" "$T/err"; [ $? = 1 ]; ok $? "JSON error does not speak of X12 segments"
printf 'account_no,last_name,first_name,birth_date,sex\nB1,Good,Row,1990-01-01,F\nB2,,Row,1990-01-01,F\n' > "$T/rows.csv"
"$CLEANCLAIM" import patients "$T/rows.csv" --db "$T/p.db" 2>"$T/err"
grep -qx "$T/rows.csv: rejected, nothing imported (1 error in 1 of 2 rows)" "$T/err"; ok $? "row error: summary counts rows"

"$CLEANCLAIM" import patients "$T/none.csv" --db "$T/p.db" 2>"$T/err"
[ $? = 1 ] && grep -q "No such file or directory" "$T/err"; ok $? "missing file: exit 1 with the reason"

# A bare --db is a usage error, not a silent ./cleanclaim.db.
(cd "$T" && "$CLEANCLAIM" patient show 1 --db 2>"$T/err"); rc=$?
[ "$rc" = 2 ] && [ ! -f "$T/cleanclaim.db" ]; ok $? "bare --db: exit 2, no database created"
grep -q -- "--db needs a PATH" "$T/err"; ok $? "bare --db: says what is missing"

# A database from a newer cleanclaim is refused, not half-used.
"$CLEANCLAIM" init --db "$T/new.db" >/dev/null
sqlite3 "$T/new.db" "PRAGMA user_version=999" 2>/dev/null
if [ $? = 0 ]; then
  "$CLEANCLAIM" init --db "$T/new.db" >/dev/null 2>"$T/err"
  [ $? = 1 ] && grep -q "newer than this cleanclaim" "$T/err" && grep -q "version 999" "$T/err"
  ok $? "newer schema version: refused with both versions"
fi
cp "$T/latin.csv" "$T/notdb.db"
"$CLEANCLAIM" patient show 1 --db "$T/notdb.db" 2>"$T/err"
[ $? = 1 ] && grep -q "$T/notdb.db: file is not a database" "$T/err"; ok $? "not a database: named"
rm -rf "$T"
exit 0
