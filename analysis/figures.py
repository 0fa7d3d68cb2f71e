#!/usr/bin/python3
"""The standard figures of alliance-sim, from `alliance run` output directories.

    analysis/figures.py run results/kosovo_1998 --into figures/
        credibility  credibility of each member's guarantee over time, accession waves marked
        burden       burden sharing: GDP against defence spending share (Olson-Zeckhauser), with Spearman's rho
        adversary    the adversary's threat perception and capability over time, interventions marked

    analysis/figures.py rules results/kosovo_consensus results/kosovo_majority ... --into figures/
        rules        deadlock months, months to the first threat and to the air campaign, and the highest
                     action level, by decision rule (mean and 95% confidence interval over replicates)
        members      deadlock months and highest action level against the number of members, by rule

    analysis/figures.py sweep results/kosovo_rules --into figures/ [--metric M] [--x P --y P]
        sweep_heatmap  a metric's mean over two parameters of a sweep (averaged over the others), from points.csv
        sensitivity    Sobol S1 and ST, or Morris mu* and sigma, with 95% intervals, from sensitivity.csv
                       (`alliance analyze`), when the directory has one

Every figure is written as PNG and SVG (--formats). Means are over replicates;
bands and error bars are 95% intervals (t-based for means, 2.5-97.5
percentiles for bands). Uses pandas and matplotlib (Debian: python3-pandas,
python3-matplotlib). `analysis/make_figures.sh` runs a scenario and makes them all.
"""
from __future__ import annotations

import argparse
import math
import sys
from statistics import NormalDist
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import alliance_data  # noqa: E402

LEVELS = ["none", "threat", "limited_air", "air_campaign", "ground"]
RULE_ORDER = ["consensus", "qualified_majority", "majority", "directorate", "unilateral"]

# Reproducible files: no time stamp in SVG or PNG metadata, fixed SVG ids.
plt.rcParams["svg.hashsalt"] = "alliance-sim"
plt.rcParams["figure.dpi"] = 100
plt.rcParams["savefig.dpi"] = 110
plt.rcParams["font.size"] = 9


def t_quantile_975(df: int) -> float:
    """0.975 quantile of Student's t: exact for 1-2 degrees of freedom, else the
    Cornish-Fisher expansion (Abramowitz & Stegun 26.7.5; error < 0.004 at 3, < 1e-4 from 9)."""
    if df == 1:
        return 12.7062
    if df == 2:
        return 4.3027
    z = NormalDist().inv_cdf(0.975)
    v = float(df)
    return (z + (z**3 + z) / (4 * v) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * v**2)
            + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * v**3)
            + (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / (92160 * v**4))


def mean_ci(values: pd.Series) -> tuple[float, float, int]:
    """Mean, half-width of its 95% t interval (NaN below two values), and the count."""
    v = pd.to_numeric(values, errors="coerce").dropna().astype(float)
    n = len(v)
    if n == 0:
        return math.nan, math.nan, 0
    if n < 2:
        return float(v.mean()), math.nan, n
    return float(v.mean()), t_quantile_975(n - 1) * float(v.std(ddof=1)) / math.sqrt(n), n


# --- one run ---------------------------------------------------------------


def accession_dates(run: alliance_data.Run) -> list[pd.Timestamp]:
    events = run.table("events")
    waves = events[events["kind"] == "accession"]
    return sorted(waves["date"].unique())


def credibility_figure(run: alliance_data.Run) -> plt.Figure:
    members = run.table("members")
    ever = members[members["member"].fillna(False)]
    codes = list(dict.fromkeys(ever["code"]))  # file order
    mean = (ever.groupby(["date", "code"])["credibility"].mean().unstack("code").reindex(columns=codes))
    fig, ax = plt.subplots(figsize=(9, 4.8))
    cmap = plt.get_cmap("tab20")
    for k, code in enumerate(codes):
        (line,) = ax.plot(mean.index, mean[code], color=cmap(k % 20), lw=1.3, label=code)
        line.set_gid(f"member:{code}")
    threshold = run.parameters["alliance"]["credibility"]["hollow_threshold"]
    ax.axhline(threshold, color="0.4", ls=":", lw=1, gid="hollow_threshold")
    ax.text(mean.index[0], threshold, " hollow below", va="bottom", fontsize=7, color="0.3")
    for date in accession_dates(run):
        ax.axvline(date, color="0.2", ls="--", lw=0.8, gid="wave")
        ax.text(date, 1.0, " accession", rotation=90, va="top", fontsize=7, color="0.2")
    ax.set_ylim(0, 1.02)
    ax.set_ylabel("credibility of the guarantee (probability)")
    ax.set_title(f"{run.metadata['scenario']['title'] or run.name}: credibility by member "
                 f"(mean over {members['replicate'].nunique()} replicates)")
    ax.legend(ncol=1 if len(codes) <= 12 else 2, fontsize=7, loc="center left", bbox_to_anchor=(1.01, 0.5),
              frameon=False)
    fig.tight_layout()
    return fig


