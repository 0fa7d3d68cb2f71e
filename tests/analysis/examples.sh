#!/usr/bin/env bash
# The R and gnuplot examples in analysis/examples/ run on output the test
# makes and write a non-empty PNG; R and pandas (analysis/alliance_data.py)
# read every table of a run, a sweep and a check with their declared types.
# Exit 77 (CTest: skipped) when the tool is not installed; CI installs them
# (.ci/run).
set -euo pipefail
tool=$1
alliance=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

case "$tool" in
  R) command -v Rscript >/dev/null && Rscript -e 'library(jsonlite)' >/dev/null 2>&1 || { echo "R or jsonlite missing: skipped"; exit 77; } ;;
  gnuplot) command -v gnuplot >/dev/null || { echo "gnuplot missing: skipped"; exit 77; } ;;
  pandas) /usr/bin/python3 -c 'import pandas' 2>/dev/null || { echo "Debian's pandas missing: skipped"; exit 77; } ;;
  *) echo "unknown tool $tool"; exit 2 ;;
esac

"$alliance" -q run "$root/scenarios/kosovo_1998.toml" --replicates 4 --out "$work/run"

# Every table of a run, a sweep and a check reads with the types its
# datapackage.json declares (64-bit seeds as text, so no digit is lost).
if [ "$tool" != gnuplot ]; then
  "$alliance" -q sweep "$root/scenarios/sweeps/kosovo_rules.toml" --out "$work/sweep"
  "$alliance" -q check "$root/scenarios/claims/c3_free_riding.toml" --out "$work/check" > /dev/null
  for dir in "$work/run" "$work/sweep" "$work/check"; do
    case "$tool" in
      R)
        Rscript -e "source('$root/analysis/examples/read_alliance.R')
          package <- jsonlite::fromJSON(file.path('$dir', 'datapackage.json'), simplifyVector = FALSE)
          for (r in package\$resources) {
            df <- read_alliance('$dir', r\$name)
            for (f in r\$schema\$fields) if (f\$name == 'seed') stopifnot(is.character(df\$seed), all(grepl('^[0-9]+\$', df\$seed[!is.na(df\$seed)])))
            cat(sprintf('R read %s/%s: %d rows\\n', basename('$dir'), r\$name, nrow(df)))
          }"
        ;;
      pandas)
        /usr/bin/python3 - "$root/analysis" "$dir" <<'PY'
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import alliance_data
out = Path(sys.argv[2])
for resource in json.loads((out / "datapackage.json").read_text())["resources"]:
    frame = alliance_data.load_table(out, resource["name"])
    if "seed" in frame.columns:
        assert frame["seed"].dropna().map(lambda s: str(s).isdigit()).all(), "seeds must be digits, as text"
    print(f"pandas read {out.name}/{resource['name']}: {len(frame)} rows")
PY
        ;;
    esac
  done
fi

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
  pandas)
    echo "pandas example: ok"
    exit 0
    ;;
esac
head -c 8 "$work/plot.png" | od -An -c | grep -q "P   N   G" || { echo "no PNG written"; exit 1; }
[ "$(stat -c %s "$work/plot.png")" -gt 2000 ] || { echo "PNG too small"; exit 1; }
echo "$tool example: ok"
