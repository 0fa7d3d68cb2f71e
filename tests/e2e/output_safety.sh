#!/usr/bin/env bash
# What alliance may replace, and what never (README, "What alliance may
# replace"): only a folder that provably holds an earlier output of the same
# kind. Foreign folders with a marker file, other kinds of output, the home
# folder, the root, the working directory, a folder holding an input and
# symbolic links are refused with exit 2 before any work, and nothing is
# touched. Two processes on one output: the second exits 2 at once and the
# first finishes unharmed; a lock left by a killed process never blocks.
# `verify` finds any deleted or edited row or file.
set -uo pipefail
alliance=$1
root=$2        # the project's source folder
triad=$root/scenarios/teaching_triad.toml
small=$root/tests/e2e/sweeps/small_sobol.toml
sobol=$root/scenarios/sweeps/kosovo_sobol.toml
claim=$root/scenarios/claims/c3_free_riding.toml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
ok() { echo "ok $*"; }
# expect CODE WHAT PATTERN -- COMMAND...: exit code and a message matching PATTERN.
expect() {
  local code=$1 what=$2 pattern=$3; shift 4
  "$@" > "$work/out.txt" 2> "$work/err.txt"; local rc=$?
  if [ $rc -ne "$code" ]; then fail "$what: exit $rc, expected $code: $(head -3 "$work/err.txt")"; return; fi
  if [ -n "$pattern" ] && ! grep -q -- "$pattern" "$work/err.txt"; then fail "$what: no '$pattern' in: $(cat "$work/err.txt")"; return; fi
  ok "$what"
}
run() { "$alliance" -q run "$triad" --replicates 2 "$@"; }
sweep() { "$alliance" -q sweep "$small" --progress none "$@"; }
check() { "$alliance" -q check "$claim" --replicates 2 "$@"; }
snapshot() { (cd "$1" && find . -type f -exec sha256sum {} + | sort); }

# Finished outputs of each kind, and shards to merge.
run --out r1 || fail "run"
sweep --out s1 || fail "sweep"
check --out c1 > /dev/null || fail "check"
sweep --shard 1/2 --out shard1 && sweep --shard 2/2 --out shard2 || fail "shards"
for d in r1 s1 c1; do [ -f "$d/manifest.json" ] || fail "$d has no manifest.json"; done
grep -q '"kind": "sweep"' s1/manifest.json || fail "the sweep's manifest does not say sweep"

# 1. A folder of the user's with a marker file is never replaced.
for marker in run.json sweep.json manifest.json; do
  mkdir -p "thesis-$marker"; echo "my chapter" > "thesis-$marker/chapter1.tex"; echo '{}' > "thesis-$marker/$marker"
  before=$(snapshot "thesis-$marker")
  expect 2 "run into a folder of the user's holding $marker" "not an earlier output" -- run --out "thesis-$marker"
  expect 2 "sweep into a folder of the user's holding $marker" "not an earlier output" -- sweep --out "thesis-$marker"
  expect 2 "check into a folder of the user's holding $marker" "not an earlier output" -- check --out "thesis-$marker"
  expect 2 "merge into a folder of the user's holding $marker" "not an earlier output" -- "$alliance" -q merge shard1 shard2 --out "thesis-$marker"
  [ "$(snapshot "thesis-$marker")" = "$before" ] || fail "thesis-$marker was changed"
done
# An output of ours with one file of the user's added, or one of ours edited.
cp -r r1 r-added && echo "notes" > r-added/notes.txt
expect 2 "a run output with a file added" "notes.txt, which alliance did not write" -- run --out r-added
[ -f r-added/notes.txt ] || fail "notes.txt deleted"
cp -r r1 r-grown && echo "1,2,3" >> r-grown/summary.csv
expect 2 "a run output with a file grown" "summary.csv has changed" -- run --out r-grown

# 2. One kind of output never replaces another.
kept=(); for d in r1 s1 c1 shard1; do kept+=("$(snapshot "$d")"); done
expect 2 "run over a sweep" "output of \`alliance sweep\`" -- run --out s1
expect 2 "run over a check" "output of \`alliance check\`" -- run --out c1
expect 2 "sweep over a run" "output of \`alliance run\`" -- sweep --out r1
expect 2 "check over a run" "output of \`alliance run\`" -- check --out r1
expect 2 "check over a sweep" "output of \`alliance sweep\`" -- check --out s1
expect 2 "merge over a run" "output of \`alliance run\`" -- "$alliance" -q merge shard1 shard2 --out r1
expect 2 "merge into one of its shards" "holds the input" -- "$alliance" -q merge shard1 shard2 --out shard1
i=0; for d in r1 s1 c1 shard1; do [ "$(snapshot "$d")" = "${kept[$i]}" ] || fail "$d changed"; i=$((i + 1)); done
# ... while the same kind replaces its own earlier output.
"$alliance" -q run "$triad" --replicates 3 --out r1 && [ "$(($(wc -l < r1/summary.csv) - 1))" -eq 3 ] && ok "a run replaces an earlier run" || fail "run over a run"
check --out c1 > /dev/null && ok "a check replaces an earlier check" || fail "check over a check"

