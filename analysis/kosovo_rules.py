#!/usr/bin/python3
"""Kosovo 1998-99 under each decision rule, from Python: a notebook-style example of the `alliance` module.

    PYTHONPATH=build/python analysis/kosovo_rules.py [--replicates 200] [--out results/figures/kosovo_rules]

Needs the module built (README, "Python") and Debian's pandas and matplotlib.
Each cell below would be a notebook cell; CI runs the whole script
(ctest -R analysis_python_example).
"""
import argparse
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

import alliance  # noqa: E402

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--scenario", default=str(Path(__file__).resolve().parents[1] / "scenarios/kosovo_1998.toml"))
parser.add_argument("--replicates", type=int, default=200)
parser.add_argument("--threads", type=int, default=None)
parser.add_argument("--out", default="results/figures/kosovo_rules")
args = parser.parse_args()
out = Path(args.out)
out.mkdir(parents=True, exist_ok=True)

# %% The scenario as written: what it holds.
print(alliance.validate(args.scenario)["text"])

# %% One run per rule: the summary table (one row per replicate) as a typed DataFrame.
RULES = ["consensus", "majority", "qualified_majority", "directorate", "unilateral"]
runs = {rule: alliance.run(args.scenario, replicates=args.replicates, set={"alliance.rule": rule},
                           threads=args.threads)["summary"]
        for rule in RULES}
summary = pd.concat(runs, names=["rule", "row"]).reset_index(level="row", drop=True).reset_index()
print(summary.dtypes[["replicate", "seed", "kosovo_deadlock_months"]].to_string())

# %% Means and 95% confidence intervals by rule (empty cells, e.g. no air campaign, left out).
METRICS = {"kosovo_deadlock_months": "months deadlocked",
           "kosovo_months_to_threat": "months to first threat",
           "kosovo_months_to_air_campaign": "months to air campaign"}
table = summary.groupby("rule", sort=False)[list(METRICS)].agg(["mean", "sem", "count"])
print(table.round(2).to_string())

# %% A figure from the DataFrames: one panel per metric.
fig, axes = plt.subplots(1, len(METRICS), figsize=(4 * len(METRICS), 3.6), constrained_layout=True)
for ax, (metric, label) in zip(axes, METRICS.items()):
    mean, sem = table[(metric, "mean")], table[(metric, "sem")].fillna(0)
    ax.bar(range(len(mean)), mean, yerr=1.96 * sem, capsize=3, color="#4c72b0")
    ax.set_xticks(range(len(mean)), [r.replace("_", "\n") for r in mean.index], fontsize=8)
    ax.set_title(label, fontsize=10)
    ax.set_ylabel("months")
fig.suptitle(f"Kosovo 1998-99 by decision rule ({args.replicates} replicates each)", fontsize=11)
fig.savefig(out / "kosovo_rules.png", dpi=120)

# %% The same as a workbench sees it: parameters in, outcome means out.
m = alliance.model(args.scenario, replicates=max(2, args.replicates // 4), threads=args.threads,
                   outcomes=list(METRICS))
print({rule: round(m(**{"alliance.rule": rule})["kosovo_deadlock_months"], 2) for rule in ("consensus", "majority")})
print(f"wrote {out / 'kosovo_rules.png'}")
