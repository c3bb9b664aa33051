#!/bin/sh
# templates.sh - statements find their template without CLEANCLAIM_TEMPLATES
# when cleanclaim runs from another working directory: beside the binary in
# the build tree (build/cleanclaim -> data/templates) and in an installed
# layout (bin/cleanclaim -> share/cleanclaim/templates); with neither, the
# error says to set CLEANCLAIM_TEMPLATES. Practice of tests/fixtures/queue:
# A100 owes 50.00 on B1 (PR-1).
# SAN_OK
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FX="$ROOT/tests/fixtures/queue"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export CC_TODAY=2026-11-26 CLEANCLAIM_DB="$T/b.db"
unset CLEANCLAIM_TEMPLATES CLEANCLAIM_USER
ok() { if eval "$2"; then echo "ok - $1"; else echo "not ok - $1"; fi; }
if ! command -v sqlite3 >/dev/null; then echo "ok - # skip: no sqlite3 shell"; exit 0; fi
BIN=$(cd "$(dirname "$CLEANCLAIM")" && pwd)/$(basename "$CLEANCLAIM")
"$BIN" init >/dev/null 2>&1
sqlite3 "$T/b.db" < "$FX/setup.sql"
"$BIN" receive "$FX/remit.835" >/dev/null 2>&1
mkdir "$T/elsewhere"
cd "$T/elsewhere" || exit 0
out=$("$BIN" statement show A100 --preview 2>&1)
ok "build tree, run from another folder: the repository's statement template" \
  'echo "$out" | grep -q "PATIENT STATEMENT" && echo "$out" | grep -q "AMOUNT DUE: \$50.00"'

# installed layout: PREFIX/bin/cleanclaim and PREFIX/share/cleanclaim/templates
mkdir -p "$T/inst/bin" "$T/inst/share/cleanclaim/templates"
cp "$BIN" "$T/inst/bin/cleanclaim"
sed 's/^PATIENT STATEMENT$/INSTALLED STATEMENT/' "$ROOT/data/templates/statement.txt" \
  > "$T/inst/share/cleanclaim/templates/statement.txt"
out=$("$T/inst/bin/cleanclaim" statement show A100 --preview 2>&1)
ok "installed layout: share/cleanclaim/templates beside bin" \
  'echo "$out" | grep -q "^INSTALLED STATEMENT$" && echo "$out" | grep -q "AMOUNT DUE: \$50.00"'

mkdir -p "$T/lone/bin"
cp "$BIN" "$T/lone/bin/cleanclaim"
"$T/lone/bin/cleanclaim" statement show A100 --preview > /dev/null 2> "$T/err"
rc=$?
ok "no template anywhere: exit 1, says to set CLEANCLAIM_TEMPLATES ($rc)" \
  '[ $rc -eq 1 ] && grep -q "CLEANCLAIM_TEMPLATES" "$T/err"'
export CLEANCLAIM_TEMPLATES="$T/inst/share/cleanclaim/templates"
out=$("$BIN" statement show A100 --preview 2>&1)
ok "CLEANCLAIM_TEMPLATES still comes first" 'echo "$out" | grep -q "^INSTALLED STATEMENT$"'
exit 0