def burden_figure(run: alliance_data.Run) -> plt.Figure:
    members = run.table("members")
    last = members["step"].max()
    end = members[(members["step"] == last) & members["member"].fillna(False)]
    share = end.groupby("code", sort=False)["spending_share"].mean()
    gdp = run.gdp().reindex(share.index)
    rho = run.table("steps").query("step == @last")["spearman_gdp_spending"].mean()
    fig, ax = plt.subplots(figsize=(6.4, 4.8))
    points = ax.scatter(gdp, share * 100, s=28, color="steelblue", gid="members")
    for code in share.index:
        ax.annotate(code, (gdp[code], share[code] * 100), fontsize=7, xytext=(3, 2), textcoords="offset points")
    ax.set_xscale("log")
    ax.set_xlabel("GDP (billion US$, log scale)")
    ax.set_ylabel("defence spending (% of GDP)")
    rho_text = "n/a" if pd.isna(rho) else f"{rho:+.2f}"
    ax.set_title(f"Burden sharing at {pd.Timestamp(end['date'].iloc[0]):%Y-%m}: Spearman rho(GDP, share) = {rho_text}\n"
                 "positive: the large carry the small (Olson-Zeckhauser)")
    points.set_label(f"{len(share)} members")
    ax.legend(loc="upper left", frameon=False)
    fig.tight_layout()
    return fig


def adversary_figure(run: alliance_data.Run) -> plt.Figure:
    steps = run.table("steps")
    by_date = steps.groupby("date")
    fig, ax = plt.subplots(figsize=(8, 4.2))
    twin = ax.twinx()
    for axis, column, color, label in [(ax, "adversary_threat", "firebrick", "threat perception (theta)"),
                                       (twin, "adversary_capability", "0.25", "capability (units)")]:
        mean = by_date[column].mean()
        low, high = by_date[column].quantile(0.025), by_date[column].quantile(0.975)
        (line,) = axis.plot(mean.index, mean, color=color, lw=1.5, label=label)
        line.set_gid(column)
        axis.fill_between(mean.index, low, high, color=color, alpha=0.15, lw=0)
        axis.set_ylabel(label, color=color)
    events = run.table("events")
    hits = events[events["kind"] == "intervention"].groupby("date").size()
    if len(hits):
        ax.scatter(hits.index, np.zeros(len(hits)), marker="v", color="black", s=12 + 4 * hits.values, zorder=5,
                   label="interventions", gid="interventions")
    for date in accession_dates(run):
        ax.axvline(date, color="0.5", ls="--", lw=0.7)
    ax.set_ylim(bottom=0)
    ax.set_title(f"The adversary (mean, 95% band over {steps['replicate'].nunique()} replicates; "
                 "dashed: accessions)")
    lines = ax.get_legend_handles_labels()
    lines2 = twin.get_legend_handles_labels()
    ax.legend(lines[0] + lines2[0], lines[1] + lines2[1], loc="upper left", frameon=False, fontsize=8)
    fig.tight_layout()
    return fig


# --- several runs: the same scenario under different rules and sizes --------


def rule_table(runs: list[alliance_data.Run], crisis: str | None = None) -> pd.DataFrame:
    """One row per run: rule, members, and mean and 95% CI of the crisis metrics."""
    rows = []
    for run in runs:
        c = crisis or run.crisis_ids[0]
        s = run.table("summary")
        row = {"run": run.name, "rule": run.rule, "members": int(s["members_start"].median()), "crisis": c,
               "replicates": len(s)}
        for metric in ["deadlock_months", "months_to_threat", "months_to_air_campaign", "max_level"]:
            m, h, n = mean_ci(s[f"{c}_{metric}"])
            row[metric], row[f"{metric}_ci"], row[f"{metric}_n"] = m, h, n
        rows.append(row)
    table = pd.DataFrame(rows)
    table["rule_rank"] = table["rule"].map({r: k for k, r in enumerate(RULE_ORDER)})
    return table.sort_values(["rule_rank", "members"]).drop(columns="rule_rank").reset_index(drop=True)


