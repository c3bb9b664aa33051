# store.sh - `cleanclaim init`: creates the database where asked (--db,
# $CLEANCLAIM_DB), is safe to run twice, and every command has --help.
# SAN_OK
T=$(mktemp -d)
ok() { if [ "$1" = 0 ]; then echo "ok - $2"; else echo "not ok - $2"; fi; }
"$CLEANCLAIM" init --db "$T/a.db" | grep -q "^created $T/a.db"; ok $? "init --db creates"
[ -f "$T/a.db" ]; ok $? "database file exists"
"$CLEANCLAIM" init --db "$T/a.db" | grep -q "is at schema version"; ok $? "init twice is harmless"
CLEANCLAIM_DB="$T/b.db" "$CLEANCLAIM" init >/dev/null && [ -f "$T/b.db" ]; ok $? "CLEANCLAIM_DB is honoured"
(cd "$T" && "$CLEANCLAIM" init >/dev/null) && [ -f "$T/cleanclaim.db" ]; ok $? "default ./cleanclaim.db"
"$CLEANCLAIM" patient show 1 --db "$T/missing.db" 2>/dev/null
[ $? = 1 ] && [ ! -f "$T/missing.db" ]; ok $? "show does not create a database"
for c in init import patient claim payer; do
  "$CLEANCLAIM" $c --help >/dev/null; ok $? "$c --help"
done
"$CLEANCLAIM" init extra 2>/dev/null; [ $? = 2 ]; ok $? "init rejects extra arguments"
rm -rf "$T"
exit 0
