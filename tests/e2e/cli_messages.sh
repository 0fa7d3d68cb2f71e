#!/usr/bin/env bash
# What a user meets first on the command line (issue 20, items 4 and 5):
# -q, -v and -vv on every command (what each prints, and where), an unknown
# option's suggestion, each command's own --help, a bad --set named by its
# argument, run --dry-run (the plan; nothing written) and run --tables.
set -uo pipefail
alliance=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")  # absolute: the test runs in its own folder
root=$(cd "$2" && pwd)  # the source tree
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
cp "$root/scenarios/teaching_triad.toml" triad.toml
failures=0
fail() { echo "FAIL $*"; [ -s err.txt ] && sed 's/^/    /' err.txt | head -8; failures=$((failures + 1)); }
ok() { echo "ok $*"; }
# expect NAME RC COMMAND...: the exit code; standard output in out.txt, standard error in err.txt.
expect() {
  local name=$1 want=$2; shift 2
  "$@" > out.txt 2> err.txt
  local rc=$?
  if [ "$rc" -ne "$want" ]; then fail "$name: exit $rc, expected $want"; return 1; fi
  return 0
}
# has NAME PATTERN FILE / lacks NAME PATTERN FILE (grep -E)
has() { grep -qE -- "$2" "$3" && ok "$1" || fail "$1: /$2/ not in $3"; }
lacks() { ! grep -qE -- "$2" "$3" && ok "$1" || fail "$1: /$2/ found in $3"; }

# A small sweep, sharded, merged: the folders verify and analyze read.
printf 'scenario = "triad.toml"\ndesign = "saltelli"\nsamples = 4\n[[parameter]]\npath = "alliance.information_sharing"\nrange = [0.0, 1.0]\n' > salt.toml
"$alliance" -q sweep salt.toml --shard 1/2 --out s1 && "$alliance" -q sweep salt.toml --shard 2/2 --out s2 \
  && "$alliance" -q merge s1 s2 --out merged || { echo "FAIL: setting up the sweep"; exit 1; }

# 1. -q, -v, -vv on every command, after it and before it. -q: nothing on
# standard error; default: no info; -v: info lines and no debug; -vv: debug
# lines. Logs never go to standard output (verify, analyze and discover print there).
commands=(
  "validate triad.toml"
  "run triad.toml --replicates 2 --out o_run"
  "graph triad.toml"
  "check $root/scenarios/claims/c3_free_riding.toml --replicates 2 --out o_check"
  "sweep salt.toml --out o_sweep"
  "merge s1 s2 --out o_merge"
  "verify merged --sample 2"
  "analyze merged --bootstrap 10 --out o_sens.csv"
  "discover merged --metric border_deadlock_months --where >=9 --out o_disc"
  "calibrate $root/tests/e2e/calibrations/tiny.toml --out o_cal"
)
for c in "${commands[@]}"; do
  read -r -a args <<< "$c"
  name=${args[0]}
  expect "$name -q" 0 "$alliance" "${args[@]}" -q && { [ ! -s err.txt ] && ok "$name -q: nothing on standard error" || fail "$name -q wrote to standard error"; }
  expect "-q $name" 0 "$alliance" -q "${args[@]}" && { [ ! -s err.txt ] && ok "-q $name: nothing on standard error" || fail "-q $name wrote to standard error"; }
  expect "$name" 0 "$alliance" "${args[@]}" && lacks "$name: no info by default" "^(info|debug):" err.txt
  expect "$name -v" 0 "$alliance" "${args[@]}" -v && { has "$name -v: info" "^info: " err.txt; lacks "$name -v: no debug" "^debug:" err.txt; lacks "$name -v: no log on standard output" "^(info|debug):" out.txt; }
  expect "-v $name" 0 "$alliance" -v "${args[@]}" && has "-v $name: info" "^info: " err.txt
  expect "$name -vv" 0 "$alliance" "${args[@]}" -vv && { has "$name -vv: debug" "^debug: " err.txt; lacks "$name -vv: no log on standard output" "^(info|debug):" out.txt; }
  expect "-v $name -v" 0 "$alliance" -v "${args[@]}" -v && has "-v $name -v: counts as -vv" "^debug: " err.txt
