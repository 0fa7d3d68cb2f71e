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

    analysis/figures.py spending results/nato --baseline results/nato_uncalibrated --into figures/
        spending       one panel per member: recorded defence share (the series table run.json names, or
                       --series), simulated spending share and alpha (alone_share) at each year's end, and the
                       baseline run's spending share (alliance.burden.calibrate=false); numbers in spending.csv
    analysis/figures.py olson_zeckhauser results/nato --baseline results/nato_uncalibrated --into figures/
        olson_zeckhauser  each year's Spearman rho over members of GDP with the defence share, recorded,
                       simulated and baseline, and the number of members; numbers in olson_zeckhauser.csv

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


# --- spending against the record ([data] scenarios) -----------------------


def year_end_members(run: alliance_data.Run) -> pd.DataFrame:
    """members.csv at the last step of each year (December, or where the run ends), members only, with `year`."""
    members = run.table("members")
    year = members["date"].dt.year
    last = members["step"] == members.groupby(year)["step"].transform("max")
    end = members[last & members["member"].fillna(False)].copy()
    end["year"] = end["date"].dt.year.astype("Int64")
    return end


def spending_table(run: alliance_data.Run, baseline: alliance_data.Run | None = None,
                   series: Path | None = None) -> pd.DataFrame:
    """One row per member and year (at the year's last step): the recorded defence share (series table), the
    simulated spending share and alpha (alone_share), means over replicates, and the baseline run's spending share."""
    end = year_end_members(run)
    table = (end.groupby(["code", "year"], sort=False)[["spending_share", "alone_share"]].mean().reset_index()
             .rename(columns={"spending_share": "simulated_share"}))
    recorded = run.series(series)[["code", "year", "defence_share"]].rename(columns={"defence_share": "recorded_share"})
    table = table.merge(recorded, on=["code", "year"], how="left")
    if baseline is not None:
        base = (year_end_members(baseline).groupby(["code", "year"])["spending_share"].mean()
                .rename("baseline_share").reset_index())
        table = table.merge(base, on=["code", "year"], how="left")
    else:
        table["baseline_share"] = math.nan
    order = {code: k for k, code in enumerate(dict.fromkeys(table["code"]))}  # by first year as a member
    table = table.sort_values(["code", "year"], key=lambda c: c.map(order) if c.name == "code" else c)
    return table[["code", "year", "recorded_share", "simulated_share", "alone_share", "baseline_share"]].reset_index(
        drop=True)


def spending_figure(run: alliance_data.Run, baseline: alliance_data.Run | None = None, series: Path | None = None,
                    table: pd.DataFrame | None = None) -> plt.Figure:
    """Small multiples, one panel per member: recorded defence share, simulated spending share, alpha (dashed)
    and the baseline's spending share, % of GDP, on a shared y axis; alpha above it is written in the panel."""
    table = spending_table(run, baseline, series) if table is None else table
    codes = list(dict.fromkeys(table["code"]))
    ncols = min(6, len(codes))
    nrows = math.ceil(len(codes) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(2.1 * ncols, 1.45 * nrows + 0.9), sharex=True, sharey=True,
                             squeeze=False)
    shown = table[["recorded_share", "simulated_share", "baseline_share"]].max().max()
    top = 100 * 1.1 * (shown if pd.notna(shown) and shown > 0 else table["alone_share"].max())
    years = (int(table["year"].min()), int(table["year"].max()))
    for ax, code in zip(axes.flat, codes):
        rows = table[table["code"] == code]
        year = rows["year"].astype(int)
        dot = {"marker": "o", "ms": 2.5} if len(rows) == 1 else {}  # a member for one year only
        ax.plot(year, 100 * rows["recorded_share"], color="0.55", lw=2.6, alpha=0.6, label="recorded",
                gid=f"recorded:{code}", **dot)
        ax.plot(year, 100 * rows["simulated_share"], color="steelblue", lw=1.0, label="simulated",
                gid=f"simulated:{code}", **dot)
        ax.plot(year, 100 * rows["alone_share"], color="steelblue", lw=0.9, ls="--", label="alone (alpha)",
                gid=f"alone:{code}", **dot)
        if baseline is not None:
            ax.plot(year, 100 * rows["baseline_share"], color="darkorange", lw=1.0, label="baseline (not calibrated)",
                    gid=f"baseline:{code}", **dot)
        alpha_max = 100 * rows["alone_share"].max()
        if alpha_max > top:
            ax.text(0.97, 0.95, f"alpha to {alpha_max:.0f}%", transform=ax.transAxes, ha="right", va="top",
                    fontsize=6.5, color="steelblue", bbox={"fc": "white", "ec": "none", "pad": 0.5})
        ax.text(0.03, 0.95, code, transform=ax.transAxes, ha="left", va="top", fontsize=8, fontweight="bold")
        ax.tick_params(labelsize=7)
    for ax in axes.flat[len(codes):]:
        ax.set_visible(False)
    axes[0][0].set_ylim(0, top)
    axes[0][0].set_xlim(*years)
    for ax in axes[:, 0]:
        ax.set_ylabel("% of GDP", fontsize=7)
    height = fig.get_figheight()
    handles, labels = axes[0][0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="upper center", ncol=len(handles), frameon=False, fontsize=8,
               bbox_to_anchor=(0.5, 1 - 0.3 / height))
    replicates = run.table("members")["replicate"].nunique()
    fig.suptitle(f"{run.metadata['scenario'].get('title') or run.name}: defence spending by member, % of GDP "
                 f"(recorded; simulated at each year's last step, mean over {replicates} replicates)", fontsize=9,
                 y=1 - 0.08 / height)
    # Fixed margins (inches) rather than tight_layout, which is slow with many panels.
    fig.subplots_adjust(left=0.55 / fig.get_figwidth(), right=1 - 0.1 / fig.get_figwidth(), bottom=0.3 / height,
                        top=1 - 0.65 / height, wspace=0.08, hspace=0.12)
    return fig


