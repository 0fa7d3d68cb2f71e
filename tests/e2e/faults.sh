#!/usr/bin/env bash
# Faults that must lose nothing: a full disk, an unwritable directory,
# standard output on /dev/full, a kill -9 at any moment; for `run`, and for
# `sweep`, `check` and `merge` too. After each, the output is the previous
# complete one or none, never a torn file.
set -uo pipefail
alliance=$1
scenario=$2   # kosovo_1998.toml
work=$(mktemp -d)
chmod 755 "$work"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
ok() { echo "ok $*"; }
no_staging() { [ -z "$(ls -A "$1" | grep '\.tmp-')" ] || fail "$2: staging left behind: $(ls -A "$1")"; }
same_dir() { diff -r -q "$1" "$2" > /dev/null; }

# A complete earlier output and a reference for the run the tests interrupt.
"$alliance" -q run "$scenario" --replicates 5 --out "$work/previous" || fail "previous run"
"$alliance" -q run "$scenario" --replicates 600 --out "$work/reference" || fail "reference run"

# 1. Full disk: writes beyond 100 kB fail with EFBIG (SIGXFSZ ignored), as on a full disk.
cp -r "$work/previous" "$work/full"
(trap '' XFSZ; ulimit -f 100; exec "$alliance" -q run "$scenario" --replicates 600 --out "$work/full") 2> "$work/err"
rc=$?
[ $rc -eq 1 ] || fail "full disk: exit $rc, expected 1"
grep -q "cannot write" "$work/err" || fail "full disk: unclear message: $(cat "$work/err")"
same_dir "$work/full" "$work/previous" && ok "full disk: exit 1, previous output intact" || fail "full disk: previous output changed"
no_staging "$work" "full disk"

# 2. Standard output on a full device.
"$alliance" graph "$scenario" > /dev/full 2> "$work/err"; rc=$?
[ $rc -eq 1 ] && grep -q "standard output" "$work/err" && ok "graph > /dev/full: exit 1" || fail "graph > /dev/full: exit $rc: $(cat "$work/err")"
"$alliance" validate "$scenario" > /dev/full 2> /dev/null; rc=$?
[ $rc -eq 1 ] && ok "validate > /dev/full: exit 1" || fail "validate > /dev/full: exit $rc"
"$alliance" graph "$scenario" --out /dev/full 2> "$work/err"; rc=$?
[ $rc -eq 2 ] && [ -c /dev/full ] && ok "graph --out /dev/full refused, device left alone" || fail "graph --out /dev/full: exit $rc"

# 3. An unwritable directory. Root ignores permissions, so as root the run is
#    made as user nobody (setpriv); elsewhere as the current user.
mkdir "$work/locked" && chmod 555 "$work/locked"
as_user=()
if [ "$(id -u)" -eq 0 ]; then
  if command -v setpriv > /dev/null; then as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups); else as_user=(skip); fi
fi
if [ "${as_user[0]:-}" = skip ]; then
  echo "skip unwritable directory: root without setpriv"
else
  "${as_user[@]}" "$alliance" -q run "$scenario" --replicates 2 --out "$work/locked/out" 2> "$work/err"; rc=$?
  [ $rc -eq 2 ] && grep -q "Permission denied" "$work/err" && [ -z "$(ls -A "$work/locked")" ] \
    && ok "unwritable directory: refused before running (exit 2), nothing written" || fail "unwritable directory: exit $rc: $(cat "$work/err")"
fi

# 4. kill -9 at random moments of a run that replaces an earlier output:
#    afterwards the directory is the earlier output or the new one, whole.
cp -r "$work/previous" "$work/killed"
RANDOM=42
old=0; new=0; writing=0
for i in $(seq 1 20); do
  "$alliance" -q run "$scenario" --replicates 600 --out "$work/killed" &
  pid=$!
  sleep "0.$(printf '%03d' $((RANDOM % 450)))"
  kill -9 "$pid" 2> /dev/null
  wait "$pid" 2> /dev/null
  ls -A "$work" | grep -q "^\.killed\.tmp-.*-${pid}\$" && writing=$((writing + 1))
  if same_dir "$work/killed" "$work/previous"; then old=$((old + 1))
  elif same_dir "$work/killed" "$work/reference"; then new=$((new + 1)); rm -rf "$work/killed"; cp -r "$work/previous" "$work/killed"
  else fail "kill -9 #$i: the output is neither the previous nor the new one, whole"; ls -la "$work/killed"; fi
done
ok "kill -9, 20 times ($writing while writing files): previous output $old times, new output $new times, never torn"
# The staging directories of killed runs are removed by the next run into the same place.
"$alliance" -q run "$scenario" --replicates 5 --out "$work/killed" || fail "run after kills"
no_staging "$work" "after kill -9"

# 5. The same faults for sweep, check and merge.
root=$(cd "$(dirname "$scenario")/.." && pwd)
small=$root/tests/e2e/sweeps/small_sobol.toml
claim=$root/scenarios/claims/c3_free_riding.toml
sweep() { "$alliance" -q sweep "$small" --progress none "$@"; }
check() { "$alliance" -q check "$claim" --replicates 3 "$@" > /dev/null; }
sweep --out "$work/sweep-ref" && sweep --shard 1/2 --out "$work/sh1" && sweep --shard 2/2 --out "$work/sh2" || fail "sweeps"
check --out "$work/check-ref" || fail "check"

