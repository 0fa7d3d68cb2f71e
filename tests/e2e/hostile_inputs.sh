#!/usr/bin/env bash
# Careless or hostile inputs (issue 13): none may crash, hang, grow without
# bound or write anywhere. Each is refused with exit code 2 and a message
# saying why, before any output folder (or partial folder) exists. Also: the
# small checks of the command line (--max-output-gb nan, --seed "", dates
# past 9999) and -q, -v and -vv after every subcommand.
set -uo pipefail
alliance=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")  # absolute: the tests run in other folders
root=$(cd "$2" && pwd)  # the source tree
triad=$root/scenarios/teaching_triad.toml
work=$(mktemp -d)
outside=$(mktemp -d)  # must stay empty: a sweep name must never reach it
chmod 755 "$work"     # for the run as user nobody below
trap 'chmod -R u+rwx "$work" 2>/dev/null; rm -rf "$work" "$outside"' EXIT
failures=0
fail() { echo "FAIL $*"; [ -s "$work/err" ] && sed 's/^/    /' "$work/err" | head -5; failures=$((failures + 1)); }
ok() { echo "ok $*"; }

# refused NAME PATTERN COMMAND...: exit 2 within 20 s, the message on standard
# error matches PATTERN (grep -E), and no output folder appeared: not
# $work/out, nothing under $work/run/results, no partial or staging folder.
mkdir -p "$work/run"
refused() {
  local name=$1 pattern=$2; shift 2
  local started=$SECONDS
  (cd "$work/run" && timeout 20 "$@") > "$work/out.txt" 2> "$work/err"
  local rc=$? took=$((SECONDS - started))
  if [ $rc -eq 124 ]; then fail "$name: hung (killed after 20 s)"; return; fi
  if [ $rc -ne 2 ]; then fail "$name: exit $rc, expected 2"; return; fi
  if ! grep -qE -- "$pattern" "$work/err"; then fail "$name: message lacks /$pattern/"; return; fi
  if [ -e "$work/out" ] || [ -n "$(ls -A "$work/run")" ] || [ -n "$(ls -A "$outside")" ]; then
    fail "$name: something was written: $(ls -A "$work/run" "$outside") $(ls -d "$work/out" 2>/dev/null)"
    rm -rf "$work/out" "${work:?}/run/"* "${work:?}/run/".[!.]* "${outside:?}/"*
    return
  fi
  ok "$name (exit 2 in ${took} s): $(head -1 "$work/err" | cut -c1-150)"
}

# Files the tests read.
python3 - "$work" <<'PY'
import sys
work = sys.argv[1]
key = "a" + ".a" * 34999  # 35,000 parts, 70 kB: overflowed toml++'s stack (SIGSEGV)
open(f"{work}/deep_key.toml", "w").write("[simulation]\n" + key + " = 1\n")
open(f"{work}/deep_table.toml", "w").write("[" + key + "]\nx = 1\n")
open(f"{work}/deep_inline.toml", "w").write("x = " + "{a = " * 300 + "1" + "}" * 300 + "\n")
open(f"{work}/deep_key.txt", "w").write(key)
sweep = ('scenario = "{scenario}"\n[[parameter]]\npath = "alliance.information_sharing"\nvalues = [0.2, 0.8]\n')
open(f"{work}/deep_sweep.toml", "w").write(key + " = 1\n" + sweep.format(scenario="triad.toml"))
open(f"{work}/big_sweep.toml", "w").write(sweep.format(scenario="triad.toml") + ("#" * 99 + "\n") * 20_000)
open(f"{work}/deep_claim.toml", "w").write('id = "deep"\nscenario = "triad.toml"\n' + key + " = 1\n")
PY
cp "$triad" "$work/triad.toml"
sweep_text() {  # sweep_text NAME_LINE: a small valid sweep of the triad
  printf '%s\nscenario = "%s"\n[[parameter]]\npath = "alliance.information_sharing"\nvalues = [0.2, 0.8]\n' \
    "$1" "$work/triad.toml"
}
deep_key=$(cat "$work/deep_key.txt")

# 1. Shapes that overflowed the TOML parser's stack, through a file and --set.
refused "validate: dotted key of 35,000 parts" "deep_key.toml:2:1: error: a dotted key .* more than 64 parts" \
  "$alliance" validate "$work/deep_key.toml"
refused "validate: --set value of bytes that are not UTF-8" "alliance.rule: the value: not UTF-8 text" \
  "$alliance" validate "$work/triad.toml" --set "$(printf 'alliance.rule=\xff')"
refused "run: --preset of bytes that are not UTF-8" "error: preset: the value: not UTF-8 text" \
  "$alliance" run "$work/triad.toml" --preset "$(printf '\xff')" --out "$work/out"
refused "run: dotted key of 35,000 parts" "more than 64 parts" "$alliance" run "$work/deep_key.toml" --out "$work/out"
refused "validate: table header of 35,000 parts" "deep_table.toml:1:2: error: .*more than 64 parts" \
  "$alliance" validate "$work/deep_table.toml"
