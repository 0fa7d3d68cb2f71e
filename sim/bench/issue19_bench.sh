#!/usr/bin/env bash
# The figures of issue 19's table, into a CSV (columns: what, value, unit;
# sim/bench/README.md says what each row is). Prints figures; not a test.
#
#   sim/bench/issue19_bench.sh [BUILD_DIR] [OUT_CSV] [--full]
#
# BUILD_DIR (default build) holds sim/alliance and sim/alliance_bench.
# --full adds the 10^6-run Saltelli sweep (about a minute on 2 cores) and
# the 20,000-replicate run's memory. Wall times on a shared machine move by
# tens of percent; the rows marked "instructions" (callgrind, when valgrind
# is installed) and the efficiency (both thread counts in one call) are the
# ones to compare across machines and days.
# `cmake --build --preset release --target bench_issue19` runs it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
csv=${2:-bench_issue19.csv}
full=${3:-}
alliance=$build/sim/alliance
bench=$build/sim/alliance_bench
scenario=$here/../../scenarios/kosovo_1998.toml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "what,value,unit" > "$csv"
row() { echo "$1,$2,$3" >> "$csv"; printf '  %-44s %12s %s\n' "$1" "$2" "$3"; }
echo "issue 19 benchmark: $(nproc) cores, $("$alliance" --version)"

# 1. alliance run, all tables, one thread. A member-step is a row of
# members.csv. Wall and CPU (user + system) seconds of the whole process;
# on a loaded machine the CPU time is the steadier of the two.
timed() {  # command... -> "wall cpu" seconds
  /usr/bin/time -f "%e %U %S" -o "$work/time.txt" "$@"
  awk '{ printf "%s %.3f\n", $1, $2 + $3 }' "$work/time.txt"
}
timed "$alliance" -q run "$scenario" --replicates 200 --threads 1 --out "$work/run" > /dev/null  # warm the file cache
read -r wall cpu <<< "$(timed "$alliance" -q run "$scenario" --replicates 2000 --threads 1 --out "$work/run")"
rows=$(( $(wc -l < "$work/run/members.csv") - 1 ))
row run_ns_per_member_step "$(echo "scale=1; $wall * 1000000000 / $rows" | bc -l)" ns
row run_cpu_ns_per_member_step "$(echo "scale=1; $cpu * 1000000000 / $rows" | bc -l)" ns
if command -v valgrind > /dev/null; then
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" \
    "$alliance" -q run "$scenario" --replicates 200 --threads 1 --out "$work/run_cg" 2> "$work/cg.txt"
  instr=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/cg.txt")
  rows=$(( $(wc -l < "$work/run_cg/members.csv") - 1 ))
  row run_instructions_per_member_step "$(( instr / rows ))" instructions
fi
for r in 2000 20000; do
  [ "$r" = 20000 ] && [ "$full" != "--full" ] && continue
  peak=$("$alliance" -v run "$scenario" --replicates "$r" --threads 2 --out "$work/run_m" 2>&1 \
    | sed -n 's/.*peak memory \([0-9.]*\) MB.*/\1/p' | head -1)
  row "run_peak_memory_mb_${r}_replicates" "$peak" MB
done

# 2. The step alone, and 3. worlds of 50, 100 and 1000 states.
"$bench" "$scenario" --replicates 2000 --states 50,100,1000 --csv "$csv" | sed 's/^/  /'
if command -v valgrind > /dev/null; then
  # Instructions of the step alone: only inside alliance::step (not the
  # CSV recording of the bench's recorded replicates, nor the world copy),
  # divided by the calls to it (from callgrind's call counts) and the members.
  valgrind --tool=callgrind --callgrind-out-file="$work/cg_step.out" --toggle-collect='alliance::step(*' \
    "$bench" "$scenario" --replicates 10 > "$work/bench_cg.txt" 2> "$work/cg_step.txt"
  instr=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/cg_step.txt")
  members=$(sed -n 's/.*(\([0-9]*\) members from step 0.*/\1/p' "$work/bench_cg.txt")
  step_id=$(grep -m1 -oE '^c?fn=\([0-9]+\) alliance::step\(' "$work/cg_step.out" | grep -oE '[0-9]+')
  steps=$(awk -v key="cfn=($step_id)" 'index($0, key) == 1 { getline; sub("calls=", "", $1); n += $1 } END { print n }' \
    "$work/cg_step.out")
  row step_instructions_per_member_step "$(( instr / (steps * members) ))" instructions
fi

# 4. Sweep: runs/s on 1 and 2 threads (random design, 10^5 runs), efficiency.
sweep_file() {  # design samples replicates -> file
  cat > "$work/sweep_$1.toml" <<TOML
scenario = "$scenario"
design = "$1"
samples = $2
replicates = $3
seed = 1
metrics = ["kosovo_deadlock_months", "kosovo_months_to_threat", "kosovo_months_to_air_campaign", "kosovo_max_level"]
[[parameter]]
path = "alliance.information_sharing"
range = [0.0, 1.0]
[[parameter]]
path = "state.GRC.adversary_affinity"
range = [0.0, 0.9]
[[parameter]]
path = "crisis.kosovo.perception_noise"
range = [0.01, 0.5]
[[parameter]]
path = "state.USA.relative_gains"
range = [0.0, 1.0]
TOML
  echo "$work/sweep_$1.toml"
}
sweep_seconds() {  # file threads -> "wall cpu" seconds
  timed "$alliance" -q sweep "$1" --threads "$2" --progress none --out "$work/sweep_out"
  rm -rf "$work/sweep_out"
}
file=$(sweep_file random 10000 10)
sweep_seconds "$file" 1 > /dev/null
read -r one one_cpu <<< "$(sweep_seconds "$file" 1)"
read -r two two_cpu <<< "$(sweep_seconds "$file" 2)"
row sweep_runs_per_second_1_thread "$(echo "scale=0; 100000 / $one" | bc -l)" runs/s
row sweep_runs_per_second_2_threads "$(echo "scale=0; 100000 / $two" | bc -l)" runs/s
row sweep_cpu_us_per_run_1_thread "$(echo "scale=1; $one_cpu * 1000000 / 100000" | bc -l)" us
row sweep_efficiency_2_threads "$(echo "scale=3; $one / (2 * $two)" | bc -l)" ratio
if command -v valgrind > /dev/null; then
  # The same sweep's instructions per run, 200 points x 10 replicates, one thread.
  valgrind --tool=callgrind --callgrind-out-file="$work/cg_sweep.out" \
    "$alliance" -q sweep "$(sweep_file random 200 10)" --threads 1 --progress none --out "$work/sweep_cg" \
    > /dev/null 2> "$work/cg_sweep.txt"
  instr=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/cg_sweep.txt")
  row sweep_instructions_per_run "$(( instr / 2000 ))" instructions
fi
if [ "$full" = "--full" ]; then
  # 41,667 base samples x (4 + 2) x 4 replicates = 1,000,008 runs.
  read -r salt _ <<< "$(sweep_seconds "$(sweep_file saltelli 41667 4)" 2)"
  row saltelli_1e6_runs_seconds_2_threads "$salt" s
fi
echo "wrote $csv"
