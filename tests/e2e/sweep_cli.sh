#!/usr/bin/env bash
# `alliance sweep`, `merge`, `verify` and `analyze` as a user runs them: the
# same bytes on 1 and 2 threads, across shards merged, after kill -9 and
# --resume; failures recorded and reproducible; bad sweep files refused.
set -uo pipefail
alliance=$1
sweeps=$2    # tests/e2e/sweeps
shipped=$3   # scenarios/sweeps
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
small=$sweeps/small_sobol.toml

# --dry-run: the size, an estimate, nothing written.
"$alliance" sweep "$small" --dry-run --out "$work/dry" > "$work/dry.txt" || fail "dry run"
grep -q "160 points x 3 replicates = 480 runs" "$work/dry.txt" || fail "dry run: size"
grep -q "estimated time" "$work/dry.txt" || fail "dry run: time estimate"
grep -q "estimated output" "$work/dry.txt" || fail "dry run: size estimate"
[ ! -e "$work/dry" ] && [ -z "$(ls -A "$work" | grep -v dry.txt)" ] || fail "dry run wrote something"

# The same bytes on 1 and 2 threads, and with --keep-steps.
"$alliance" -q sweep "$small" --threads 1 --out "$work/t1" || fail "sweep on 1 thread"
"$alliance" -q sweep "$small" --threads 2 --out "$work/t2" || fail "sweep on 2 threads"
diff -r "$work/t1" "$work/t2" > /dev/null || fail "1 and 2 threads differ"
for f in runs.csv points.csv failures.csv sweep.json datapackage.json inputs/sweep.toml inputs/scenario.toml; do
  [ -f "$work/t1/$f" ] || fail "no $f"
done
[ "$(($(wc -l < "$work/t1/runs.csv") - 1))" -eq 480 ] || fail "runs.csv has not 480 rows"
[ "$(($(wc -l < "$work/t1/points.csv") - 1))" -eq 160 ] || fail "points.csv has not 160 rows"
[ -z "$(ls -A "$work" | grep -E '^\.')" ] || fail "staging left behind: $(ls -A "$work")"
/usr/bin/python3 - "$work/t1" <<'PY' || fail "points.csv is not the statistics of runs.csv"
import csv, json, math, statistics, sys
d = sys.argv[1]
runs = list(csv.DictReader(open(f"{d}/runs.csv")))
points = list(csv.DictReader(open(f"{d}/points.csv")))
meta = json.load(open(f"{d}/sweep.json"))
assert meta["runs"] == {"total": 480, "finished": 480, "failed": 0}, meta["runs"]
m = "kosovo_deadlock_months"
for p in points:
    xs = [float(r[m]) for r in runs if r["point"] == p["point"] and r[m] != ""]
    assert int(p[m + "_n"]) == len(xs)
    assert math.isclose(float(p[m + "_mean"]), statistics.mean(xs), rel_tol=1e-9)
    if len(xs) > 1:
        assert math.isclose(float(p[m + "_sd"]), statistics.stdev(xs), rel_tol=1e-8, abs_tol=1e-12)
    assert float(p[m + "_ci_low"] or 0) <= float(p[m + "_mean"]) <= float(p[m + "_ci_high"] or 1e9)
PY

# Shards, merged in any order, give exactly the unsharded bytes (steps too).
"$alliance" -q sweep "$small" --keep-steps --out "$work/steps" || fail "sweep --keep-steps"
head -1 "$work/steps/steps.csv" | grep -q "^run,replicate,seed,step," || fail "steps.csv has no run column"
for i in 1 2 3; do
  "$alliance" -q sweep "$small" --shard "$i/3" --keep-steps --out "$work/shard$i" || fail "shard $i/3"
done
[ ! -e "$work/shard1/points.csv" ] || fail "a shard wrote points.csv"
"$alliance" -q merge "$work/shard3" "$work/shard1" "$work/shard2" --out "$work/merged" || fail "merge"
diff -r "$work/steps" "$work/merged" > /dev/null || fail "merged shards differ from the unsharded sweep"
"$alliance" -q merge "$work/shard1" "$work/shard2" --out "$work/partial" 2> "$work/err"
[ $? -eq 2 ] && grep -q "missing: 3/3" "$work/err" || fail "merge without a shard accepted"
"$alliance" -q merge "$work/shard1" "$work/shard1" "$work/shard2" --out "$work/twice" 2> /dev/null
[ $? -eq 2 ] || fail "merge with a shard twice accepted"
"$alliance" -q merge "$work/shard1" "$work/t1" --out "$work/mixed" 2> /dev/null
[ $? -eq 2 ] || fail "merge of unrelated outputs accepted"