# 3. Home, root, the working directory and what holds it, a folder holding an input.
mkdir home && echo '{}' > home/sweep.json && echo "mine" > home/notes.txt
expect 2 "--out the home folder" "home folder" -- env HOME="$work/home" "$alliance" -q run "$triad" --out "$work/home"
expect 2 "--out ~ (with a sweep.json in it)" "home folder" -- env HOME="$work/home" "$alliance" -q sweep "$small" --out "$work/home/"
[ -f home/notes.txt ] && [ -f home/sweep.json ] || fail "the home folder was changed"
expect 2 "--out /" "root" -- run --out /
mkdir -p empty/sub
(cd empty && "$alliance" -q run "$triad" --out . 2> "$work/err.txt"); rc=$?
[ $rc -eq 2 ] && grep -q "working directory" "$work/err.txt" && ok "--out . in an empty folder: refused, saying why" || fail "--out .: exit $rc: $(cat "$work/err.txt")"
(cd empty/sub && "$alliance" -q run "$triad" --out "$work/empty" 2> "$work/err.txt"); rc=$?
[ $rc -eq 2 ] && grep -q "working directory or holds it" "$work/err.txt" && ok "--out a folder holding the working directory" || fail "--out above cwd: exit $rc"
(cd empty/sub && "$alliance" -q run "$triad" --out .. 2> /dev/null); [ $? -eq 2 ] && ok "--out .." || fail "--out .."
[ -d empty/sub ] || fail "empty/sub was deleted"
mkdir inputs-here && cp "$triad" inputs-here/s.toml
expect 2 "--out the folder of the scenario" "holds the input" -- "$alliance" -q run inputs-here/s.toml --out inputs-here
expect 2 "graph --out the scenario file itself" "holds the input" -- "$alliance" -q graph inputs-here/s.toml --out inputs-here/s.toml
cmp -s inputs-here/s.toml "$triad" || fail "the scenario was overwritten"

# 4. Trailing slashes name the folder, for every subcommand.
run --out r1/ && ok "run --out r1/ over an earlier run" || fail "run --out r1/"
run --out fresh/ && [ -f fresh/summary.csv ] && ok "run --out fresh/ (new)" || fail "run --out fresh/"
sweep --out s1/ && ok "sweep --out s1/" || fail "sweep --out s1/"
check --out c1/ > /dev/null && ok "check --out c1/" || fail "check --out c1/"
"$alliance" -q merge shard1/ shard2/ --out merged/ && diff -r -q merged s1 > /dev/null && ok "merge with slashes = unsharded" || fail "merge with slashes"
[ -z "$(ls -A | grep '^\.')" ] || fail "hidden leftovers: $(ls -A | grep '^\.')"

# 5. Symbolic links: refused before any work, never replaced, never written through.
ln -s r1 link-to-run; ln -s nowhere dangling; ln -s loop loop
for l in link-to-run dangling loop; do
  expect 2 "--out $l (a symbolic link)" "symbolic link" -- run --out "$l"
  [ -L "$l" ] || fail "$l was replaced"
done
expect 2 "sweep --out a link" "symbolic link" -- sweep --out link-to-run
expect 2 "graph --out a link" "symbolic link" -- "$alliance" -q graph "$triad" --out dangling
[ ! -e nowhere ] || fail "wrote through a dangling link"

# 6. Unwritable or impossible places: refused before any work.
echo "a file" > a-file
expect 2 "--out under a file" "not a folder" -- run --out a-file/out
expect 2 "--out a file" "not a folder" -- run --out a-file
expect 2 "graph --out a folder/" "names a folder" -- "$alliance" -q graph "$triad" --out newdir/

# 7. Two processes on one output. The second exits 2 at once, naming the first;
#    the first finishes unharmed.
"$alliance" -q sweep "$sobol" --progress none --out busy & first=$!
for _ in $(seq 1 200); do [ -e .busy.sweep-state.json ] && break; sleep 0.05; done
"$alliance" -q sweep "$sobol" --progress none --out busy --resume 2> err2.txt; second=$?
alive=0; kill -0 $first 2> /dev/null && alive=1
"$alliance" -q run "$triad" --out busy 2> err3.txt; third=$?
wait $first; rc=$?
[ $rc -eq 0 ] || fail "the first sweep failed (exit $rc)"
if [ $alive -eq 1 ]; then
  [ $second -eq 2 ] && grep -q "being written by process" err2.txt && ok "a second --resume on a running sweep: exit 2, names the holder" \
    || fail "second sweep: exit $second: $(cat err2.txt)"
else
  echo "note: the first sweep finished before the second started; the overlap was not tested this time"
