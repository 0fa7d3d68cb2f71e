#!/usr/bin/env bash
# A shipped scenario validates, runs, writes every table with a header and
# rows of equal width, and gives the same bytes on 1 and 2 threads.
set -euo pipefail
alliance=$1
scenario=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$alliance" validate "$scenario"
"$alliance" run "$scenario" --replicates 3 --threads 1 --out "$work/one" -q
"$alliance" run "$scenario" --replicates 3 --threads 2 --out "$work/two" -q
for f in steps.csv members.csv crises.csv votes.csv events.csv summary.csv run.json; do
  [ -s "$work/one/$f" ] || { echo "FAIL: $f missing or empty"; exit 1; }
  cmp "$work/one/$f" "$work/two/$f" || { echo "FAIL: $f differs between 1 and 2 threads"; exit 1; }
done
for f in "$work"/one/*.csv; do
  awk -F, -v file="$(basename "$f")" 'NR == 1 { n = NF; next }
    NF != n { printf "FAIL: %s line %d has %d fields, header has %d\n", file, NR, NF, n; bad = 1; exit }
    END { exit bad }' "$f"
done
# Three replicates, one summary row each.
[ "$(($(wc -l < "$work/one/summary.csv") - 1))" -eq 3 ] || { echo "FAIL: summary rows"; exit 1; }
# A different seed gives different output.
"$alliance" run "$scenario" --replicates 3 --seed 12345 --out "$work/other" -q
! cmp -s "$work/one/steps.csv" "$work/other/steps.csv" || ! cmp -s "$work/one/votes.csv" "$work/other/votes.csv" \
  || { echo "FAIL: another seed gave the same output"; exit 1; }
echo "ok $(basename "$scenario")"
