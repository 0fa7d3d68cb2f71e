#!/usr/bin/env bash
# The shared calibration's fit (issue 16's done-when), end to end: every
# case of scenarios/calibrations/shared_cases.toml, under the liberal preset
# at the point of scenarios/calibrations/shared_point_liberal.txt, with each
# file's replicates and seed, lands every [[record]] within its tolerance
# (|mean - record| <= tolerance, a month never reached counted as the
# case's `missing`). And the fit rests on the two mechanisms added for the
# new cases, so it must fail without them: with no escalation risk
# (adversary.escalation_weight=0) a crisis record is missed, with no
# ratification stage (alliance.enlargement.ratification_months=0) an
# accession record is.
set -euo pipefail
alliance=$1
root=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
point=$root/scenarios/calibrations/shared_point_liberal.txt

# run_all TAG [EXTRA OVERRIDES...]: every case at the point into $work/TAG/CASE.
run_all() {
  local tag=$1; shift
  while read -r name file; do
    local sets=()
    while read -r who kv; do
      [ "$who" = "*" ] || [ "$who" = "$name" ] && sets+=("$kv")
    done < <(grep -v '^#' "$point" | grep -v '^ *$')
    "$alliance" run "$root/scenarios/$file" --preset liberal --set "${sets[@]}" "$@" --tables summary \
      --out "$work/$tag/$name" -q
  done < <(/usr/bin/python3 - "$root/scenarios/calibrations/shared_cases.toml" <<'PY'
import sys, tomllib, os
for c in tomllib.load(open(sys.argv[1], "rb"))["case"]:
    print(c["name"], os.path.basename(c["scenario"]))
PY
)
}

# check TAG EXPECT: EXPECT "fit" (every record within) or "miss" (some record outside).
check() {
  /usr/bin/python3 - "$root" "$work/$1" "$2" <<'PY'
import csv, os, sys, tomllib
root, out, expect = sys.argv[1:]
calib = tomllib.load(open(f"{root}/scenarios/calibrations/shared_cases.toml", "rb"))
outside = []
for case in calib["case"]:
    scen = tomllib.load(open(os.path.normpath(f"{root}/scenarios/calibrations/{case['scenario']}"), "rb"))
    rows = list(csv.DictReader(open(f"{out}/{case['name']}/summary.csv")))
    for rec in scen.get("record", []):
        vals = [float(r[rec["metric"]]) if r[rec["metric"]] != "" else case.get("missing") for r in rows]
        mean = sum(vals) / len(vals)
        d = abs(mean - rec["value"]) / rec["tolerance"]
        print(f"  {case['name']:16s} {rec['name']:28s} {mean:9.3f}  record {rec['value']} +- {rec['tolerance']}  ({d:.2f})")
        if d > 1 + 1e-9:
            outside.append(f"{case['name']}.{rec['name']}")
if expect == "fit" and outside:
    sys.exit(f"FAIL: outside tolerance at the shared point: {outside}")
if expect == "miss" and not outside:
    sys.exit("FAIL: every record still within tolerance without the mechanism")
print(f"ok {os.path.basename(out)}: " + ("every record within tolerance" if expect == "fit" else f"outside: {outside}"))
PY
}

run_all fit
check fit fit
run_all no_escalation adversary.escalation_weight=0
check no_escalation miss
run_all no_ratification alliance.enlargement.ratification_months=0
check no_ratification miss
echo "ok shared fit"