# kill -9 at a random moment, then --resume: the same bytes as the clean run.
start=$(date +%s%N)
"$alliance" -q sweep "$shipped/kosovo_sobol.toml" --threads 2 --out "$work/clean" || fail "clean sweep"
took=$(( ($(date +%s%N) - start) / 1000000 ))
for attempt in 1 2 3; do
  out="$work/killed$attempt"
  delay_ms=$(( took * (20 + RANDOM % 60) / 100 ))
  "$alliance" -q sweep "$shipped/kosovo_sobol.toml" --threads 2 --out "$out" &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  kill -9 "$pid" 2> /dev/null
  wait "$pid" 2> /dev/null
  if [ -d "$work/.killed$attempt.sweep-partial" ]; then
    "$alliance" -q sweep "$shipped/kosovo_sobol.toml" --threads 2 --out "$out" 2> "$work/err"
    [ $? -eq 2 ] && grep -q -- "--resume" "$work/err" || fail "an interrupted sweep overwritten without --resume"
    "$alliance" -q sweep "$shipped/kosovo_sobol.toml" --threads 1 --out "$out" --resume || fail "resume $attempt"
  else
    echo "note: attempt $attempt finished before the kill at ${delay_ms} ms"
  fi
  diff -r "$work/clean" "$out" > /dev/null || fail "resumed sweep $attempt differs from the clean run"
done

# Killed after the last run, before the final rename: --resume only finishes.
mkdir "$work/.late.sweep-partial" && cp -r "$work/t1/." "$work/.late.sweep-partial/"
"$alliance" -q sweep "$small" --out "$work/late" --resume || fail "resume of a finished staging directory"
diff -r "$work/t1" "$work/late" > /dev/null || fail "late resume differs"
[ ! -e "$work/.late.sweep-partial" ] || fail "late resume left its staging directory"

# verify re-runs every row of a finished sweep; a tampered row is caught.
"$alliance" verify "$work/t1" --sample 1000 > "$work/verify.txt" || fail "verify"
grep -q "re-ran 480 of 480 runs from their seeds: all match" "$work/verify.txt" || fail "verify output"
cp -r "$work/t1" "$work/tampered"
sed -i '2s/,[0-9]*$/,99/' "$work/tampered/runs.csv"
"$alliance" verify "$work/tampered" --sample 1000 > "$work/verify.txt"
[ $? -eq 1 ] && grep -q "MISMATCH run 0" "$work/verify.txt" || fail "verify missed a tampered row"

# A failing run is recorded, the rest go on, exit 4; its seed reproduces it.
"$alliance" -q sweep "$sweeps/failing.toml" --out "$work/failing"
[ $? -eq 4 ] || fail "failing runs: exit code"
[ "$(($(wc -l < "$work/failing/failures.csv") - 1))" -eq 3 ] || fail "failures.csv has not 3 rows"
[ "$(($(wc -l < "$work/failing/runs.csv") - 1))" -eq 9 ] || fail "runs.csv has not 9 rows"
seed=$(sed -n 2p "$work/failing/failures.csv" | cut -d, -f4)
"$alliance" -q run "$sweeps/../../../scenarios/kosovo_1998.toml" --seed "$seed" --replicates 1 \
  --set alliance.rule=directorate --set 'alliance.directorate=[]' --out "$work/repro" 2> "$work/err"
[ $? -eq 2 ] && grep -q "directorate rule needs" "$work/err" || fail "the failure's seed and values do not reproduce it"

# JSON progress for cluster logs.
"$alliance" sweep "$small" --progress json --out "$work/json" 2> "$work/progress.txt" || fail "--progress json"
/usr/bin/python3 - "$work/progress.txt" <<'PY' || fail "--progress json lines"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
assert lines and lines[-1]["done"] == lines[-1]["total"] == 480, lines[-1:]
assert all({"done", "total", "rate", "eta_s", "elapsed_s"} <= set(l) for l in lines)
PY

# analyze: Sobol indices of a Saltelli sweep; a grid has none.
"$alliance" analyze "$work/t1" --bootstrap 100 > /dev/null 2> "$work/err" || fail "analyze"
grep -q "kosovo_months_to_air_campaign: some points have no mean" "$work/err" || fail "analyze: no warning for a metric with gaps"
head -1 "$work/t1/sensitivity.csv" | grep -q "^metric,parameter,method,index,estimate,ci_low,ci_high$" || fail "sensitivity.csv header"
[ "$(grep -c ',sobol,S1,' "$work/t1/sensitivity.csv")" -eq 6 ] || fail "sensitivity.csv: 2 metrics x 3 parameters"
"$alliance" -q analyze "$work/failing" > /dev/null 2>&1; [ $? -eq 2 ] || fail "analyze of a grid accepted"

# A path that names nothing: refused before anything runs, with file, line and key.
"$alliance" sweep "$sweeps/bad_path.toml" --out "$work/bad" 2> "$work/err"
[ $? -eq 2 ] || fail "bad sweep file: exit code"
grep -q "bad_path.toml:9:1: error: parameter\[1\].path" "$work/err" || fail "bad sweep file: message $(cat "$work/err")"
grep -q "did you mean 'adversary_affinity'" "$work/err" || fail "bad sweep file: no suggestion"
[ ! -e "$work/bad" ] && [ ! -e "$work/.bad.sweep-partial" ] || fail "bad sweep file: output created"
"$alliance" sweep "$small" --shard 4/3 --out "$work/x" 2> /dev/null; [ $? -eq 2 ] || fail "--shard 4/3 accepted"

[ "$failures" -eq 0 ] && echo "sweep: all checks passed"
exit "$failures"
