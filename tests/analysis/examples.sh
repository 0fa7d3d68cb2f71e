#!/usr/bin/env bash
# The R and gnuplot examples in analysis/examples/ run on output the test
# makes and write a non-empty PNG. Exit 77 (CTest: skipped) when the tool
# is not installed; CI installs both (.ci/run).
set -euo pipefail
tool=$1
alliance=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

case "$tool" in
  R) command -v Rscript >/dev/null && Rscript -e 'library(jsonlite)' >/dev/null 2>&1 || { echo "R or jsonlite missing: skipped"; exit 77; } ;;
  gnuplot) command -v gnuplot >/dev/null || { echo "gnuplot missing: skipped"; exit 77; } ;;
  *) echo "unknown tool $tool"; exit 2 ;;
esac

"$alliance" -q run "$root/scenarios/kosovo_1998.toml" --replicates 4 --out "$work/run"
case "$tool" in
  R)
    Rscript "$root/analysis/examples/read_alliance.R" "$work/run" "$work/plot.png" | tee "$work/said.txt"
    grep -q "kosovo_deadlock_months: mean" "$work/said.txt"
    # source()d, it gives read_alliance() and runs nothing.
    Rscript -e "source('$root/analysis/examples/read_alliance.R'); s <- read_alliance('$work/run', 'votes'); stopifnot(nrow(s) > 0, is.logical(s\$veto))"
    ;;
  gnuplot)
    gnuplot -e "dir='$work/run'; out='$work/plot.png'" "$root/analysis/examples/credibility.gp"
    ;;
esac
head -c 8 "$work/plot.png" | od -An -c | grep -q "P   N   G" || { echo "no PNG written"; exit 1; }
[ "$(stat -c %s "$work/plot.png")" -gt 2000 ] || { echo "PNG too small"; exit 1; }
echo "$tool example: ok"
