#!/usr/bin/env bash
# Attacks on members (issue 16, item 4), end to end on
# scenarios/september_11_2001.toml (a member attacked by a non-state aggressor):
# - the run lands within each of the file's [[record]]s (mean over the
#   replicates): Article 5 in the month of the attack, limited air
#   operations at most;
# - the same attack weighed like a distant crisis (guarantee_weight = 0)
#   draws less from the allies: a later first threat and a lower highest level;
# - run.json echoes the target and the aggressor.
set -euo pipefail
alliance=$1
scenario=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$alliance" run "$scenario" --replicates 40 --tables summary --out "$work/attack" -q
"$alliance" run "$scenario" --replicates 40 --tables summary --set crisis.september_11.guarantee_weight=0 \
  --out "$work/distant" -q

/usr/bin/python3 - "$work/attack" "$work/distant" <<'PY'
import csv, json, sys
attack, distant = sys.argv[1], sys.argv[2]
run = json.load(open(f"{attack}/run.json"))
crisis = run["parameters"]["crisis"][0]
assert crisis["target"] == "USA" and crisis["aggressor"] == "non_state", crisis

def means(folder):
    rows = list(csv.DictReader(open(f"{folder}/summary.csv")))
    out = {}
    for col in rows[0]:
        # A crisis that never reaches a level leaves the cell empty: count it as the run's length.
        vals = [float(r[col]) if r[col] != "" else 9.0 for r in rows] if col.startswith("september_11_") else None
        if vals: out[col] = sum(vals) / len(vals)
    return out

got, cf = means(attack), means(distant)
records = run["parameters"]["record"]
failures = 0
for rec in records:
    value = got[rec["metric"]]
    ok = abs(value - rec["value"]) <= rec["tolerance"]
    print(f"{'ok' if ok else 'FAIL'} record {rec['name']}: {rec['metric']} = {value:.3f}, "
          f"recorded {rec['value']} +- {rec['tolerance']}")
    failures += not ok
for metric, worse in [("september_11_months_to_threat", lambda a, d: d > a),
                      ("september_11_max_level", lambda a, d: d < a)]:
    ok = worse(got[metric], cf[metric])
    print(f"{'ok' if ok else 'FAIL'} guarantee: {metric} = {got[metric]:.3f} attacked, "
          f"{cf[metric]:.3f} weighed like a distant crisis")
    failures += not ok
sys.exit(1 if failures else 0)
PY
echo "ok attack on a member"