def rules_figure(runs: list[alliance_data.Run], crisis: str | None = None) -> plt.Figure:
    table = rule_table(runs, crisis)
    # One bar per rule: the runs at the largest size of each rule.
    largest = table.loc[table.groupby("rule", sort=False)["members"].idxmax()]
    fig, axes = plt.subplots(1, 4, figsize=(12, 3.8))
    panels = [("deadlock_months", "deadlock (months)"), ("months_to_threat", "months to first threat"),
              ("months_to_air_campaign", "months to air campaign"), ("max_level", "highest action level")]
    x = np.arange(len(largest))
    for ax, (metric, label) in zip(axes, panels):
        ax.bar(x, largest[metric], yerr=largest[f"{metric}_ci"], color="steelblue", capsize=3, gid=metric)
        ax.set_xticks(x, largest["rule"], rotation=30, ha="right")
        ax.set_title(label)
        for k, n in enumerate(largest[f"{metric}_n"]):
            if n < largest["replicates"].iloc[k]:
                ax.text(k, 0, f"{n}/{largest['replicates'].iloc[k]}\nreached", ha="center", va="bottom", fontsize=6)
    axes[3].set_yticks(range(5), LEVELS, fontsize=7)
    axes[3].set_ylim(0, 4.2)
    fig.suptitle(f"Crisis '{largest['crisis'].iloc[0]}' by decision rule "
                 f"(mean and 95% CI; {int(largest['members'].max())} members)")
    fig.tight_layout()
    return fig


def members_figure(runs: list[alliance_data.Run], crisis: str | None = None) -> plt.Figure:
    table = rule_table(runs, crisis)
    sizes = table.groupby("rule")["members"].nunique()
    table = table[table["rule"].map(sizes) > 1]  # a rule run at one size only is not a line
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.8))
    for ax, (metric, label) in zip(axes, [("deadlock_months", "deadlock (months)"),
                                         ("max_level", "highest action level")]):
        for rule, rows in table.groupby("rule", sort=False):
            rows = rows.sort_values("members")
            line = ax.errorbar(rows["members"], rows[metric], yerr=rows[f"{metric}_ci"], marker="o", ms=4,
                               capsize=3, label=rule)
            line.lines[0].set_gid(f"rule:{rule}")
        ax.set_xlabel("members at the start")
        ax.set_title(label)
    axes[1].set_yticks(range(5), LEVELS, fontsize=7)
    axes[0].legend(frameon=False, fontsize=8)
    fig.suptitle("By number of members (mean and 95% CI over replicates)")
    fig.tight_layout()
    return fig


# --- command line ----------------------------------------------------------


def sweep_heatmap(points: pd.DataFrame, metric: str, x: str, y: str) -> plt.Figure:
    """Mean of `metric` over the (x, y) values of a sweep's points.csv, averaged over other parameters."""
    column = f"{metric}_mean"
    if column not in points.columns:
        raise KeyError(f"points.csv has no column {column}")
    table = points.pivot_table(index=y, columns=x, values=column, aggfunc="mean", sort=True)
    fig, ax = plt.subplots(figsize=(1.2 + 0.9 * len(table.columns), 1.0 + 0.45 * len(table.index)))
    image = ax.imshow(table.to_numpy(dtype=float), aspect="auto", cmap="viridis", origin="lower")
    ax.set_xticks(range(len(table.columns)), [str(c) for c in table.columns])
    ax.set_yticks(range(len(table.index)), [str(i) for i in table.index])
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    for (i, j), value in np.ndenumerate(table.to_numpy(dtype=float)):
        if not math.isnan(value):
            ax.text(j, i, f"{value:.3g}", ha="center", va="center", color="white", fontsize=7)
    fig.colorbar(image, ax=ax, label=f"{metric} (mean)")
    ax.set_title(f"{metric}: mean over runs and other parameters")
    return fig