done
# What -v and -vv say for a run: the file read, the plan, the timing; each replicate.
expect "run -v" 0 "$alliance" run triad.toml --replicates 3 --seed 5 --threads 1 --out o_run -v
has "run -v: the scenario read" "^info: read triad.toml \(scenario file, [0-9]+ bytes\)" err.txt
has "run -v: replicates, seed, threads" "^info: running triad.toml: 3 replicates x 24 steps of a month, .*seed 5 .*on 1 threads" err.txt
has "run -v: timing and memory" "^info: ran 3 replicates in .* s .*peak memory" err.txt
has "run -v: the files written" "^info: wrote o_run in .*summary.csv" err.txt
expect "run -vv" 0 "$alliance" run triad.toml --replicates 3 --out o_run -vv
[ "$(grep -c '^debug: replicate [0-9] (seed [0-9]*)' err.txt)" -eq 3 ] && ok "run -vv: a line per replicate" \
  || fail "run -vv: not a line per replicate"
expect "run -v, data tables" 0 "$alliance" run "$root/scenarios/kosovo_1998.toml" --replicates 1 --tables summary --out o_kosovo -v
has "run -v: the data tables read" "^info: read the data table .*series_annual.csv" err.txt
expect "sweep -vv" 0 "$alliance" sweep salt.toml --out o_sweep -vv
has "sweep -vv: each point" "^debug: point 0: alliance.information_sharing=" err.txt
has "sweep -vv: each run" "^debug: run 0 \(point 0, replicate 0, seed [0-9]+\): done" err.txt
cmp -s o_run/summary.csv <("$alliance" -q run triad.toml --replicates 3 --out o_quiet && cat o_quiet/summary.csv) \
  && ok "-vv changes no output byte" || fail "-vv changed the output"

# 2. An unknown option: named, with the nearest known one; exit 2 (bad usage).
expect "run --replicate 3" 2 "$alliance" run triad.toml --replicate 3 --out o_typo
has "unknown option suggested" "^alliance run: error: unknown option --replicate; did you mean --replicates\?" err.txt
lacks "its value is not a second complaint" '"3"' err.txt
[ ! -e o_typo ] && ok "nothing written on a usage error" || fail "written on a usage error"
expect "run --replicate=3" 2 "$alliance" run triad.toml --replicate=3
has "unknown --option=value" "unknown option --replicate; did you mean --replicates\?" err.txt
expect "verify --sampel" 2 "$alliance" verify merged --sampel 3
has "verify's options" "did you mean --sample\?" err.txt
expect "sweep --replicates" 2 "$alliance" sweep salt.toml --replicates 3
has "an option of another command" "unknown option --replicates \(--replicates is an option of run, check\)" err.txt
expect "rnu" 2 "$alliance" rnu triad.toml
has "an unknown command" 'unknown command "rnu" \(did you mean run\?\)' err.txt
expect "run --tables sumary" 2 "$alliance" run triad.toml --tables sumary --out o_typo
has "unknown table suggested" 'no table "sumary" \(did you mean "summary"\?\)' err.txt

# 3. Each command's --help has its own examples, 2 to 4, and no other's; the
# top level a short overview.
for cmd in run validate graph check sweep calibrate merge verify analyze discover; do
  expect "$cmd --help" 0 "$alliance" "$cmd" --help
  n=$(grep -c "^  alliance " out.txt)
  [ "$n" -ge 1 ] && [ "$n" -le 4 ] && ok "$cmd --help: $n examples" || fail "$cmd --help: $n examples"
  others=$(grep "^  alliance " out.txt | grep -v "^  alliance $cmd ")
  [ -z "$others" ] && ok "$cmd --help: only its own examples" || fail "$cmd --help shows others' examples: $others"
  has "$cmd --help lists -q and -v" "^  -v,--verbose" out.txt
done
expect "--help" 0 "$alliance" --help
n=$(grep -c "^  alliance " out.txt)
[ "$n" -le 6 ] && ok "top-level help: $n examples" || fail "top-level help: $n examples"
has "top-level help points to the commands' help" "alliance COMMAND --help" out.txt