refused "validate: inline tables 300 deep" "deep_inline.toml:1:.*nested more than 64 deep" \
  "$alliance" validate "$work/deep_inline.toml"
refused "sweep: dotted key of 35,000 parts" "deep_sweep.toml:1:1: error: .*more than 64 parts" \
  "$alliance" sweep "$work/deep_sweep.toml"
refused "check: dotted key of 35,000 parts" "deep_claim.toml:3:1: error: .*more than 64 parts" \
  "$alliance" check "$work/deep_claim.toml" --out "$work/out"
refused "validate --set: key path of 35,000 parts" "^--set #1 a\.a\.a.*35000 parts; the limit is 64" \
  "$alliance" validate "$triad" --set "$deep_key=1"
refused "run --set: value with a key of 35,000 parts" "the value: a dotted key" \
  "$alliance" run "$triad" --set "alliance.name={$deep_key=1}" --out "$work/out"

# 2. Files that are no regular files, or too large: refused at once.
refused "validate /dev/zero" "/dev/zero: error: cannot open the scenario file: it is a device" \
  "$alliance" validate /dev/zero
refused "run /dev/zero" "it is a device" "$alliance" run /dev/zero --out "$work/out"
refused "sweep /dev/zero" "/dev/zero: error: cannot open the sweep file: it is a device" "$alliance" sweep /dev/zero
refused "check /dev/zero" "/dev/zero: error: cannot open the claim file: it is a device" \
  "$alliance" check /dev/zero --out "$work/out"
mkfifo "$work/fifo.toml"
refused "validate a FIFO" "fifo.toml: error: cannot open the scenario file: it is a FIFO" \
  "$alliance" validate "$work/fifo.toml"
refused "run a FIFO" "it is a FIFO" "$alliance" run "$work/fifo.toml" --out "$work/out"
refused "sweep a FIFO" "cannot open the sweep file: it is a FIFO" "$alliance" sweep "$work/fifo.toml"
refused "check a FIFO" "cannot open the claim file: it is a FIFO" "$alliance" check "$work/fifo.toml" --out "$work/out"
mkdir "$work/adir"
refused "validate a directory" "adir: error: cannot open the scenario file: it is a directory" \
  "$alliance" validate "$work/adir"
refused "sweep a directory" "cannot open the sweep file: it is a directory" "$alliance" sweep "$work/adir"
refused "validate a missing file" "nope.toml: error: cannot open the scenario file: it does not exist" \
  "$alliance" validate "$work/nope.toml"
refused "sweep a missing file" "cannot open the sweep file: it does not exist" "$alliance" sweep "$work/nope.toml"
refused "check a missing file" "cannot open the claim file: it does not exist" \
  "$alliance" check "$work/nope.toml" --out "$work/out"
ln -s "$work/gone.toml" "$work/dangling.toml"
refused "validate a dangling link" "symbolic link to a file that does not exist" "$alliance" validate "$work/dangling.toml"
head -c $((17 << 20)) /dev/zero | tr '\0' '#' > "$work/huge.toml"
refused "scenario file of 17 MB" "huge.toml: error: cannot read the scenario file: it is larger than the limit of 16 MB" \
  "$alliance" run "$work/huge.toml" --out "$work/out"
rm -f "$work/huge.toml"
refused "sweep file of 2 MB" "big_sweep.toml: error: cannot read the sweep file: it is larger than the limit of 1 MB" \
  "$alliance" sweep "$work/big_sweep.toml"
sweep_text 'name = "base_missing"' | sed 's|scenario = ".*"|scenario = "nope.toml"|' > "$work/base_missing.toml"
refused "sweep whose base scenario is missing" \
  "base_missing.toml:2:12: error: scenario: cannot open the scenario file: it does not exist" \
  "$alliance" sweep "$work/base_missing.toml"
# Unreadable: root reads anything, so as root the command runs as user nobody.
cp "$triad" "$work/secret.toml" && chmod 000 "$work/secret.toml"
as_user=()
if [ "$(id -u)" -eq 0 ]; then
  if command -v setpriv > /dev/null; then as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups); else as_user=(skip); fi
fi
if [ "${as_user[0]:-}" = skip ]; then
  echo "skip unreadable file: root without setpriv"
else
  refused "validate an unreadable file" "secret.toml: error: cannot open the scenario file: Permission denied" \
    "${as_user[@]}" "$alliance" validate "$work/secret.toml"
fi

# 3. Sweep names are names, not paths: exit 2 at the `name` line, nothing
#    written in results/, beside it or outside it.
for name in '../../x' "$outside/x" '' '.' '..' 'a/b' '.hidden'; do
  sweep_text "name = \"$name\"" > "$work/named.toml"
  refused "sweep name \"$name\"" "named.toml:1:8: error: name: .*cannot name the output folder" \
    "$alliance" sweep "$work/named.toml"
done
[ ! -e "$work/x" ] || fail "a sweep name escaped: results/../../x was written"
sweep_text "" > "$work/..toml"
refused "sweep file named ..toml (no name key)" "name: missing, and the file's name without .toml" \
  "$alliance" sweep "$work/..toml"

