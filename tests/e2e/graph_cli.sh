#!/usr/bin/env bash
# `alliance graph` as a user runs it: DOT that Graphviz renders, GraphML
# that parses, the same bytes twice, --out written whole, bad --at refused.
set -uo pipefail
alliance=$1
scenario=$2   # kosovo_1998.toml: accessions in 1999-03
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

"$alliance" graph "$scenario" --at 0 > "$work/start.dot" || fail "graph at step 0"
"$alliance" graph "$scenario" --at 1999-04 > "$work/after.dot" || fail "graph at 1999-04"
"$alliance" graph "$scenario" --at 1999-04 > "$work/again.dot"
cmp -s "$work/after.dot" "$work/again.dot" || fail "same input, different bytes"
# 16 guarantees before the 1999 accessions, 19 after.
[ "$(grep -c 'kind=guarantee' "$work/start.dot")" -eq 16 ] || fail "guarantees at step 0"
[ "$(grep -c 'kind=guarantee' "$work/after.dot")" -eq 19 ] || fail "guarantees after the accessions"
if command -v dot >/dev/null; then
  dot -Tsvg "$work/after.dot" > "$work/after.svg" && grep -q "<svg" "$work/after.svg" || fail "dot cannot render it"
fi

"$alliance" graph "$scenario" --format graphml --out "$work/g.graphml" -q || fail "graphml --out"
/usr/bin/python3 - "$work/g.graphml" <<'PY' || fail "graphml does not parse"
import sys, xml.etree.ElementTree as ET
ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
root = ET.parse(sys.argv[1]).getroot()
nodes = root.findall(".//g:node", ns)
assert len(nodes) >= 19 + 2, len(nodes)
PY
[ -z "$(ls -A "$work" | grep '\.tmp-')" ] || fail "temporary file left behind"

"$alliance" graph "$scenario" --at 1999-13 > /dev/null 2> "$work/err"; [ $? -eq 2 ] || fail "bad date accepted"
"$alliance" graph "$scenario" --at 9999 > /dev/null 2> "$work/err"; [ $? -eq 2 ] || fail "step past the end accepted"
grep -q "past the end" "$work/err" || fail "unclear message for a step past the end"
"$alliance" graph "$scenario" --format svg > /dev/null 2>&1; [ $? -eq 2 ] || fail "unknown format accepted"
"$alliance" graph "$scenario" --out /proc/alliance-cannot/g.dot -q 2> /dev/null; [ $? -eq 1 ] || fail "unwritable --out"

[ "$failures" -eq 0 ] && echo "graph: all checks passed"
exit "$failures"
