#!/bin/sh
# tests/cli/x12.sh - `cleanclaim x12 validate|ack|show|json` end to end:
# exit codes, the finding line format, JSON lines, bad input of every kind.
# SAN_OK
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SH=${CC_SHARED:-$ROOT/../shared}
CC=${CLEANCLAIM:-$ROOT/build/cleanclaim}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
check() { # description, command status (0 = pass)
  if [ "$2" -eq 0 ]; then echo "ok - $1"; else echo "not ok - $1"; fi
}
CLEAN=$SH/x12/837P/stupidedi__commercial-health-insurance.edi
R=$ROOT/tests/x12/reject

"$CC" x12 validate "$CLEAN" >"$T/out" 2>"$T/err"; rc=$?
check "validate: clean 837P exits 0" $rc
[ ! -s "$T/out" ]; check "validate: clean 837P prints no findings" $?
grep -q "valid: 1 interchange, 1 group, 1 transaction set, 0 errors" "$T/err"; check "validate: summary on stderr" $?

"$CC" x12 validate "$R/too-long.edi" >"$T/out" 2>/dev/null; rc=$?
[ $rc -eq 1 ]; check "validate: broken file exits 1" $?
grep -q "^$R/too-long.edi:12:2: error: N402 (State or Province Code) 'FLA' is too long: 3 characters, at most 2 (loop 2010AA, segment N4)$" "$T/out"
check "validate: FILE:SEGMENT:ELEMENT: severity: message (loop, segment)" $?

"$CC" x12 validate --json "$R/se01-count.edi" >"$T/out" 2>/dev/null
grep -q '"segment":44,"element":1,.*"loop":"ST","segment_id":"SE","severity":"error","snip":1,"code":"4"' "$T/out"
check "validate --json: one object per finding with snip and code" $?

"$CC" x12 validate "$CLEAN" "$R/bad-date.edi" >/dev/null 2>&1; rc=$?
[ $rc -eq 1 ]; check "validate: several files, one bad, exits 1" $?

"$CC" x12 validate "$SH/x12/837D/stupidedi__commercial-health-insurance.edi" >"$T/out" 2>"$T/err"
grep -q "implementation guide not checked for 005010X224A2 (837)" "$T/err"; check "validate: says which guide was not checked" $?

# Guides without tables here (837D, 278): syntax and envelopes only, so
# their own segments (SV3, UM, HCR) are no errors; each file exits 0.
for f in "$SH"/x12/837D/* "$SH"/x12/278/*; do
  "$CC" x12 validate "$f" >/dev/null 2>&1; check "validate: unchecked guide $(basename "$(dirname "$f")")/$(basename "$f") exits 0" $?
done
# ISA11 = ISA16 ('^'): one warning on ISA11, EB03 repetitions read.
"$CC" x12 validate "$SH/x12/271/oopfactory__Example_3_2_2.txt" >"$T/out" 2>/dev/null
grep -q ':1:11: warning: ISA11 and ISA16 are both' "$T/out"; check "validate: same repetition and component separator is one warning" $?
! grep -q ':2[789]:3: error' "$T/out"; check "validate: EB03 repetitions split on ISA11" $?

# Bad input of every kind: exit 1 with a message, never a crash (>= 128).
: >"$T/empty"
printf '\001\002\377garbage' >"$T/garbage"
printf 'ISA*00*short~' >"$T/short"
head -c 700 "$CLEAN" >"$T/trunc"
# Wrong delimiters: the ISA says '*' but the rest of the file uses '|'.
{ head -c 106 "$CLEAN"; tail -c +107 "$CLEAN" | sed 's/\*/|/g'; } >"$T/delims"
for f in empty garbage short trunc delims; do
  "$CC" x12 validate "$T/$f" >"$T/out" 2>&1; rc=$?
  [ $rc -eq 1 ] && [ -s "$T/out" ]; check "validate: $f input exits 1 with a message" $?
done
# Unusual but consistent delimiters are fine.
sed 's/\*/|/g' "$CLEAN" >"$T/pipes"
"$CC" x12 validate "$T/pipes" >/dev/null 2>&1; check "validate: '|' as element separator reads clean" $?
"$CC" x12 validate "$T/missing-file" >/dev/null 2>&1; rc=$?
[ $rc -eq 1 ]; check "validate: unreadable file exits 1" $?

