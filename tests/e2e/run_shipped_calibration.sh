#!/usr/bin/env bash
# A shipped calibration file is read and checked whole (every case under every
# model with each parameter at both ends of its prior: a key a scenario has
# lost, a case renamed or a record removed is an error here) and runs:
# the file as shipped, cut down to generation 0 of 2 particles with one
# replicate each, so that the test takes seconds whatever the file's size.
set -euo pipefail
alliance=$1
calibration=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The copy lives elsewhere: its scenario paths are made absolute, and its
# top-level sizes (the keys before the first table) replaced.
dir=$(cd "$(dirname "$calibration")" && pwd)
{
  printf 'particles = 2\ngenerations = 1\nreplicates = 1\nbootstrap = 10\n'
  awk -v dir="$dir" '
    /^\[/ { tables = 1 }
    !tables && /^(particles|generations|replicates|bootstrap|name)[ \t]*=/ { next }
    /^scenario[ \t]*=[ \t]*"[^\/]/ { sub(/"/, "\"" dir "/") }
    { print }' "$calibration"
} > "$work/cut.toml"
"$alliance" -q calibrate "$work/cut.toml" --threads 2 --out "$work/out" > "$work/stdout.txt" \
  || { echo "FAIL: calibrate on the cut-down copy of $calibration"; cat "$work/stdout.txt"; exit 1; }
for f in particles.csv posterior.csv generations.csv models.csv calibrate.json manifest.json; do
  [ -s "$work/out/$f" ] || { echo "FAIL: $f missing or empty"; exit 1; }
done
# Generation 0: two particles, each with a mean for every record of every case.
[ "$(($(wc -l < "$work/out/particles.csv") - 1))" -eq 2 ] || { echo "FAIL: particles rows"; exit 1; }
echo "ok $(basename "$calibration")"