# 4. A bad --set is reported against its argument: which --set, the key, the
# message and a suggestion, not a line of the scenario file; every bad one at once.
expect "bad --set" 2 "$alliance" run triad.toml --set simulation.steps=30 --set alliance.rule=majorty --out o_bad
has "--set #2 named" '^--set #2 alliance.rule=majorty: error: alliance.rule: unknown decision rule "majorty"; .*\(did you mean "majority"\?\)' err.txt
lacks "not reported against the file" "triad.toml" err.txt
[ ! -e o_bad ] && ok "nothing written for a bad --set" || fail "written for a bad --set"
expect "bad keys" 2 "$alliance" validate triad.toml --set simulation.stepz=3 --set simulaton.steps=4
has "unknown key at --set #1" "^--set #1 simulation.stepz=3: error: simulation.stepz: unknown key; did you mean 'steps'\?" err.txt
has "unknown table at --set #2" "^--set #2 simulaton.steps=4: error: simulaton: unknown key; did you mean 'simulation'\?" err.txt
expect "malformed --set" 2 "$alliance" validate triad.toml --set alliance.rule=majority --set steps
has "malformed --set #2" "^--set #2 steps: error: expected dotted.key=value" err.txt
expect "bad value" 2 "$alliance" validate triad.toml --set alliance.information_sharing=2
has "range at --set #1" "^--set #1 alliance.information_sharing=2: error: alliance.information_sharing: expected a number in \[0, 1\], got 2" err.txt
expect "--replicates 0" 2 "$alliance" run triad.toml --replicates 0 --out o_bad
has "--replicates named" "^--replicates 0: error: simulation.replicates: expected an integer" err.txt
expect "--preset" 2 "$alliance" validate triad.toml --preset realst
has "--preset named" '^--preset realst: error: preset: unknown preset "realst"; expected realist or liberal \(did you mean "realist"\?\)' err.txt
expect "a file's own error keeps its line" 2 "$alliance" validate "$root/tests/e2e/malformed/unknown_rule.toml" --set simulation.steps=6
has "file:line:col" "unknown_rule.toml:[0-9]+:[0-9]+: error: " err.txt

# 5. run --dry-run: the plan, and nothing written, not even the folder.
expect "run --dry-run" 0 "$alliance" run triad.toml --replicates 50 --seed 7 --threads 2 --out o_dry --dry-run
[ ! -e o_dry ] && [ -z "$(ls -A | grep -E '^\.(o_dry|tmp)')" ] && ok "--dry-run: no output folder, no staging, no lock" \
  || fail "--dry-run wrote: $(ls -A)"
has "plan: replicates and steps" "^plan: 50 replicates x 24 steps of a month, 2000-01 to 2001-12" out.txt
has "plan: seeds" "^seeds: scenario seed 7; .*replicate 0 [0-9]+, replicate 49 [0-9]+" out.txt
has "plan: threads" "^threads: 2 \(--threads\)" out.txt
has "plan: table sizes" "^  members.csv +[0-9]+ rows +[0-9.]+ [kMG]?B" out.txt
has "plan: total and limit" "^  total .*limit 8 GB" out.txt
has "plan: time" "^estimated time: " out.txt
has "plan: nothing written" "^nothing was written" out.txt
expect "dry run --tables summary" 0 "$alliance" run triad.toml --tables summary --out o_dry --dry-run
lacks "dry run: only the chosen tables" "members.csv" out.txt
expect "dry run over the limit" 2 "$alliance" run triad.toml --replicates 1000 --max-output-gb 0.0001 --out o_dry --dry-run
has "dry run says it would be refused" "max-output-gb" err.txt
expect "dry run, bad --set" 2 "$alliance" run triad.toml --set alliance.rule=x --out o_dry --dry-run
[ ! -e o_dry ] && ok "dry runs wrote nothing" || fail "a dry run wrote o_dry"
expect "dry run into an earlier run" 0 "$alliance" run triad.toml --out o_run --dry-run
has "dry run: an earlier run would be replaced" "^output: o_run \(an earlier run there would be replaced\)" out.txt

# 6. --tables summary: summary.csv and the metadata only, the same bytes as a full run.
expect "run --tables summary" 0 "$alliance" run triad.toml --replicates 4 --tables summary --out o_sum -q
[ "$(ls o_sum | tr '\n' ' ')" = "datapackage.json manifest.json run.json summary.csv " ] \
  && ok "--tables summary: summary.csv and metadata only" || fail "--tables summary wrote: $(ls o_sum)"
expect "full run" 0 "$alliance" run triad.toml --replicates 4 --out o_full -q
cmp -s o_sum/summary.csv o_full/summary.csv && ok "summary.csv the same bytes" || fail "summary.csv differs"
expect "run --tables summary,members.csv" 0 "$alliance" run triad.toml --replicates 4 --tables summary,members.csv --out o_sm -q
[ "$(ls o_sm | grep csv | tr '\n' ' ')" = "members.csv summary.csv " ] && ok "--tables summary,members.csv" \
  || fail "--tables summary,members.csv wrote: $(ls o_sm)"
cmp -s o_sm/members.csv o_full/members.csv && ok "members.csv the same bytes" || fail "members.csv differs"

[ "$failures" -eq 0 ] && echo "cli messages: all checks passed"
exit "$failures"
