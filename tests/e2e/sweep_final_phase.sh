#!/usr/bin/env bash
# A sweep killed at every rename and fsync (strace's fault injection:
# SIGKILL at the N-th call), over an earlier sweep output of another seed.
# After each kill the output is the earlier one or the new one, whole; then
# `--resume` finishes with exactly the bytes of an uninterrupted sweep and
# leaves nothing behind: no temporary file inside the output, no partial
# folder, state file or lock beside it.
set -uo pipefail
alliance=$1
scenario=$2   # scenarios/teaching_triad.toml
command -v strace > /dev/null || { echo "skip: strace is not installed (Debian: apt-get install strace)"; exit 0; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
strace -f -qq -o /dev/null -e trace=fsync true 2> /dev/null || { echo "skip: strace cannot trace here"; exit 0; }

sweep_file() {  # seed -> a sweep of 3 points x 3 replicates on the teaching scenario
  cat > "$work/sweep-$1.toml" <<TOML
name = "final_phase"
scenario = "$scenario"
design = "grid"
replicates = 3
seed = $1
[[parameter]]
path = "alliance.information_sharing"
values = [0.0, 0.5, 1.0]
TOML
}
sweep_file 1
sweep_file 2
run() { "$alliance" -q sweep "$@" --threads 1 --progress none; }
run "$work/sweep-2.toml" --out "$work/previous" || fail "previous sweep"
run "$work/sweep-1.toml" --out "$work/reference" || fail "reference sweep"
leftovers() {  # what must not survive a finished sweep
  ls -A "$work/box" | grep -v '^out$'
  find "$work/box/out" -name '.*' 2> /dev/null
}

kills=0
for call in rename renameat2 fsync; do
  n=1
  while :; do
    rm -rf "$work/box"; mkdir "$work/box"; cp -r "$work/previous" "$work/box/out"
    # In a command substitution, so that the shell does not report each kill.
    # LeakSanitizer cannot run under ptrace: off for the traced process only
    # (the sanitize preset; a no-op elsewhere).
    rc=$( { ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
      strace -f -qq -o /dev/null -e trace=$call -e inject=$call:signal=SIGKILL:when=$n \
      "$alliance" -q sweep "$work/sweep-1.toml" --out "$work/box/out" --threads 1 --progress none; } > /dev/null 2>&1
      echo $?)
    [ $rc -eq 0 ] && break   # fewer than n such calls: this kind is done
    # 137: killed by the injected SIGKILL; anything else is a failure of its own.
    [ $rc -eq 137 ] || { fail "$call #$n: exit $rc under strace, not the injected kill"; break; }
    kills=$((kills + 1))
    if ! diff -r -q "$work/box/out" "$work/previous" > /dev/null && ! diff -r -q "$work/box/out" "$work/reference" > /dev/null; then
      fail "killed at $call #$n: the output is neither the earlier one nor the new one, whole"
    fi
    run "$work/sweep-1.toml" --out "$work/box/out" --resume 2> "$work/err" || fail "resume after $call #$n: $(cat "$work/err")"
    diff -r -q "$work/box/out" "$work/reference" > /dev/null || fail "resume after $call #$n: output differs from the uninterrupted sweep"
    [ -z "$(leftovers)" ] || fail "resume after $call #$n left: $(leftovers | tr '\n' ' ')"
    n=$((n + 1))
    [ $n -gt 200 ] && { fail "$call: more than 200 calls?"; break; }
  done
  echo "ok $call: killed at each of its $((n - 1)) calls; every time resumed to the uninterrupted bytes"
done
[ $kills -gt 10 ] || fail "only $kills kills: strace's injection did not reach the final phase"

# --resume on a finished sweep runs nothing and changes nothing.
rm -rf "$work/box"; mkdir "$work/box"; cp -r "$work/reference" "$work/box/out"
"$alliance" sweep "$work/sweep-1.toml" --out "$work/box/out" --resume --progress none 2> "$work/err" || fail "resume of a finished sweep"
grep -q "nothing was run" "$work/err" || fail "resume of a finished sweep: no 'nothing was run': $(cat "$work/err")"
diff -r -q "$work/box/out" "$work/reference" > /dev/null || fail "resume of a finished sweep changed it"

[ "$failures" -eq 0 ] && echo "sweep final phase: all checks passed ($kills kills)"
exit "$failures"
