#!/bin/sh
# tests/cli/user.sh - cleanclaim user add|list, and the users it makes
# acting under their role in the work queue (tests/fixtures/queue). SAN_OK
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FX="$ROOT/tests/fixtures/queue"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export CC_TODAY=2026-11-26 CLEANCLAIM_DB="$T/u.db"
unset CLEANCLAIM_USER
ok() { if eval "$2"; then echo "ok - $1"; else echo "not ok - $1"; fi; }
"$CLEANCLAIM" init >/dev/null 2>&1
if ! command -v sqlite3 >/dev/null; then echo "ok - # skip: no sqlite3 shell"; exit 0; fi
q() { sqlite3 "$T/u.db" "$1"; }
out=$("$CLEANCLAIM" user add ada --role admin --display-name "Ada Admin" 2>&1)
ok "add an admin" '[ $? -eq 0 ] && [ "$(q "SELECT role||'"'"'|'"'"'||display_name FROM app_user WHERE username='"'"'ada'"'"'")" = "admin|Ada Admin" ]'
"$CLEANCLAIM" user add val --role viewer >/dev/null 2>&1
ok "add a viewer" '[ $? -eq 0 ]'
sqlite3 "$T/u.db" .dump > "$T/before"
"$CLEANCLAIM" user add ada --role viewer > /dev/null 2> "$T/err"
ok "a taken name is refused (exit 1), role unchanged" '[ $? -eq 1 ] && grep -q "already exists" "$T/err" && [ "$(q "SELECT role FROM app_user WHERE username='"'"'ada'"'"'")" = admin ]'
"$CLEANCLAIM" user add zed --role boss > /dev/null 2> "$T/err"
ok "an unknown role is refused and the roles are named" '[ $? -eq 1 ] && grep -q "admin, biller, front_desk, coder or viewer" "$T/err"'
"$CLEANCLAIM" user add "two words" --role biller > /dev/null 2>&1
ok "a name with a blank is refused" '[ $? -eq 1 ]'
"$CLEANCLAIM" user add zed > /dev/null 2>&1
ok "add without --role is a usage error" '[ $? -eq 2 ]'
sqlite3 "$T/u.db" .dump > "$T/after"
ok "refusals changed nothing" 'cmp -s "$T/before" "$T/after"'
out=$("$CLEANCLAIM" user list)
ok "list by name" '[ "$(echo "$out" | awk "{print \$1}" | tr "\n" " ")" = "ada val " ]'
out=$("$CLEANCLAIM" user list --json)
ok "list --json" 'echo "$out" | grep -q "\"username\":\"val\",\"display_name\":\"\",\"role\":\"viewer\",\"active\":true"'
# the roles at work: the queue fixture's write-off of item 2 (150.00)
sqlite3 "$T/u.db" < "$FX/setup.sql"
"$CLEANCLAIM" receive "$FX/remit.835" >/dev/null 2>&1
"$CLEANCLAIM" queue refresh >/dev/null 2>&1
"$CLEANCLAIM" queue act 2 writeoff --reason test --user val > /dev/null 2> "$T/err"
ok "the viewer may not write off" '[ $? -eq 1 ] && grep -q "role viewer" "$T/err" && [ "$(q "SELECT count(*) FROM ledger_entry WHERE kind='"'"'writeoff'"'"'")" = 0 ]'
"$CLEANCLAIM" queue act 2 writeoff --reason test --user ada > /dev/null 2>&1
ok "the admin may" '[ $? -eq 0 ] && [ "$(q "SELECT -sum(amount_cents) FROM ledger_entry WHERE kind='"'"'writeoff'"'"'")" = 15000 ]'
exit 0