"$CC" x12 ack "$CLEAN" >"$T/ack"; rc=$?
check "ack: exits 0" $rc
grep -q "^AK9\*A\*1\*1\*1~" "$T/ack"; check "ack: accepted 999" $?
"$CC" x12 validate "$T/ack" >/dev/null 2>&1; check "ack: the 999 validates against the 999 tables" $?
"$CC" x12 ack "$R/iea-control.edi" | grep -q "^TA1\*000010216\*061015\*1705\*R\*001~"; check "ack: TA1 for a broken envelope" $?

# Inputs with a component-level error: IK401 is a composite (element, then
# component, joined by the 999's own ISA16). These once failed to write.
for f in 837P/imsweb__x12_valid.txt 837P/imsweb__x12_multiple_st.txt \
         837P/imsweb__x12_many_claims.txt \
         837P/imsweb__x12_bad_segment_identifier.txt \
         837P/imsweb__x12_missing_elements.txt 837P/lfh__demo.example12.837 \
         837I/lfh__ppo-repriced-claim.837i \
         835/lfh__cob-contractural-adjustment.835 \
         835/lfh__secondary-payment.835; do
  "$CC" x12 ack "$SH/x12/$f" >"$T/ack" 2>"$T/err"; rc=$?
  check "ack: $f exits 0" $rc
  c=$(sed -n '1s/^ISA.\{101\}\(.\).*/\1/p' "$T/ack")
  grep -q "^IK4\*[0-9]*$c[0-9]*\*" "$T/ack"; check "ack: $f has an IK401 with a component (ISA16 '$c')" $?
  "$CC" x12 validate "$T/ack" >"$T/out" 2>&1; rc=$?
  check "ack: the 999 for $f validates clean against the 999 tables" $rc
done
# By hand: segment 19 of the set is SVC*HC>55669 ('>' is no delimiter here,
# so SVC01-1 is 8 bytes for an ID of 2): element 1, component 1, DE 235,
# IK403 5 (too long).
"$CC" x12 ack "$SH/x12/835/lfh__cob-contractural-adjustment.835" >"$T/ack"
grep -A1 '^IK3\*SVC\*19\*2110\*8~$' "$T/ack" | grep -q '^IK4\*1:1\*235\*5~$'
check "ack: SVC01-1 too long is IK4*1:1*235*5 under IK3*SVC*19" $?

# A 999 acknowledges any transaction set, a 999 included: AK201 = '999'
# (X12 DE 143) must be accepted when the 999s of the shared samples are
# acknowledged in turn (one of them has a broken envelope: a TA1).
for f in "$SH"/x12/999/*; do
  b=$(basename "$f")
  "$CC" x12 ack "$f" >"$T/ack" 2>"$T/err"; rc=$?
  check "ack: 999/$b exits 0" $rc
  if grep -q '^AK2\*' "$T/ack"; then
    grep -q '^AK2\*999\*' "$T/ack"; check "ack: 999/$b has AK201 999" $?
  fi
  "$CC" x12 validate "$T/ack" >"$T/out" 2>&1; rc=$?
  check "ack: the acknowledgment of 999/$b validates clean" $rc
done

"$CC" x12 show "$CLEAN" >"$T/show"; rc=$?
check "show: exits 0" $rc
grep -q "^ *\[2300\] Claim Information" "$T/show"; check "show: loop 2300 named" $?
grep -q "CLM02 Monetary Amount: 100" "$T/show"; check "show: element names" $?

"$CC" x12 json "$CLEAN" >"$T/json"; rc=$?
check "json: exits 0" $rc
grep -q '"loop":"2300","name":"Claim Information","content":\[{"id":"CLM"' "$T/json"; check "json: loops nested" $?
if command -v python3 >/dev/null 2>&1; then
  python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/json"; check "json: parses" $?
fi

"$CC" x12 >/dev/null 2>&1; [ $? -eq 2 ]; check "x12 without verb exits 2" $?
"$CC" x12 frobnicate >/dev/null 2>&1; [ $? -eq 2 ]; check "unknown verb exits 2" $?
"$CC" x12 validate >/dev/null 2>&1; [ $? -eq 2 ]; check "validate without file exits 2" $?
"$CC" x12 validate --bogus "$CLEAN" >/dev/null 2>&1; [ $? -eq 2 ]; check "unknown option exits 2" $?
for v in "" validate ack show json; do
  "$CC" x12 $v --help >"$T/h" 2>&1; rc=$?
  [ $rc -eq 0 ] && grep -q usage "$T/h"; check "x12 $v --help" $?
done
exit 0
