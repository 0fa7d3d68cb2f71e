#!/usr/bin/env bash
# Benchmark of `alliance sweep` (prints figures; not a test):
#   - runs per second of a Kosovo sweep on 1 and on 2 threads, and the
#     parallel efficiency at 2 threads (aim: 90% or more);
#   - peak memory of sweeps of 10^5 and 10^6 runs (aim: the same within 10%).
#
#   sim/bench/sweep_bench.sh [ALLIANCE] [RUNS_FOR_SPEED] [--skip-million]
# `cmake --build --preset release --target bench_sweep` runs it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
alliance=${1:-$here/../../build/sim/alliance}
speed_runs=${2:-100000}
skip_million=${3:-}
scenario=$here/../../scenarios/kosovo_1998.toml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A random design over four parameters, 10 replicates per point.
sweep_file() {  # runs -> file
  cat > "$work/sweep_$1.toml" <<TOML
scenario = "$scenario"
design = "random"
samples = $(( $1 / 10 ))
replicates = 10
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
path = "alliance.rule"
values = ["consensus", "majority", "directorate"]
TOML
  echo "$work/sweep_$1.toml"
}

# "... in S s, R runs/s, peak memory M MB -> ..." from the sweep's last log line.
measure() {  # file threads -> "rate peak"
  "$alliance" sweep "$1" --threads "$2" --progress none --out "$work/out" 2>&1 \
    | sed -n 's/.*, \([0-9.]*\) runs\/s, peak memory \([0-9.]*\) MB.*/\1 \2/p'
  rm -rf "$work/out"
}

echo "alliance sweep benchmark: $(nproc) cores, $("$alliance" --version)"
file=$(sweep_file "$speed_runs")
"$alliance" sweep "$file" --threads 1 --progress none --out "$work/warm" > /dev/null 2>&1; rm -rf "$work/warm"
read -r rate1 _ <<< "$(measure "$file" 1)"
read -r rate2 _ <<< "$(measure "$file" 2)"
printf 'Kosovo sweep, %d runs:   1 thread %8.0f runs/s   2 threads %8.0f runs/s   efficiency at 2 threads %.0f%%\n' \
  "$speed_runs" "$rate1" "$rate2" "$(echo "100 * $rate2 / (2 * $rate1)" | bc -l)"

read -r _ peak5 <<< "$(measure "$(sweep_file 100000)" 2)"
printf 'peak memory, 10^5 runs: %6.1f MB\n' "$peak5"
if [ "$skip_million" != "--skip-million" ]; then
  read -r _ peak6 <<< "$(measure "$(sweep_file 1000000)" 2)"
  printf 'peak memory, 10^6 runs: %6.1f MB   (ratio %.2f)\n' "$peak6" "$(echo "$peak6 / $peak5" | bc -l)"
fi