fi
[ "$(($(wc -l < busy/runs.csv) - 1))" -eq 6144 ] && "$alliance" -q verify busy > /dev/null && ok "the first sweep's output is complete" || fail "busy is incomplete"
# A lock held by another process (flock(1), as a second alliance would hold it).
if command -v flock > /dev/null; then
  flock -n .r1.lock sleep 2 & holder=$!; sleep 0.3
  expect 2 "run while another process holds the output's lock" "being written by" -- run --out r1
  flock -n .c1.lock sleep 2 & holder2=$!; sleep 0.3
  expect 2 "check while another process holds the output's lock" "being written by" -- check --out c1
  wait $holder $holder2 2> /dev/null  # (killing flock(1) would leave its child holding the lock)
  # The lock files they leave are no obstacle: the next run takes and removes them.
  run --out r1 && check --out c1 > /dev/null && [ ! -e .r1.lock ] && [ ! -e .c1.lock ] \
    && ok "lock files left by ended processes do not block" || fail "a left lock file blocked"
fi
# A lock left by a killed process never blocks.
"$alliance" -q sweep "$sobol" --progress none --out stale & pid=$!
for _ in $(seq 1 200); do [ -e .stale.sweep-state.json ] && break; sleep 0.05; done
sleep 0.3; kill -9 $pid 2> /dev/null; wait $pid 2> /dev/null
"$alliance" -q sweep "$sobol" --progress none --out stale --resume && diff -r -q stale busy > /dev/null \
  && ok "after kill -9, --resume takes the lock and finishes with the uninterrupted bytes" || fail "resume after kill -9"
[ -z "$(ls -A | grep '^\.')" ] || fail "hidden leftovers: $(ls -A | grep '^\.')"

# 8. verify finds any deleted or edited row or file.
"$alliance" -q verify s1 > /dev/null && ok "verify: an untouched sweep passes" || fail "verify of an untouched sweep"
"$alliance" -q analyze s1/ > /dev/null && [ -f s1/sensitivity.csv ] && [ ! -e .s1.lock ] && "$alliance" -q verify s1 > /dev/null && ok "verify passes after analyze (s1/) wrote sensitivity.csv into it" || fail "verify after analyze"
sweep --out s1 && ok "a sweep replaces its earlier output holding sensitivity.csv" || fail "sweep over an analyzed sweep"
cat > edit_digit.py <<'PY'
# Changes the last digit of line N of a file: the size stays the same.
import sys
path, n = sys.argv[1], int(sys.argv[2])
lines = open(path).read().split("\n")
line = lines[n - 1]
i = max(k for k, c in enumerate(line) if c.isdigit())
lines[n - 1] = line[:i] + str((int(line[i]) + 1) % 10) + line[i + 1:]
open(path, "w").write("\n".join(lines))
PY
tamper() {  # NAME COMMAND: edit a copy of s1, expect verify to fail naming PATTERN
  local name=$1 pattern=$2; shift 2
  rm -rf t && cp -r s1 t && (cd t && eval "$*")
  "$alliance" -q verify t > "$work/verify.txt" 2>&1; local rc=$?
  [ $rc -eq 1 ] && grep -q -- "$pattern" "$work/verify.txt" && ok "verify finds: $name" || fail "verify missed: $name (exit $rc): $(head -5 "$work/verify.txt")"
}
tamper "a deleted row of runs.csv" "in neither runs.csv nor failures.csv" "sed -i '50d' runs.csv"
tamper "one edited digit in runs.csv" "runs.csv was edited" "python3 '$work/edit_digit.py' runs.csv 300"
tamper "an edited points.csv" "points.csv differs" "python3 '$work/edit_digit.py' points.csv 4"
tamper "an edited sweep.json" "sweep.json" "sed -i 's/\"failed\": 0/\"failed\": 1/' sweep.json"
tamper "an edited copy of the scenario" "inputs/scenario.toml" "echo '# edited' >> inputs/scenario.toml"
tamper "a file added" "alliance did not write it" "echo x > extra.csv"
tamper "failures.csv deleted" "failures.csv" "rm failures.csv"

# A folder whose parents do not exist yet, relative to the working folder
# (the README's quick start in a fresh clone: --out results/kosovo).
mkdir -p fresh && (cd fresh && "$alliance" -q run "$triad" --replicates 2 --out results/triad) &&
  [ -f fresh/results/triad/summary.csv ] && ok "run --out results/triad where results/ does not exist yet" ||
  fail "run --out into a missing relative parent"
(cd fresh && "$alliance" -q sweep "$small" --progress none --out a/b/c) && [ -f fresh/a/b/c/runs.csv ] &&
  ok "sweep --out a/b/c where a/ does not exist" || fail "sweep --out into missing parents"

[ "$failures" -eq 0 ] && echo "output safety: all checks passed"
exit "$failures"