def spearman_by(frame: pd.DataFrame, keys: list[str], x: str, y: str) -> pd.Series:
    """Spearman's rank correlation of columns x and y within each group of `keys`, as the program computes it
    (average ranks for ties; NaN below three pairs or without variation). Rows missing x or y are left out."""
    pairs = frame.dropna(subset=[x, y])
    groups = pairs.groupby(keys)
    d = pairs[keys].copy()
    for column, name in [(x, "rx"), (y, "ry")]:
        rank = groups[column].rank()
        d[name] = rank - rank.groupby([pairs[k] for k in keys]).transform("mean")
    sums = d.assign(xy=d["rx"] * d["ry"], xx=d["rx"] ** 2, yy=d["ry"] ** 2).groupby(keys)[["xy", "xx", "yy"]].sum()
    valid = (groups.size() >= 3) & (sums["xx"] > 0) & (sums["yy"] > 0)
    rho = sums["xy"] / np.sqrt(sums["xx"] * sums["yy"])
    return rho.where(valid).astype(float)


def olson_zeckhauser_table(run: alliance_data.Run, baseline: alliance_data.Run | None = None,
                           series: Path | None = None) -> pd.DataFrame:
    """One row per year of the run: its members (at the year's last step, in any replicate) and Spearman's rho
    over them of GDP (series table) with the defence share, recorded and simulated (each replicate, then the
    mean), and the baseline's."""
    data = run.series(series)[["code", "year", "gdp", "defence_share"]]

    def simulated(r: alliance_data.Run) -> pd.Series:
        end = year_end_members(r).merge(data, on=["code", "year"], how="left")
        return spearman_by(end, ["year", "replicate"], "gdp", "spending_share").groupby(level="year").mean()

    members = year_end_members(run)[["code", "year"]].drop_duplicates().merge(data, on=["code", "year"], how="left")
    by_year = members.groupby("year")
    table = pd.DataFrame({
        "members": by_year.size(),
        "recorded_n": by_year["defence_share"].count(),
        "recorded_rho": spearman_by(members, ["year"], "gdp", "defence_share"),
        "simulated_rho": simulated(run),
    })
    table["baseline_rho"] = simulated(baseline) if baseline is not None else math.nan
    table.index.name = "year"
    return table.reset_index()


