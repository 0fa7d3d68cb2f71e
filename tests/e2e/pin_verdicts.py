#!/usr/bin/env python3
"""Re-pins tests/e2e/expected_verdicts.csv from an `alliance check` output
folder: every verdict (claim, hypothesis, preset, cause) and every
hypothesis' construction audit (preset empty, cause "audit").

    build/sim/alliance check scenarios/claims/ --out /tmp/check -q
    tests/e2e/pin_verdicts.py /tmp/check

Explain in the commit why a pinned verdict changed."""
import csv
import pathlib
import sys

out = pathlib.Path(sys.argv[1])
target = pathlib.Path(__file__).with_name("expected_verdicts.csv")
with open(target, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["claim", "hypothesis", "preset", "cause", "verdict"])
    for r in csv.DictReader(open(out / "verdicts.csv")):
        w.writerow([r["claim"], r["hypothesis"], r["preset"], r["cause"], r["verdict"]])
    for r in csv.DictReader(open(out / "audit.csv")):
        w.writerow([r["claim"], r["hypothesis"], "", "audit", r["audit"]])
print(f"pinned {target}")
