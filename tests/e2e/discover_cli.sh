#!/usr/bin/env bash
# `alliance discover` as a user runs it: PRIM over a small sweep, its files
# (in the sweep's folder, listed in its manifest, so `verify` still passes;
# or in --out), the same bytes twice, and clear errors that write nothing.
set -uo pipefail
alliance=$1
sweep=$2   # tests/e2e/sweeps/small_sobol.toml: 480 runs, two ranges and a rule
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL $*"; [ -s "$work/err" ] && sed 's/^/    /' "$work/err" | head -5; failures=$((failures + 1)); }
m=kosovo_deadlock_months

"$alliance" -q sweep "$sweep" --out "$work/s" || { echo "FAIL: setting up the sweep"; exit 1; }

# Into the sweep's folder: three files, a summary on standard output, the sweep still verifies.
"$alliance" discover "$work/s" --metric $m --where '>= 6' > "$work/out" 2> "$work/err" || fail "discover"
d="$work/s/discover_$m"
for f in trajectory.csv box.csv discover.json manifest.json; do [ -f "$d/$f" ] || fail "no $f"; done
head -1 "$d/trajectory.csv" | grep -qx "box,step,parameter,limit,coverage,density,mass,cases,cases_of_interest,restricted,chosen" \
  || fail "trajectory.csv header"
head -1 "$d/box.csv" | grep -qx "parameter,type,min,max,lower,upper,values,all_values,restricted,p_value,p_lower,p_upper" \
  || fail "box.csv header"
[ "$(($(wc -l < "$d/box.csv") - 1))" -eq 3 ] || fail "box.csv: not a row per parameter"
grep -q "^rule,category,,,,," "$d/box.csv" || fail "box.csv: the rule is not categorical"
grep -q "^0,start,,,1,.*,1,480,.*,0,[01]$" "$d/trajectory.csv" || fail "trajectory.csv: box 0 is not every run"
[ "$(grep -c ',1$' "$d/trajectory.csv")" -eq 1 ] || fail "trajectory.csv: not one chosen box"
grep -q "$m >= 6 in [0-9]* of 480 runs" "$work/out" || fail "summary: the cases"
grep -q "PRIM: [0-9]* boxes" "$work/out" || fail "summary: the trajectory"
/usr/bin/python3 - "$d" <<'PY' || fail "discover.json"
import csv, json, sys
d = sys.argv[1]
meta = json.load(open(f"{d}/discover.json"))
assert meta["metric"] == "kosovo_deadlock_months" and meta["condition"] == ">= 6", meta
assert meta["cases"]["total"] == 480 and meta["cases"]["unit"] == "run", meta["cases"]
assert meta["prim"]["alpha"] == 0.05 and meta["prim"]["mass_min"] == 0.05, meta["prim"]
rows = list(csv.DictReader(open(f"{d}/trajectory.csv")))
chosen = [r for r in rows if r["chosen"] == "1"]
assert len(rows) == meta["boxes"] and int(chosen[0]["box"]) == meta["chosen"]["box"]
assert all(float(r["mass"]) >= 0.05 for r in rows)
PY
"$alliance" -q verify "$work/s" --sample 1 > "$work/verify" || fail "verify after discover: $(grep PROBLEM "$work/verify")"

# The same bytes again (replacing the earlier output), and with 1 thread or any: nothing random.
cp -r "$d" "$work/first"
"$alliance" -q discover "$work/s" --metric $m --where '>= 6' > /dev/null || fail "discover again"
diff -r "$work/first" "$d" > /dev/null || fail "a second discover wrote other bytes"

# --out, --per-point, --paste, --box: an output folder of its own.
"$alliance" -q discover "$work/s" --metric $m --where '>= 6' --per-point --paste --out "$work/pp" > /dev/null \
  || fail "--per-point --out"
grep -q '"unit": "point (the mean of its runs)"' "$work/pp/discover.json" || fail "--per-point: not per point"
grep -q '"total": 160' "$work/pp/discover.json" || fail "--per-point: not 160 points"
grep -q '"kind": "discover"' "$work/pp/manifest.json" || fail "--out: no manifest of kind discover"
"$alliance" -q discover "$work/s" --metric $m --where '>= 6' --box 1 --out "$work/b1" > /dev/null || fail "--box 1"
grep -q '^1,.*,1$' "$work/b1/trajectory.csv" || fail "--box 1 not chosen"

# Errors: exit 2, a clear message, nothing written.
expect_error() {  # NAME PATTERN ARGS...
  local name=$1 pattern=$2; shift 2
  "$alliance" discover "$@" --out "$work/never" > /dev/null 2> "$work/err"
  local rc=$?
  [ "$rc" -eq 2 ] || fail "$name: exit $rc, expected 2"
  grep -qE -- "$pattern" "$work/err" || fail "$name: /$pattern/ not in the message"
  [ ! -e "$work/never" ] || fail "$name: output written"
}
expect_error "missing folder" "no such folder" "$work/nope" --metric $m --where '>= 6'
expect_error "not a sweep" "no sweep.json" "$work/pp" --metric $m --where '>= 6'
expect_error "unknown metric" 'did you mean "kosovo_deadlock_months"' "$work/s" --metric kosovo_deadlock_month --where '>= 6'
expect_error "a parameter as metric" "is a parameter, not a metric" "$work/s" --metric greece_affinity --where '>= 6'
expect_error "malformed --where" "expected an operator" "$work/s" --metric $m --where '=> 6'
expect_error "no case meets" "no case meets" "$work/s" --metric $m --where '> 1000'
expect_error "every case meets" "every case meets" "$work/s" --metric $m --where '>= 0'
expect_error "--box out of range" "the trajectory has" "$work/s" --metric $m --where '>= 6' --box 100000
expect_error "no --where" "where" "$work/s" --metric $m
[ -z "$(ls -A "$work/s" | grep -E '^\.')" ] || fail "staging or lock left in the sweep: $(ls -A "$work/s")"
"$alliance" discover "$work/s" --metric $m --where '>= 6' --out "$work/full" > /dev/full 2> /dev/null
[ $? -eq 1 ] || fail "discover > /dev/full: not exit 1"

# The sweep, holding discover_<metric>/, is still an output `alliance sweep` may replace.
"$alliance" -q sweep "$sweep" --out "$work/s" || fail "a sweep over its earlier output holding discover_$m/"
[ ! -e "$d" ] || fail "the earlier discover_$m/ survived the new sweep"

[ "$failures" -eq 0 ] && echo "discover: all checks passed"
exit "$failures"
