#!/bin/sh
# tests/cli/x12_parallel.sh - `cleanclaim x12 validate` on a file big enough
# for the parallel path (over 8 MB, thousands of sets): the same lines,
# summary and exit status with --threads 1, 2 and 4 and CC_X12_THREADS=1,
# and --threads refuses a bad number.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SH=${CC_SHARED:-$ROOT/../shared}
CC=${CLEANCLAIM:-$ROOT/build/cleanclaim}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
check() { # description, command status (0 = pass)
  if [ "$2" -eq 0 ]; then echo "ok - $1"; else echo "not ok - $1"; fi
}
SRC=$SH/x12/837P/stupidedi__commercial-health-insurance.edi
# One interchange and group around 12,000 copies of the sample's set; GE01
# and IEA02 are left wrong on purpose (findings at the end of the file),
# and every 3073rd set misses its SE (findings in the middle).
tr -d '\r\n' <"$SRC" | tr '~' '\n' >"$T/segs"
head -n 2 "$T/segs" >"$T/head"
sed -n '/^ST\*/,/^SE\*/p' "$T/segs" >"$T/set"
grep -v '^SE\*' "$T/set" >"$T/noset"
cp "$T/set" "$T/body"
i=0
while [ $i -lt 10 ]; do cat "$T/body" "$T/body" >"$T/b2"; mv "$T/b2" "$T/body"; i=$((i + 1)); done
{ cat "$T/noset" "$T/body" "$T/body" "$T/body"; } >"$T/b4"
{ cat "$T/head"; cat "$T/b4" "$T/b4" "$T/b4" "$T/b4"; echo "GE*1*1"; echo "IEA*1*999999999"; } | tr '\n' '~' >"$T/big.edi"
size=$(wc -c <"$T/big.edi")
[ "$size" -gt 8500000 ]; check "parallel: the test file is over 8 MB ($size bytes)" $?

"$CC" x12 validate --threads 1 "$T/big.edi" >"$T/o1" 2>"$T/e1"; r1=$?
"$CC" x12 validate --threads 2 "$T/big.edi" >"$T/o2" 2>"$T/e2"; r2=$?
"$CC" x12 validate --threads=4 --json "$T/big.edi" >"$T/o4" 2>"$T/e4"; r4=$?
"$CC" x12 validate --json --threads 1 "$T/big.edi" >"$T/o4s" 2>/dev/null
CC_X12_THREADS=1 "$CC" x12 validate "$T/big.edi" >"$T/oe" 2>"$T/ee"; re=$?
"$CC" x12 validate "$T/big.edi" >"$T/od" 2>"$T/ed"; rd=$?
[ $r1 -eq 1 ] && [ $r2 -eq 1 ] && [ $r4 -eq 1 ] && [ $re -eq 1 ] && [ $rd -eq 1 ]
check "parallel: exit status 1 with every thread count" $?
[ "$(wc -l <"$T/o1")" -gt 5 ]; check "parallel: the file has findings" $?
cmp -s "$T/o1" "$T/o2"; check "parallel: --threads 2 prints the serial lines" $?
cmp -s "$T/o1" "$T/od"; check "parallel: the default prints the serial lines" $?
cmp -s "$T/o4s" "$T/o4"; check "parallel: --threads 4 --json prints the serial objects" $?
cmp -s "$T/o1" "$T/oe"; check "parallel: CC_X12_THREADS=1" $?
cmp -s "$T/e1" "$T/e2" && cmp -s "$T/e1" "$T/ed"; check "parallel: the same summary" $?
grep -q "GE01 says 1 transaction sets but the group has 12292" "$T/o2"; check "parallel: GE01 counted across chunks" $?

"$CC" x12 validate --threads 0 "$T/big.edi" >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ]; check "parallel: --threads 0 is a usage error" $?
"$CC" x12 validate --threads x "$T/big.edi" >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ]; check "parallel: --threads x is a usage error" $?
