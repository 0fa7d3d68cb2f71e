#!/usr/bin/env bash
# The command line as a user meets it: help, version, exit codes, and the
# output directory's safety rules.
set -uo pipefail
alliance=$1
scenario=$2   # a valid shipped scenario
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
check() {  # check NAME EXPECTED_RC COMMAND...
  local name=$1 want=$2; shift 2
  "$@" >"$work/out.txt" 2>"$work/err.txt"
  local rc=$?
  if [ "$rc" -ne "$want" ]; then
    echo "FAIL $name: exit $rc, expected $want"; cat "$work/err.txt"; failures=$((failures + 1))
  else
    echo "ok $name"
  fi
}

check "--version" 0 "$alliance" --version
grep -q "^alliance [0-9]" "$work/out.txt" || { echo "FAIL: version text"; failures=$((failures + 1)); }
check "--help" 0 "$alliance" --help
grep -q "Examples:" "$work/out.txt" || { echo "FAIL: help has no examples"; failures=$((failures + 1)); }
check "run --help" 0 "$alliance" run --help
check "no subcommand" 2 "$alliance"
check "unknown subcommand" 2 "$alliance" frobnicate
check "unknown option" 2 "$alliance" run "$scenario" --frobnicate
check "missing scenario file" 2 "$alliance" run "$work/nope.toml" --out "$work/o1"
[ ! -e "$work/o1" ] || { echo "FAIL: output written for a missing file"; failures=$((failures + 1)); }
check "--set on nothing" 2 "$alliance" run "$scenario" --set state.XYZ.gdp=1 --out "$work/o2"
check "--set out of range" 2 "$alliance" run "$scenario" --set alliance.information_sharing=2 --out "$work/o2"
[ ! -e "$work/o2" ] || { echo "FAIL: output written for a bad --set"; failures=$((failures + 1)); }
check "--replicates 0" 2 "$alliance" run "$scenario" --replicates 0 --out "$work/o3"
check "unknown --preset" 2 "$alliance" run "$scenario" --preset marxist --out "$work/o4"
grep -q 'did you mean' "$work/err.txt" || grep -q 'expected realist or liberal' "$work/err.txt" \
  || { echo "FAIL: unclear preset error"; failures=$((failures + 1)); }
check "--preset realist" 0 "$alliance" run "$scenario" --preset realist --replicates 1 --out "$work/o5" -q
grep -q '"preset": "realist"' "$work/o5/run.json" || { echo "FAIL: preset not in run.json"; failures=$((failures + 1)); }

# Limits: refused before running, naming the limit and how to go beyond it.
check "scenario from /dev/zero" 2 timeout 20 "$alliance" run /dev/zero --out "$work/z"
grep -q "not a regular file" "$work/err.txt" || { echo "FAIL: /dev/zero message"; failures=$((failures + 1)); }
check "over --max-output-gb" 2 "$alliance" run "$scenario" --replicates 1000 --max-output-gb 0.001 --out "$work/big"
grep -q -- "--max-output-gb" "$work/err.txt" || { echo "FAIL: output limit message"; failures=$((failures + 1)); }
[ ! -e "$work/big" ] || { echo "FAIL: output written over the limit"; failures=$((failures + 1)); }
check "steps over the limit" 2 "$alliance" validate "$scenario" --set simulation.steps=20000
grep -q 'step_unit' "$work/err.txt" || { echo "FAIL: steps limit gives no way beyond it"; failures=$((failures + 1)); }
check "replicates over the limit" 2 "$alliance" validate "$scenario" --set simulation.replicates=1000000
grep -q 'different seeds' "$work/err.txt" || { echo "FAIL: replicates limit gives no way beyond it"; failures=$((failures + 1)); }

mkdir -p "$work/thesis" && echo precious > "$work/thesis/chapter1.tex"
check "foreign output directory" 2 "$alliance" run "$scenario" --out "$work/thesis" -q
grep -q precious "$work/thesis/chapter1.tex" && [ "$(ls "$work/thesis")" = chapter1.tex ] \
  || { echo "FAIL: foreign directory touched"; failures=$((failures + 1)); }
touch "$work/afile"
check "output path is a file" 2 "$alliance" run "$scenario" --out "$work/afile" -q

check "first run" 0 "$alliance" run "$scenario" --replicates 2 --out "$work/res" -q
check "rerun replaces it" 0 "$alliance" run "$scenario" --replicates 3 --out "$work/res" -q
[ "$(($(wc -l < "$work/res/summary.csv") - 1))" -eq 3 ] || { echo "FAIL: rerun did not replace"; failures=$((failures + 1)); }
[ -z "$(ls -A "$work" | grep '\.tmp-')" ] || { echo "FAIL: staging left behind"; failures=$((failures + 1)); }

# An output folder that cannot be made is refused before any work (exit 2).
check "unwritable output" 2 "$alliance" run "$scenario" --out /proc/alliance-cannot/out -q
grep -q -e "cannot create" -e "GB free" "$work/err.txt" || { echo "FAIL: unclear write error"; cat "$work/err.txt"; failures=$((failures + 1)); }

check "quiet run prints nothing" 0 "$alliance" run "$scenario" --replicates 1 --out "$work/q" -q
[ ! -s "$work/err.txt" ] && [ ! -s "$work/out.txt" ] || { echo "FAIL: -q was not quiet"; failures=$((failures + 1)); }
check "verbose run logs" 0 "$alliance" run "$scenario" --replicates 1 --out "$work/v" -v
grep -q "running" "$work/err.txt" || { echo "FAIL: no log line"; failures=$((failures + 1)); }

[ "$failures" -eq 0 ] || { echo "$failures failure(s)"; exit 1; }
