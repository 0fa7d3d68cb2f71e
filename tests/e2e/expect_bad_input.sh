#!/usr/bin/env bash
# A malformed scenario must give exit code 2, a message naming the file and
# line (from the file's "# expect-line:") and what was expected ("# expect:"),
# and leave no output directory behind, from both `run` and `validate`.
set -uo pipefail
alliance=$1
scenario=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

line=$(sed -n 's/^# expect-line: //p' "$scenario")
expect=$(sed -n 's/^# expect: //p' "$scenario")
fail() { echo "FAIL $(basename "$scenario"): $*"; echo "--- stderr:"; cat "$work/err"; exit 1; }

"$alliance" run "$scenario" --out "$work/out" -q 2>"$work/err" >/dev/null
rc=$?
[ "$rc" -eq 2 ] || fail "run exit code $rc, expected 2"
grep -qF "$scenario:$line:" "$work/err" || fail "no message at $scenario:$line:"
grep -qF -- "$expect" "$work/err" || fail "message lacks: $expect"
[ ! -e "$work/out" ] || fail "an output directory was written"
[ -z "$(ls -A "$work" | grep -v '^err$')" ] || fail "something was left in the output's parent: $(ls -A "$work")"

"$alliance" validate "$scenario" 2>"$work/err" >/dev/null
rc=$?
[ "$rc" -eq 2 ] || fail "validate exit code $rc, expected 2"
grep -qF -- "$expect" "$work/err" || fail "validate message lacks: $expect"
echo "ok $(basename "$scenario"): $(head -1 "$work/err")"
