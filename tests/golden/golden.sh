#!/usr/bin/env bash
# Golden outputs: every shipped scenario (2 replicates) and every shipped
# claim (20 replicates) at fixed seeds, compared byte for byte with the
# answers kept in tests/golden/. A refactoring must leave them unchanged; a
# change to the model's numbers must re-pin them in a commit of its own that
# says why:
#
#   tests/golden/golden.sh build/sim/alliance . --update
#
# hashes.sha256 holds the SHA-256 of every file each command writes;
# files/ keeps the small tables (summary.csv, verdicts.csv, audit.csv) whole, so a
# failure shows which numbers moved.
set -euo pipefail
alliance=$(realpath "$1")
root=$(realpath "$2")
mode=${3:-check}
golden="$root/tests/golden"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Relative paths from the repository root, so run.json's echo of the
# scenario path is the same on every machine.
cd "$root"
for scenario in scenarios/*.toml; do
  name=$(basename "$scenario" .toml)
  "$alliance" run "$scenario" --replicates 2 --seed 20261127 --threads 2 --out "$work/out/$name" -q
done
# Two region points per claim (the construction audit's path, kept short
# under the sanitizers); e2e_check_claims runs the files' own regions.
"$alliance" check scenarios/claims --replicates 20 --seed 7 --region-points 2 --threads 2 --out "$work/out/claims" -q > /dev/null

(cd "$work/out" && find . -type f | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum) > "$work/hashes.sha256"
mkdir -p "$work/files"
for d in "$work"/out/*/; do
  name=$(basename "$d")
  for f in summary.csv verdicts.csv audit.csv; do
    [ -f "$d/$f" ] && cp "$d/$f" "$work/files/${name}__$f"
  done
done

if [ "$mode" = "--update" ]; then
  cp "$work/hashes.sha256" "$golden/hashes.sha256"
  rm -rf "$golden/files" && cp -r "$work/files" "$golden/files"
  echo "golden outputs re-pinned: $(wc -l < "$golden/hashes.sha256") files; commit them with the reason"
  exit 0
fi

if cmp -s "$work/hashes.sha256" "$golden/hashes.sha256"; then
  echo "ok: $(wc -l < "$golden/hashes.sha256") output files as pinned"
  exit 0
fi
echo "FAIL: outputs differ from the golden ones (tests/golden/hashes.sha256):"
diff "$golden/hashes.sha256" "$work/hashes.sha256" | grep '^[<>]' | sed 's/^/  /' || true
for f in "$golden"/files/*; do
  diff -u "$f" "$work/files/$(basename "$f")" | head -20 || true
done
echo "If the change is intended, re-pin in a commit of its own that says why:"
echo "  tests/golden/golden.sh build/sim/alliance . --update"
exit 1