# 4. Numbers and dates.
refused "--max-output-gb nan" "--max-output-gb: expected a finite number > 0" \
  "$alliance" run "$triad" --max-output-gb nan --out "$work/out"
refused "--max-output-gb inf" "expected a finite number > 0" "$alliance" run "$triad" --max-output-gb inf --out "$work/out"
refused "--max-output-gb -1" "expected a finite number > 0" "$alliance" run "$triad" --max-output-gb -1 --out "$work/out"
refused "run --seed \"\"" "--seed: expected a whole number >= 0, got \"\"" "$alliance" run "$triad" --seed "" --out "$work/out"
refused "run --seed -1" "--seed: expected a whole number" "$alliance" run "$triad" --seed -1 --out "$work/out"
refused "graph --seed \"\"" "--seed: expected a whole number" "$alliance" graph "$triad" --seed ""
refused "check --seed \"\"" "--seed: expected a whole number" \
  "$alliance" check "$root/scenarios/claims/c3_free_riding.toml" --seed "" --out "$work/out"
refused "verify --seed \"\"" "--seed: expected a whole number" "$alliance" verify "$work/adir" --seed ""
refused "analyze --seed \"\"" "--seed: expected a whole number" "$alliance" analyze "$work/adir" --seed ""
sed 's/^start = .*/start = "-100-01"/' "$triad" > "$work/negative.toml"
refused "start = \"-100-01\"" "negative.toml:12:9: error: simulation.start: expected a \"YYYY-MM\" date from 0001-01" \
  "$alliance" run "$work/negative.toml" --out "$work/out"
sed 's/^start = .*/start = "9999-01"/' "$triad" > "$work/late.toml"  # and steps = 24
refused "9999-01 plus 24 monthly steps" "late.toml:10:9: error: simulation.steps: the run's last step would be 10000-12" \
  "$alliance" run "$work/late.toml" --out "$work/out"
refused "--set of a start past 9999 - steps" "past 9999-12" \
  "$alliance" validate "$triad" --set simulation.start='"9999-06"'

# 5. -q, -v and -vv after every subcommand (and before); -v logs what is read.
cd "$work" || exit 1
sweep_text 'name = "tiny"' > tiny.toml
printf 'scenario = "triad.toml"\ndesign = "saltelli"\nsamples = 4\n[[parameter]]\npath = "alliance.information_sharing"\nrange = [0.0, 1.0]\n' > salt.toml
accepted() {  # accepted NAME COMMAND...: exit 0
  local name=$1; shift
  "$@" > out.txt 2> err.txt
  local rc=$?
  [ $rc -eq 0 ] && ok "$name" || { cp err.txt "$work/err"; fail "$name: exit $rc"; }
}
for flag in -q -v -vv; do
  accepted "validate FILE $flag" "$alliance" validate triad.toml $flag
  accepted "run FILE $flag" "$alliance" run triad.toml --replicates 1 --out "o_run$flag" $flag
  accepted "graph FILE $flag" "$alliance" graph triad.toml $flag
  accepted "sweep FILE $flag" "$alliance" sweep tiny.toml --out "o_sweep$flag" $flag
  accepted "sweep --shard 1/2 $flag" "$alliance" sweep salt.toml --shard 1/2 --out "o_s1$flag" $flag
  accepted "sweep --shard 2/2 $flag" "$alliance" sweep salt.toml --shard 2/2 --out "o_s2$flag" $flag
  accepted "merge DIRS $flag" "$alliance" merge "o_s1$flag" "o_s2$flag" --out "o_merged$flag" $flag
  accepted "verify DIR $flag" "$alliance" verify "o_merged$flag" --sample 2 $flag
  accepted "analyze DIR $flag" "$alliance" analyze "o_merged$flag" --bootstrap 10 $flag
  accepted "check FILE $flag" "$alliance" check "$root/scenarios/claims/c3_free_riding.toml" --replicates 2 \
    --out "o_check$flag" $flag
  accepted "$flag verify DIR" "$alliance" $flag verify "o_merged$flag" --sample 2
done
"$alliance" validate triad.toml -q > out.txt 2> err.txt
[ ! -s err.txt ] || fail "validate -q wrote to standard error: $(cat err.txt)"
"$alliance" validate triad.toml -v > out.txt 2> err.txt
grep -qE "^info: read triad.toml \(scenario file, [0-9]+ bytes\)" err.txt && grep -q "sha256 [0-9a-f]\{64\}" err.txt \
  && ok "validate -v logs the file read, its size and SHA-256" || { cp err.txt "$work/err"; fail "validate -v does not log"; }
"$alliance" sweep tiny.toml --dry-run -v > out.txt 2> err.txt
grep -q "^info: read tiny.toml (sweep file" err.txt && grep -q "^info: checked tiny.toml (sha256" err.txt \
  && ok "sweep -v logs both files read" || { cp err.txt "$work/err"; fail "sweep -v does not log"; }

[ "$failures" -eq 0 ] && echo "hostile inputs: all checks passed"
exit "$failures"