def sensitivity_figure(table: pd.DataFrame) -> plt.Figure:
    """Bars of Sobol S1 and ST (or Morris mu* and sigma) per parameter, one panel per metric."""
    metrics = list(dict.fromkeys(table["metric"]))
    sobol = (table["method"] == "sobol").any()
    indices = ["S1", "ST"] if sobol else ["mu_star", "sigma"]
    fig, axes = plt.subplots(1, len(metrics), figsize=(4.2 * len(metrics), 3.2), squeeze=False)
    for ax, metric in zip(axes[0], metrics):
        rows = table[table["metric"] == metric]
        parameters = list(dict.fromkeys(rows["parameter"]))
        width = 0.38
        for k, index in enumerate(indices):
            part = rows[rows["index"] == index].set_index("parameter").reindex(parameters)
            xs = np.arange(len(parameters)) + (k - 0.5) * width
            err = np.vstack([part["estimate"] - part["ci_low"], part["ci_high"] - part["estimate"]]).clip(min=0)
            ax.bar(xs, part["estimate"], width, yerr=err, capsize=3, label=index)
        ax.set_xticks(range(len(parameters)), parameters, rotation=30, ha="right")
        ax.axhline(0, color="grey", linewidth=0.6)
        ax.set_title(metric, fontsize=8)
        ax.legend(fontsize=7)
    axes[0][0].set_ylabel("Sobol index" if sobol else "elementary effect (per range)")
    fig.tight_layout()
    return fig


def save(fig: plt.Figure, into: Path, name: str, formats: list[str]) -> list[Path]:
    into.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        path = into / f"{name}.{fmt}"
        tmp = path.with_name(f".{path.name}.tmp")
        meta = {"Date": None} if fmt == "svg" else {"Software": None} if fmt == "png" else {}
        fig.savefig(tmp, format=fmt, metadata=meta, bbox_inches="tight")
        tmp.replace(path)  # never a half-written figure under its name
        written.append(path)
    plt.close(fig)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", choices=["run", "rules", "sweep"],
                        help="figures of one run, comparing runs, or of a sweep")
    parser.add_argument("dirs", nargs="+", type=Path, help="output directories of `alliance run` (or one of `sweep`)")
    parser.add_argument("--into", type=Path, default=Path("figures"), help="where to write (default: figures/)")
    parser.add_argument("--formats", default="png,svg", help="comma-separated (default: png,svg)")
    parser.add_argument("--crisis", help="crisis id for `rules` (default: each run's first)")
    parser.add_argument("--metric", help="sweep: the metric of the heat map (default: the sweep's first)")
    parser.add_argument("--x", help="sweep: the heat map's x parameter (default: the first)")
    parser.add_argument("--y", help="sweep: the heat map's y parameter (default: the second)")
    args = parser.parse_args(argv)
    formats = [f for f in args.formats.split(",") if f]
    if args.kind == "sweep":
        return sweep_main(args, formats)
    try:
        runs = [alliance_data.load_run(d) for d in args.dirs]
    except (FileNotFoundError, KeyError, ValueError) as e:
        print(f"figures.py: error: {e}", file=sys.stderr)
        return 2
    written = []
    if args.kind == "run":
        if len(runs) != 1:
            parser.error("`run` takes one output directory")
        run = runs[0]
        written += save(credibility_figure(run), args.into, "credibility", formats)
        written += save(burden_figure(run), args.into, "burden", formats)
        written += save(adversary_figure(run), args.into, "adversary", formats)
    else:
        written += save(rules_figure(runs, args.crisis), args.into, "rules", formats)
        if (rule_table(runs, args.crisis).groupby("rule")["members"].nunique() > 1).any():
            written += save(members_figure(runs, args.crisis), args.into, "members", formats)
        rule_table(runs, args.crisis).to_csv(args.into / "rules.csv", index=False, float_format="%.6g")
        written.append(args.into / "rules.csv")
    for path in written:
        print(path)
    return 0


def sweep_main(args: argparse.Namespace, formats: list[str]) -> int:
    import json

    if len(args.dirs) != 1:
        print("figures.py: error: `sweep` takes one sweep output directory", file=sys.stderr)
        return 2
    folder = args.dirs[0]
    try:
        meta = json.loads((folder / "sweep.json").read_text())
        points = pd.read_csv(folder / "points.csv")
    except (FileNotFoundError, ValueError) as e:
        print(f"figures.py: error: {e}", file=sys.stderr)
        return 2
    names = [p["name"] for p in meta["parameters"]]
    metric = args.metric or meta["metrics"][0]
    x = args.x or names[0]
    y = args.y or (names[1] if len(names) > 1 else names[0])
    written = []
    try:
        written += save(sweep_heatmap(points, metric, x, y), args.into, "sweep_heatmap", formats)
    except KeyError as e:
        print(f"figures.py: error: {e}", file=sys.stderr)
        return 2
    if (folder / "sensitivity.csv").exists():
        written += save(sensitivity_figure(pd.read_csv(folder / "sensitivity.csv")), args.into, "sensitivity", formats)
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