def olson_zeckhauser_figure(run: alliance_data.Run, baseline: alliance_data.Run | None = None,
                            series: Path | None = None, table: pd.DataFrame | None = None) -> plt.Figure:
    """Spearman's rho over each year's members of GDP with the defence share: recorded, simulated, baseline;
    the number of members on a second axis."""
    table = olson_zeckhauser_table(run, baseline, series) if table is None else table
    year = table["year"].astype(int)
    fig, ax = plt.subplots(figsize=(9, 4.2))
    twin = ax.twinx()
    twin.step(year, table["members"], where="mid", color="0.6", lw=0.8, gid="members")
    twin.set_ylabel("members", color="0.45", loc="bottom")
    most = int(table["members"].max())
    twin.set_ylim(0, 3.4 * most)  # the lowest part: out of the correlations' way
    twin.set_yticks(range(0, most + 1, 10 if most > 20 else 5 if most > 8 else 1))
    twin.tick_params(colors="0.45", labelsize=7)
    ax.set_zorder(twin.get_zorder() + 1)
    ax.patch.set_visible(False)
    ax.axhline(0, color="0.3", lw=0.6)
    ax.plot(year, table["recorded_rho"], color="0.35", lw=2.6, alpha=0.6, marker="o", ms=2.5,
            label="recorded defence share", gid="recorded")
    ax.plot(year, table["simulated_rho"], color="steelblue", lw=1.0, label="simulated (mean over replicates)",
            gid="simulated")
    if table["baseline_rho"].notna().any():
        ax.plot(year, table["baseline_rho"], color="darkorange", lw=1.0,
                label="baseline, not calibrated (mean over replicates)", gid="baseline")
    ax.set_ylim(-1, 1)
    ax.set_xlim(year.min(), year.max())
    ax.set_ylabel("Spearman rho(GDP, defence share) over members")
    ax.legend(loc="lower left", bbox_to_anchor=(0, 0.3), frameon=False, fontsize=8)
    ax.set_title(f"{run.metadata['scenario'].get('title') or run.name}: Olson-Zeckhauser each year "
                 "(positive: the large carry the small; grey steps: members)", fontsize=9)
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
    parser.add_argument("kind", choices=["run", "rules", "sweep", "spending", "olson_zeckhauser"],
                        help="figures of one run, comparing runs, of a sweep, or of a [data] run against the record")
    parser.add_argument("dirs", nargs="+", type=Path, help="output directories of `alliance run` (or one of `sweep`)")
    parser.add_argument("--into", type=Path, default=Path("figures"), help="where to write (default: figures/)")
    parser.add_argument("--formats", default="png,svg", help="comma-separated (default: png,svg)")
    parser.add_argument("--crisis", help="crisis id for `rules` (default: each run's first)")
    parser.add_argument("--metric", help="sweep: the metric of the heat map (default: the sweep's first)")
    parser.add_argument("--x", help="sweep: the heat map's x parameter (default: the first)")
    parser.add_argument("--y", help="sweep: the heat map's y parameter (default: the second)")
    parser.add_argument("--baseline", type=Path,
                        help="spending, olson_zeckhauser: a run of the same scenario with alliance.burden.calibrate=false")
    parser.add_argument("--series", type=Path,
                        help="spending, olson_zeckhauser: the annual series table (default: the one run.json names)")
    args = parser.parse_args(argv)
    formats = [f for f in args.formats.split(",") if f]
    if args.kind == "sweep":
        return sweep_main(args, formats)
    if args.kind in ("spending", "olson_zeckhauser"):
        if len(args.dirs) != 1:
            parser.error(f"`{args.kind}` takes one output directory (and --baseline another)")
        return record_main(args, formats)
    try:
        runs = [alliance_data.load_run(d) for d in args.dirs]
    except (FileNotFoundError, KeyError, ValueError) as e:
        print(f"figures.py: error: {e}", file=sys.stderr)
        return 2
    if args.kind == "rules" and not args.crisis and not all(run.crisis_ids for run in runs):
        print("figures.py: error: `rules` needs runs of a scenario with a crisis", file=sys.stderr)
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


def record_main(args: argparse.Namespace, formats: list[str]) -> int:
    """`spending` or `olson_zeckhauser`: the figure and its numbers as CSV."""
    make_table, make_figure = {"spending": (spending_table, spending_figure),
                               "olson_zeckhauser": (olson_zeckhauser_table, olson_zeckhauser_figure)}[args.kind]
    try:
        run = alliance_data.load_run(args.dirs[0])
        baseline = alliance_data.load_run(args.baseline) if args.baseline else None
        table = make_table(run, baseline, args.series)
    except (FileNotFoundError, KeyError, ValueError) as e:
        print(f"figures.py: error: {e}", file=sys.stderr)
        return 2
    written = save(make_figure(run, baseline, args.series, table), args.into, args.kind, formats)
    table.to_csv(args.into / f"{args.kind}.csv", index=False, float_format="%.6g")
    written.append(args.into / f"{args.kind}.csv")
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
