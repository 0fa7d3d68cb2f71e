#!/usr/bin/env bash
# `alliance calibrate` as a user runs it, on a tiny calibration file: its
# tables and metadata, the same bytes on 1 and 2 threads, --leave-one-out's
# table, kill -9 and --resume, and a malformed calibration file refused with
# exit 2 and nothing written.
set -uo pipefail
alliance=$1
dir=$2    # tests/e2e/calibrations
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

"$alliance" -q calibrate "$dir/tiny.toml" --threads 1 --out "$work/t1" > "$work/out1.txt" || fail "calibrate on 1 thread"
"$alliance" -q calibrate "$dir/tiny.toml" --threads 2 --out "$work/t2" > "$work/out2.txt" || fail "calibrate on 2 threads"
diff -r "$work/t1" "$work/t2" > /dev/null || fail "1 and 2 threads differ"
cmp -s "$work/out1.txt" "$work/out2.txt" || fail "standard output differs between 1 and 2 threads"
for f in particles.csv posterior.csv generations.csv models.csv datapackage.json calibrate.json manifest.json; do
  [ -f "$work/t1/$f" ] || fail "no $f"
done
grep -q "P(realist)" "$work/out1.txt" || fail "no model probabilities on standard output"
/usr/bin/python3 - "$work/t1" <<'PY' || fail "the tables do not add up"
import csv, json, math, sys
d = sys.argv[1]
particles = list(csv.DictReader(open(f"{d}/particles.csv")))
generations = list(csv.DictReader(open(f"{d}/generations.csv")))
models = list(csv.DictReader(open(f"{d}/models.csv")))
posterior = list(csv.DictReader(open(f"{d}/posterior.csv")))
meta = json.load(open(f"{d}/calibrate.json"))
assert len(generations) == 2, generations
assert len(particles) == 48, len(particles)
assert meta["simulations"] == sum(int(g["simulations"]) for g in generations)
assert meta["cases"][0]["targets"][0]["name"] == "kosovo.first_threat"
last = [p for p in particles if p["generation"] == "1"]
assert math.isclose(sum(float(p["weight"]) for p in last), 1.0, rel_tol=1e-6)
eps = float(generations[1]["epsilon"])
assert all(float(p["distance"]) <= eps for p in last)
assert generations[0]["epsilon"] == ""
assert math.isclose(sum(float(m["probability"]) for m in models), 1.0, rel_tol=1e-6)
for m in models:
    share = sum(float(p["weight"]) for p in last if p["model"] == m["model"])
    assert math.isclose(share, float(m["probability"]), rel_tol=1e-5, abs_tol=1e-7), (share, m)
assert {r["model"] for r in posterior} <= {"realist", "liberal", "all"}
assert all(0.0 <= float(r["q025"]) <= float(r["q975"]) <= 0.9 for r in posterior if r["parameter"] == "greece_affinity")
pkg = json.load(open(f"{d}/datapackage.json"))
for res in pkg["resources"]:
    header = open(f"{d}/{res['path']}").readline().strip().split(",")
    assert header == [f["name"] for f in res["schema"]["fields"]], res["path"]
PY

# A particle is reproduced by alliance run with its seed, preset and values.
/usr/bin/python3 - "$work/t1" "$alliance" "$dir" <<'PY' || fail "a particle is not reproduced by alliance run"
import csv, subprocess, sys, os, tempfile
d, alliance, cal = sys.argv[1:4]
p = [r for r in csv.DictReader(open(f"{d}/particles.csv")) if r["generation"] == "1"][0]
out = tempfile.mkdtemp()
subprocess.run([alliance, "-q", "run", os.path.join(cal, "../../../scenarios/kosovo_1998.toml"), "--preset", p["model"],
                "--seed", p["seed"], "--replicates", "2", "--tables", "summary",
                "--set", f"state.GRC.adversary_affinity={p['greece_affinity']}",
                "--set", f"crisis.kosovo.perception_noise={p['perception_noise']}", "--out", f"{out}/r"], check=True)
rows = list(csv.DictReader(open(f"{out}/r/summary.csv")))
xs = [float(r["kosovo_months_to_threat"]) if r["kosovo_months_to_threat"] != "" else 16.0 for r in rows]
mean = sum(xs) / len(xs)
assert abs(mean - float(p["kosovo.first_threat"])) < 1e-6, (mean, p)
PY

# --leave-one-out needs two cases: the tiny file with a second case.
cp "$dir/tiny.toml" "$work/two.toml"
cat >> "$work/two.toml" <<'TOML'

[[case]]
name = "kosovo_air"
scenario = "SCENARIO"
records = ["air_campaign"]
missing = 16
TOML
sed -i "s#scenario = \"SCENARIO\"#scenario = \"$(cd "$dir/../../../scenarios" && pwd)/kosovo_1998.toml\"#; s#scenario = \"../../../scenarios/kosovo_1998.toml\"#scenario = \"$(cd "$dir/../../../scenarios" && pwd)/kosovo_1998.toml\"#" "$work/two.toml"
"$alliance" -q calibrate "$work/two.toml" --leave-one-out --out "$work/loo" > /dev/null || fail "--leave-one-out"
[ "$(($(wc -l < "$work/loo/leave_one_out.csv") - 1))" -eq 2 ] || fail "leave_one_out.csv has not 2 rows"

# kill -9 at random moments, then --resume: the bytes of a run never interrupted.
resume=$dir/resume.toml
"$alliance" -q calibrate "$resume" --out "$work/clean" > "$work/clean.txt" || fail "the clean run to resume against"
state="$work/.killed.calibrate-state.json"
for delay in 0.$((RANDOM % 5 + 3)) 0.$((RANDOM % 5 + 5)); do
  "$alliance" -q calibrate "$resume" --out "$work/killed" --resume > /dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2> /dev/null
  wait "$pid" 2> /dev/null
done
if [ -e "$state" ]; then
  "$alliance" -q calibrate "$resume" --out "$work/killed" > /dev/null 2> "$work/err"
  [ $? -eq 2 ] && grep -q "continue it with --resume" "$work/err" || fail "an interrupted calibration run again without --resume"
fi
"$alliance" -q calibrate "$resume" --out "$work/killed" --resume > "$work/resumed.txt" || fail "--resume"
diff -r "$work/clean" "$work/killed" > /dev/null || fail "resumed after kill -9 differs from a clean run"
cmp -s "$work/clean.txt" "$work/resumed.txt" || fail "standard output differs after a resume"
[ ! -e "$state" ] || fail "the state file is left after the calibration finished"
echo '{"program": "alliance calibrate", "identity": {"seed": 1}}' > "$state"
"$alliance" -q calibrate "$resume" --out "$work/killed" --resume > /dev/null 2> "$work/err"
[ $? -eq 2 ] && grep -q "another calibration" "$work/err" || fail "a state of another calibration accepted: $(cat "$work/err")"
rm -f "$state"

# A malformed calibration file: exit 2, file:line:column and key, nothing written.
"$alliance" calibrate "$dir/bad_prior.toml" --out "$work/bad" 2> "$work/err"
[ $? -eq 2 ] || fail "a malformed calibration file did not exit 2"
grep -q "bad_prior.toml:12:9: error: parameter\[0\].range: a log-uniform prior needs low > 0" "$work/err" || fail "no message at the range: $(cat "$work/err")"
grep -q "parameter\[0\].lenght" "$work/err" || fail "unknown key not named: $(cat "$work/err")"
[ ! -e "$work/bad" ] || fail "a malformed calibration file wrote output"

[ "$failures" -eq 0 ] && echo "calibrate: all checks passed"
exit $((failures > 0))
