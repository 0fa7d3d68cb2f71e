#!/usr/bin/env bash
# Runs each libFuzzer target for a bounded time and fails on any crash,
# leak, timeout (10 s per input) or out-of-memory (2 GB). Build first:
#   cmake --preset fuzz && cmake --build --preset fuzz
#   tests/fuzz/run.sh [SECONDS_PER_TARGET]      (default 60)
# New interesting inputs collect in build-fuzz/fuzz-corpus/<target>/; an
# input that fails is saved as build-fuzz/fuzz-artifacts/<target>-crash-...:
# fix the fault, then copy it into tests/fuzz/regressions/<target>/.
# Inputs up to 128 kB (-max_len): libFuzzer's default (the largest seed,
# often a few kB) never reaches a dotted key of 35,000 parts (70 kB), which
# overflowed the TOML parser's stack (issue 13).
# Targets run side by side, FUZZ_JOBS at a time (default: one per processor,
# so each still has a whole processor for its SECONDS; CI's machine has two);
# their reports are printed in the usual order.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${FUZZ_BUILD:-$root/build-fuzz}
seconds=${1:-60}
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}
targets=(scenario overrides claim sweep)

for target in "${targets[@]}"; do
  binary=$build/tests/fuzz/fuzz_$target
  [ -x "$binary" ] || { echo "fuzz: $binary not built (cmake --preset fuzz && cmake --build --preset fuzz)"; exit 2; }
done

# fuzz_one TARGET: runs it, writes its report to $build/fuzz-TARGET.report,
# exits non-zero if it found a fault.
fuzz_one() {
  local target=$1
  local binary=$build/tests/fuzz/fuzz_$target
  local corpus=$build/fuzz-corpus/$target
  local artifacts=$build/fuzz-artifacts
  local report=$build/fuzz-$target.report
  local seeds extra
  mkdir -p "$corpus" "$artifacts" "$root/tests/fuzz/regressions/$target"
  case $target in
    scenario) seeds=("$root/scenarios" "$root/tests/e2e/malformed" "$root/tests/fuzz/regressions/scenario")
              extra=(-dict="$root/tests/fuzz/scenario.dict") ;;
    overrides) seeds=("$root/tests/fuzz/seeds/overrides" "$root/tests/fuzz/regressions/overrides")
               extra=() ;;
    claim) seeds=("$root/scenarios/claims" "$root/tests/e2e/malformed_claims" "$root/tests/fuzz/regressions/claim")
           extra=(-dict="$root/tests/fuzz/claim.dict") ;;
    sweep) seeds=("$root/scenarios/sweeps" "$root/tests/e2e/sweeps" "$root/tests/fuzz/regressions/sweep")
           extra=(-dict="$root/tests/fuzz/sweep.dict") ;;
  esac
  local log=$build/fuzz-$target.log
  set +e
  "$binary" -max_total_time="$seconds" -max_len=131072 -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$artifacts/$target-" "${extra[@]}" "$corpus" "${seeds[@]}" > "$log" 2>&1
  local rc=$?
  set -e
  local runs rate rss cov
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  rss=$(grep -o 'stat::peak_rss_mb: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo "?")
  if [ $rc -ne 0 ]; then
    { echo "fuzz: $target FAILED (exit $rc) after $runs runs; the input is in $artifacts:"
      grep -E "ERROR|SUMMARY|Test unit written|panic|==[0-9]+==" "$log" | head -20; } > "$report"
    return 1
  fi
  echo "fuzz: $target ok: $runs runs in ${seconds}s, $rate per second, coverage $cov edges, peak RSS ${rss} MB" > "$report"
}

failed=0
for ((i = 0; i < ${#targets[@]}; i += jobs)); do
  batch=("${targets[@]:i:jobs}")
  pids=()
  for target in "${batch[@]}"; do
    echo "fuzz: $target for ${seconds}s"
    fuzz_one "$target" & pids+=($!)
  done
  for j in "${!batch[@]}"; do
    wait "${pids[$j]}" || failed=1
    cat "$build/fuzz-${batch[$j]}.report"
  done
done
exit $failed
