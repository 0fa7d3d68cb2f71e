#!/usr/bin/env bash
# A malformed claim file must give exit code 2 from `alliance check`, a
# message naming the file (and line, from "# expect-line:"; 0 = no line) and
# what was expected ("# expect:"), and write no output directory.
set -uo pipefail
alliance=$1
claim=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

line=$(sed -n 's/^# expect-line: //p' "$claim")
expect=$(sed -n 's/^# expect: //p' "$claim")
fail() { echo "FAIL $(basename "$claim"): $*"; echo "--- stderr:"; cat "$work/err"; exit 1; }

"$alliance" check "$claim" --out "$work/out" -q 2>"$work/err" >/dev/null
rc=$?
[ "$rc" -eq 2 ] || fail "exit code $rc, expected 2"
if [ "$line" = 0 ]; then
  grep -qF "$claim: error:" "$work/err" || fail "no message naming $claim"
else
  grep -qF "$claim:$line:" "$work/err" || fail "no message at $claim:$line:"
fi
grep -qF -- "$expect" "$work/err" || fail "message lacks: $expect"
[ ! -e "$work/out" ] || fail "an output directory was written"
echo "ok $(basename "$claim"): $(grep -F "$claim" "$work/err" | head -1)"
