#!/usr/bin/env bash
# The calibration cases crimea_2014.toml and ukraine_2022.toml (issue 16,
# item 11), end to end, on structural properties that could fail (not on
# their records, which sim/MODEL.md and README.md report as they fall):
# - Crimea, under the file as written and each preset: forward presence
#   (air_campaign, rung 3) is never decided before the reassurance rung
#   (threat, 1) is in force, nor in the same month, and once a rung is
#   decided the alliance never falls back to none (deliberation's memory:
#   the Readiness Action Plan stays in force);
# - Ukraine, as written: the alliance acts in the month of the invasion in
#   most replicates and in every one by the next month (the record: the
#   NATO Response Force activated on 25 February 2022).
set -euo pipefail
alliance=$1
root=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for preset in none realist liberal; do
  args=()
  [ "$preset" = none ] || args=(--preset "$preset")
  "$alliance" run "$root/scenarios/crimea_2014.toml" "${args[@]}" --replicates 6 --tables crises \
    --out "$work/crimea_$preset" -q
done
"$alliance" run "$root/scenarios/ukraine_2022.toml" --replicates 20 --tables summary --out "$work/ukraine" -q

/usr/bin/python3 - "$work" <<'PY'
import csv, sys
work = sys.argv[1]
failures = 0
for preset in ["none", "realist", "liberal"]:
    by_rep = {}
    for r in csv.DictReader(open(f"{work}/crimea_{preset}/crises.csv")):
        by_rep.setdefault(r["replicate"], []).append((int(r["step"]), int(r["decision"])))
    for rep, path in sorted(by_rep.items()):
        path.sort()
        first = {lvl: next((s for s, d in path if d >= lvl), None) for lvl in (1, 3)}
        ok = first[1] is not None
        if ok and first[3] is not None:
            ok = first[3] > first[1]
        if ok:
            ok = all(d >= 1 for s, d in path if s >= first[1])
        if not ok:
            print(f"FAIL crimea {preset} replicate {rep}: first threat {first[1]}, first forward presence {first[3]}, "
                  f"path {[d for _, d in path]}")
            failures += 1
    print(f"ok crimea {preset}: {len(by_rep)} replicates, forward presence only after reassurance is in force")

rows = list(csv.DictReader(open(f"{work}/ukraine/summary.csv")))
months = [r["ukraine_months_to_threat"] for r in rows]
month0 = sum(m == "0" for m in months)
late = [m for m in months if m not in ("0", "1")]
if month0 * 2 < len(months) or late:
    print(f"FAIL ukraine: {month0} of {len(months)} replicates act in month 0, later or never: {late}")
    failures += 1
else:
    print(f"ok ukraine: {month0} of {len(months)} replicates act in month 0, the rest in month 1")
sys.exit(1 if failures else 0)
PY
echo "ok crisis ladder"