#    Full disk (writes beyond 20 kB fail). A sweep keeps what it did and --resume finishes it.
(trap '' XFSZ; ulimit -f 20; exec "$alliance" -q sweep "$small" --progress none --out "$work/sweep-full") 2> "$work/err"; rc=$?
[ $rc -eq 1 ] && grep -q "cannot write" "$work/err" && grep -q -- "--resume" "$work/err" && [ ! -e "$work/sweep-full" ] \
  && ok "sweep, full disk: exit 1, no output, says --resume" || fail "sweep, full disk: exit $rc: $(cat "$work/err")"
sweep --resume --out "$work/sweep-full" && same_dir "$work/sweep-full" "$work/sweep-ref" \
  && ok "sweep, full disk, then --resume: the uninterrupted bytes" || fail "sweep --resume after a full disk"
cp -r "$work/check-ref" "$work/check-full";
(trap '' XFSZ; ulimit -f 1; exec "$alliance" -q check "$claim" --replicates 4 --out "$work/check-full" > /dev/null) 2> "$work/err"; rc=$?
[ $rc -eq 1 ] && grep -q "cannot write" "$work/err" && same_dir "$work/check-full" "$work/check-ref" \
  && ok "check, full disk: exit 1, previous output intact" || fail "check, full disk: exit $rc: $(cat "$work/err")"
(trap '' XFSZ; ulimit -f 20; exec "$alliance" -q merge "$work/sh1" "$work/sh2" --out "$work/merge-full") 2> "$work/err"; rc=$?
[ $rc -eq 1 ] && [ ! -e "$work/merge-full" ] && ok "merge, full disk: exit 1, no output" || fail "merge, full disk: exit $rc: $(cat "$work/err")"
no_staging "$work" "full disk (sweep, check, merge)"

#    Standard output on a full device.
"$alliance" check "$claim" --replicates 3 --out "$work/check-devfull" > /dev/full 2> /dev/null; rc=$?
[ $rc -eq 1 ] && ok "check > /dev/full: exit 1" || fail "check > /dev/full: exit $rc"
"$alliance" sweep "$small" --dry-run > /dev/full 2> /dev/null; rc=$?
[ $rc -eq 1 ] && ok "sweep --dry-run > /dev/full: exit 1" || fail "sweep --dry-run > /dev/full: exit $rc"
"$alliance" analyze "$work/sweep-ref" --out "$work/sens.csv" > /dev/full 2> /dev/null; rc=$?
[ $rc -eq 1 ] && ok "analyze > /dev/full: exit 1" || fail "analyze > /dev/full: exit $rc"

#    An unwritable directory: refused before any work, nothing written.
if [ "${as_user[0]:-}" != skip ]; then
  chmod 755 "$work/sh1" "$work/sh2"
  for what in sweep check merge; do
    case $what in
      sweep) "${as_user[@]}" "$alliance" -q sweep "$small" --progress none --out "$work/locked/s" 2> "$work/err" ;;
      check) "${as_user[@]}" "$alliance" -q check "$claim" --replicates 3 --out "$work/locked/c" > /dev/null 2> "$work/err" ;;
      merge) "${as_user[@]}" "$alliance" -q merge "$work/sh1" "$work/sh2" --out "$work/locked/m" 2> "$work/err" ;;
    esac
    rc=$?
    [ $rc -eq 2 ] && grep -q "Permission denied" "$work/err" && [ -z "$(ls -A "$work/locked")" ] \
      && ok "$what into an unwritable directory: exit 2, nothing written" || fail "$what, unwritable: exit $rc: $(cat "$work/err")"
  done
fi

#    kill -9 at random moments of a check and a merge that replace earlier outputs.
"$alliance" -q merge "$work/sh1" "$work/sh2" --out "$work/merge-ref" || fail "merge"
check --out "$work/check-new" --seed 5 || fail "check, seed 5"
for what in check merge; do
  old=0; new=0
  for i in $(seq 1 10); do
    case $what in
      check) rm -rf "$work/k"; cp -r "$work/check-ref" "$work/k"
             "$alliance" -q check "$claim" --replicates 3 --seed 5 --out "$work/k" > /dev/null & pid=$!; ref_new=$work/check-new; ref_old=$work/check-ref ;;
      merge) rm -rf "$work/k"; cp -r "$work/sh1" "$work/k"   # an earlier sweep output: shard 1 alone
             "$alliance" -q merge "$work/sh1" "$work/sh2" --out "$work/k" & pid=$!; ref_new=$work/merge-ref; ref_old=$work/sh1 ;;
    esac
    sleep "0.$(printf '%03d' $((RANDOM % 120)))"
    kill -9 "$pid" 2> /dev/null; wait "$pid" 2> /dev/null
    if same_dir "$work/k" "$ref_old"; then old=$((old + 1))
    elif same_dir "$work/k" "$ref_new"; then new=$((new + 1))
    else fail "$what killed #$i: the output is neither the previous nor the new one, whole"; fi
  done
  ok "$what, kill -9 10 times: previous output $old times, new output $new times, never torn"
done

[ "$failures" -eq 0 ] && echo "faults: all checks passed"
exit "$failures"
