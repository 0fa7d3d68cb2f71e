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
        <sweep>_heatmap      a metric's mean over two parameters of a sweep (averaged over the others), from
                             points.csv: levels grouped exactly, continuous (LHS, Saltelli) values in quantile bins
        <sweep>_sensitivity  Sobol S1 and ST, or Morris mu* and sigma, with 95% intervals, from sensitivity.csv
                             (`alliance analyze`), when the directory has one
        <sweep>_prim_<metric> the PRIM figure of each discover_<metric>/ folder in it (`alliance discover`)
        (<sweep>: the name in sweep.json, so sweeps drawn into one folder do not overwrite each other)

    analysis/figures.py prim results/kosovo_discover/discover_kosovo_deadlock_months --into figures/
        <sweep>_prim_<metric>  scenario discovery (`alliance discover`): the peeling trajectory's trade-off of
                             coverage against density (colour: restricted parameters; ringed: the chosen box),
                             and the chosen box's limits per parameter on its range, with the p-values

    analysis/figures.py spending results/nato --baseline results/nato_uncalibrated --into figures/
        spending       one panel per member: recorded defence share (the series table run.json names, or
                       --series), simulated spending share and alpha (alone_share) at each year's end, and the
                       baseline run's spending share (alliance.burden.calibrate=false); numbers in spending.csv
    analysis/figures.py olson_zeckhauser results/nato --baseline results/nato_uncalibrated --into figures/
        olson_zeckhauser  each year's Spearman rho over members of GDP with the defence share, recorded,
                       simulated and baseline, and the number of members; numbers in olson_zeckhauser.csv

    analysis/figures.py posterior results/kosovo_bucharest --into figures/
        <name>_marginals  each parameter's posterior (final generation, weighted histogram) by model, over its prior range
        <name>_pairs      pair plot of the final generation's particles, sized by weight, coloured by model
        <name>_models     posterior model probabilities with their Monte Carlo error (bars), and by generation
        (<name>: the calibration's name in calibrate.json; from `alliance calibrate` output)

Every figure is written as PNG and SVG (--formats). Means are over replicates;
bands and error bars are 95% intervals (t-based for means, 2.5-97.5
percentiles for bands). Uses pandas and matplotlib (Debian: python3-pandas,
python3-matplotlib): run it with /usr/bin/python3. `analysis/make_figures.py` runs a scenario and makes them all.
"""
from __future__ import annotations

import argparse
import math
import sys
from statistics import NormalDist
from pathlib import Path

try:
    import matplotlib
    import numpy as np
    import pandas as pd
except ImportError as e:  # another python3 (pyenv, conda) without Debian's packages
    raise SystemExit(f"{Path(__file__).name}: {e}. Run the analysis scripts with Debian's /usr/bin/python3 "
                     "(apt install python3-pandas python3-matplotlib), e.g. /usr/bin/python3 analysis/figures.py ...")

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

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


def budget_dates(run: alliance_data.Run) -> list[pd.Timestamp]:
    """Dates of the steps where a budget year ends (every 12 months from the start): capability moves
    only there, so a credibility drop at these dates is the budget, not an accession."""
    steps = run.table("steps")
    months = max(1, round(12 * float(run.parameters.get("simulation", {}).get("years_per_step", 1 / 12))))
    step = steps["step"].astype(int)
    marked = steps[(step > 0) & ((step * months) % 12 == 0)]
    return sorted(marked["date"].unique())


def member_styles(count: int) -> list[tuple]:
    """(colour, line style) for `count` lines, no two alike: tab20's colours, then the same with dashes,
    dots and dash-dots."""
    cmap = plt.get_cmap("tab20")
    styles = ["-", (0, (5, 2)), (0, (1, 1.5)), (0, (5, 1.5, 1, 1.5))]
    return [(cmap(k % 20), styles[(k // 20) % len(styles)]) for k in range(count)]


def adversary_name(run: alliance_data.Run) -> str:
    adversary = run.parameters.get("adversary", {})
    return adversary.get("name") or adversary.get("code") or "the adversary"


def credibility_figure(run: alliance_data.Run) -> plt.Figure:
    members = run.table("members")
    ever = members[members["member"].fillna(False)]
    codes = list(dict.fromkeys(ever["code"]))  # file order
    mean = (ever.groupby(["date", "code"])["credibility"].mean().unstack("code").reindex(columns=codes))
    fig, ax = plt.subplots(figsize=(9, 4.8))
    for code, (color, style) in zip(codes, member_styles(len(codes))):
        (line,) = ax.plot(mean.index, mean[code], color=color, ls=style, lw=1.3, label=code)
        line.set_gid(f"member:{code}")
    budget = budget_dates(run)
    for date in budget:  # capability (and with it credibility) moves only at these steps
        ax.axvline(date, color="darkorange", ls=(0, (1, 3)), lw=1.0, alpha=0.8, gid="budget_year")
        ax.text(date, 0.01, " budget year: capability moves", rotation=90, va="bottom", fontsize=6.5,
                color="darkorange")
    threshold = run.parameters["alliance"]["credibility"]["hollow_threshold"]
    ax.axhline(threshold, color="0.4", ls=":", lw=1, gid="hollow_threshold")
    ax.text(mean.index[0], threshold, " hollow below", va="bottom", fontsize=7, color="0.3")
    for date in accession_dates(run):
        ax.axvline(date, color="0.2", ls="--", lw=0.8, gid="wave")
        ax.text(date, 1.0, " accession", rotation=90, va="top", fontsize=7, color="0.2")
    ax.set_ylim(0, 1.02)
    ax.set_ylabel("credibility of the guarantee (probability)")
    counts = members[members["member"].fillna(False)].groupby(["replicate", "date"]).size().groupby("date").median()
    size = (f"{int(counts.iloc[0])} members" if counts.nunique() == 1 else
            f"{int(counts.iloc[0])} then {int(counts.iloc[-1])} members")
    ax.set_title(f"{run.metadata['scenario']['title'] or run.name}: credibility by member, {size} "
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
    # Labels: all when few; otherwise the 8 largest economies and the 4 highest spenders, so none overlap much.
    shown = list(share.index) if len(share) <= 12 else list(dict.fromkeys(
        list(gdp.sort_values(ascending=False).index[:8]) + list(share.sort_values(ascending=False).index[:4])))
    placed: list[tuple[float, float]] = []
    for code in shown:
        x, y = math.log10(max(float(gdp[code]), 1e-9)), float(share[code]) * 100
        near = sum(abs(x - px) < 0.12 and abs(y - py) < 0.15 * max(1.0, float(share.max()) * 100) / 4
                   for px, py in placed)
        placed.append((x, y))
        ax.annotate(code, (gdp[code], share[code] * 100), fontsize=7, xytext=(3, 2 + 8 * near),
                    textcoords="offset points", arrowprops={"arrowstyle": "-", "lw": 0.4, "color": "0.5"} if near
                    else None)
    if run.metadata.get("data"):
        try:
            series = run.series()
            year = pd.Timestamp(end["date"].iloc[0]).year
            recorded = series[series["year"] == year].set_index("code")["defence_share"].reindex(share.index)
            if recorded.notna().any():
                ax.scatter(gdp, recorded * 100, s=30, facecolors="none", edgecolors="0.35", marker="s",
                           label=f"recorded {year} (see the spending figure)", gid="recorded")
        except (FileNotFoundError, KeyError):
            pass
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
    agree = True
    for axis, column, color, label in [(ax, "adversary_threat", "firebrick", "threat perception (theta)"),
                                       (twin, "adversary_capability", "0.25", "capability (units)")]:
        mean = by_date[column].mean()
        low, high = by_date[column].quantile(0.025), by_date[column].quantile(0.975)
        (line,) = axis.plot(mean.index, mean, color=color, lw=1.5, label=label)
        line.set_gid(column)
        if (high - low).abs().max() > 1e-12 * max(1.0, float(mean.abs().max())):
            axis.fill_between(mean.index, low, high, color=color, alpha=0.15, lw=0)
            agree = False
        axis.set_ylabel(label, color=color)
    twin.set_ylim(bottom=0)
    events = run.table("events")
    hits = events[events["kind"] == "intervention"].groupby("date").size()
    if len(hits):
        ax.scatter(hits.index, np.zeros(len(hits)), marker="v", color="black", s=12 + 4 * hits.values, zorder=5,
                   label="interventions", gid="interventions")
    for date in accession_dates(run):
        ax.axvline(date, color="0.5", ls="--", lw=0.7)
    ax.set_ylim(bottom=0)
    replicates = steps["replicate"].nunique()
    spread = (f"mean, 95% band over {replicates} replicates" if not agree else
              f"all {replicates} replicates agree: no band" if replicates > 1 else "1 replicate: no band")
    ax.set_title(f"The adversary, {adversary_name(run)} ({spread}; dashed: accessions)")
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
        row = {"run": run.name, "rule": run.rule, "members": int(s["members_start"].median()),
               "members_end": int(s["members_end"].median()), "crisis": c, "replicates": len(s)}
        for metric in ["deadlock_months", "months_to_threat", "months_to_air_campaign", "max_level"]:
            m, h, n = mean_ci(s[f"{c}_{metric}"])
            row[metric], row[f"{metric}_ci"], row[f"{metric}_n"] = m, h, n
        rows.append(row)
    table = pd.DataFrame(rows)
    table["rule_rank"] = table["rule"].map({r: k for k, r in enumerate(RULE_ORDER)})
    return table.sort_values(["rule_rank", "members"]).drop(columns="rule_rank").reset_index(drop=True)


def run_summary(runs: list[alliance_data.Run], name: str, crisis: str | None) -> pd.Series:
    """The highest action level of each replicate of the run called `name`."""
    run = next(r for r in runs if r.name == name)
    return run.table("summary")[f"{crisis or run.crisis_ids[0]}_max_level"]


def rules_figure(runs: list[alliance_data.Run], crisis: str | None = None) -> plt.Figure:
    table = rule_table(runs, crisis)
    # One bar per rule: the runs at the largest size of each rule.
    largest = table.loc[table.groupby("rule", sort=False)["members"].idxmax()]
    fig, axes = plt.subplots(1, 4, figsize=(12, 3.8))
    panels = [("deadlock_months", "deadlock (months)"), ("months_to_threat", "months to first threat"),
              ("months_to_air_campaign", "months to air campaign"), ("max_level", "highest action level")]
    x = np.arange(len(largest))
    for ax, (metric, label) in zip(axes, panels):
        # no interval from a single replicate: no whisker rather than a NaN one
        ax.bar(x, largest[metric], yerr=largest[f"{metric}_ci"].fillna(0).to_numpy(), color="steelblue", capsize=3,
               gid=metric)
        ax.set_xticks(x, largest["rule"], rotation=30, ha="right")
        ax.set_title(label)
        for k, n in enumerate(largest[f"{metric}_n"]):
            if n < largest["replicates"].iloc[k]:
                ax.text(k, 0, f"{n}/{largest['replicates'].iloc[k]}\nreached", ha="center", va="bottom", fontsize=6)
    # Highest action level: the share of replicates reaching each level (not a mean of an ordinal scale).
    ax = axes[3]
    ax.clear()
    width = 0.8 / (len(LEVELS) - 1)
    for j, level in enumerate(LEVELS[1:], start=1):
        shares = [float((pd.to_numeric(run_summary(runs, name, crisis), errors="coerce") >= j).mean())
                  for name in largest["run"]]
        ax.bar(x + (j - 2.5) * width, shares, width, label=level, gid=f"reached:{level}")
    ax.set_xticks(x, largest["rule"], rotation=30, ha="right")
    ax.set_ylim(0, 1.3)
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1])
    ax.set_title("share of replicates reaching a level")
    ax.legend(fontsize=6, frameon=False, loc="upper center", ncol=4, handlelength=1, columnspacing=0.8)
    for a in axes[1:3]:
        a.set_title(a.get_title() + "\n(among replicates reaching it)", fontsize=8)
    start, end = int(largest["members"].max()), int(largest["members_end"].max())
    size = f"{start} members" if start == end else f"{start} members, {end} after accessions"
    fig.suptitle(f"Crisis '{largest['crisis'].iloc[0]}' by decision rule "
                 f"(mean and 95% CI over replicates; {size})")
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
            line = ax.errorbar(rows["members"], rows[metric], yerr=rows[f"{metric}_ci"].fillna(0).to_numpy(), marker="o", ms=4,
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


MAX_INCHES = 20.0  # cap on a figure's width and height: at savefig.dpi 110, about 2200 px
CONTINUOUS_LEVELS = 24  # an axis with more distinct values than this is binned, not one category per value


def exact_levels(values: pd.Series, digits: int = 12) -> pd.Series:
    """Numbers rounded to `digits` significant digits, so that a level written two ways
    (0.26666666666666666 and 0.2666666666666667) is one; anything else as it is."""
    numbers = pd.to_numeric(values, errors="coerce")
    if numbers.notna().sum() < values.notna().sum():
        return values  # text levels (a rule, a preset)
    return numbers.map(lambda v: float(f"{v:.{digits}g}") if pd.notna(v) else v)


def binned(values: pd.Series, bins: int) -> pd.Series:
    """Quantile bins of a continuous parameter, labelled by their range (ordered categorical)."""
    codes, edges = pd.qcut(values.astype(float), bins, labels=False, retbins=True, duplicates="drop")
    labels = [f"{edges[k]:.3g}-{edges[k + 1]:.3g}" for k in range(len(edges) - 1)]
    return pd.Categorical.from_codes(codes.astype(int), categories=labels, ordered=True)


def sweep_heatmap(points: pd.DataFrame, metric: str, x: str, y: str, continuous: set[str] | None = None,
                  bins: int = 8) -> plt.Figure:
    """Mean of `metric` over the (x, y) values of a sweep's points.csv, averaged over other parameters.
    Levels (grid, Morris, listed values) are grouped exactly (to 12 significant digits); a continuous axis
    (in `continuous`, or by default one with more than CONTINUOUS_LEVELS values: LHS, Sobol) is cut into
    `bins` quantile bins, each cell the mean of the points that fall in it."""
    column = f"{metric}_mean"
    if column not in points.columns:
        raise KeyError(f"points.csv has no column {column}")
    frame = pd.DataFrame({column: points[column]})
    binned_axes = []
    for axis in dict.fromkeys([x, y]):
        if axis not in points.columns:
            raise KeyError(f"points.csv has no parameter column {axis}")
        levels = exact_levels(points[axis])
        numeric = pd.api.types.is_numeric_dtype(levels)
        cut = numeric and (axis in continuous if continuous is not None else levels.nunique() > CONTINUOUS_LEVELS)
        frame[axis] = binned(levels, bins) if cut else levels
        if cut:
            binned_axes.append(axis)
    table = frame.pivot_table(index=y, columns=x, values=column, aggfunc="mean", sort=True, observed=True)
    counts = frame.pivot_table(index=y, columns=x, values=column, aggfunc="count", sort=True, observed=True)
    ncols, nrows = len(table.columns), len(table.index)
    width = min(MAX_INCHES, 2.2 + 0.9 * ncols)
    height = min(MAX_INCHES, 1.4 + 0.45 * nrows)
    fig, ax = plt.subplots(figsize=(width, height))
    values = table.to_numpy(dtype=float)
    image = ax.imshow(values, aspect="auto", cmap="viridis", origin="lower")
    step_x, step_y = max(1, math.ceil(ncols / 30)), max(1, math.ceil(nrows / 40))  # at most ~30 x 40 tick labels
    def label(v) -> str:
        return f"{v:.4g}" if isinstance(v, (float, np.floating)) else str(v)

    ax.set_xticks(range(0, ncols, step_x), [label(c) for c in table.columns][::step_x],
                  rotation=30 if x in binned_axes else 0, ha="right" if x in binned_axes else "center")
    ax.set_yticks(range(0, nrows, step_y), [label(i) for i in table.index][::step_y])
    ax.set_xlabel(x + (" (quantile bins)" if x in binned_axes else ""))
    ax.set_ylabel(y + (" (quantile bins)" if y in binned_axes else ""))
    if ncols * nrows <= 150:
        for (i, j), value in np.ndenumerate(values):
            if not math.isnan(value):
                ax.text(j, i, f"{value:.3g}", ha="center", va="center", color="white", fontsize=7)
    fig.colorbar(image, ax=ax, label=f"{metric} (mean)")
    how = "mean of the points in each bin" if binned_axes else "mean over runs"
    per_cell = counts.to_numpy(dtype=float)
    ax.set_title(f"{metric}: {how}, averaged over other parameters\n"
                 f"({len(points)} points; {np.nanmin(per_cell):.0f}-{np.nanmax(per_cell):.0f} per cell)", fontsize=9)
    fig.tight_layout()
    return fig


SOBOL_NOTE = ("Bars: estimates; whiskers: 95% bootstrap intervals. Indices lie in [0, 1]: an S1 below 0 or an "
              "interval reaching above 1 is Monte Carlo error of the estimator (too few samples), not an effect.")


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
    if sobol:
        fig.text(0.01, 0.005, SOBOL_NOTE, fontsize=7, color="0.3", ha="left", va="bottom", wrap=True)
        fig.tight_layout(rect=(0, 0.09, 1, 1))
    else:
        fig.tight_layout()
    return fig


def prim_figure(trajectory: pd.DataFrame, box: pd.DataFrame, meta: dict) -> plt.Figure:
    """Left: coverage against density along the peeling (and pasting) trajectory, coloured by the number of
    restricted parameters, the chosen box ringed. Right: the chosen box's limits per parameter, each on its
    range (0 = the lowest value in the sweep, 1 = the highest), restricted parameters first, with p-values."""
    restricted = box[box["restricted"] == 1]
    rows = pd.concat([restricted, box[box["restricted"] != 1]])
    fig, (left, right) = plt.subplots(1, 2, figsize=(10.5, max(3.4, 1.2 + 0.42 * len(rows))),
                                      gridspec_kw={"width_ratios": [1, 1.25]})
    dims = trajectory["restricted"].astype(int)
    cmap = plt.get_cmap("viridis", max(1, dims.max()) + 1)
    points = left.scatter(trajectory["coverage"], trajectory["density"], c=dims, cmap=cmap, vmin=-0.5,
                          vmax=dims.max() + 0.5, s=18, zorder=2)
    left.plot(trajectory["coverage"], trajectory["density"], color="0.75", linewidth=0.8, zorder=1)
    chosen = trajectory[trajectory["chosen"] == 1]
    left.scatter(chosen["coverage"], chosen["density"], s=120, facecolors="none", edgecolors="red", linewidths=1.5,
                 zorder=3, label=f"chosen: box {int(chosen['box'].iloc[0])}" if len(chosen) else "chosen")
    threshold = meta.get("prim", {}).get("threshold")
    if threshold is not None and meta.get("chosen", {}).get("rule") != "--box":
        left.axhline(threshold, color="red", linestyle=":", linewidth=0.8, label=f"threshold {threshold:g}")
    left.set_xlim(-0.02, 1.05)
    left.set_ylim(0, 1.05)
    left.set_xlabel("coverage (share of the cases of interest inside the box)")
    left.set_ylabel("density (share of the box's cases of interest)")
    left.legend(fontsize=7, loc="lower left")
    colorbar = fig.colorbar(points, ax=left, ticks=range(0, dims.max() + 1))
    colorbar.set_label("restricted parameters")
    cases = meta.get("cases", {})
    left.set_title(f"{meta.get('metric', '')} {meta.get('condition', '')}: {cases.get('of_interest', '?')} of "
                   f"{cases.get('total', '?')} cases", fontsize=9)

    labels = []
    for y, (_, row) in enumerate(rows.iloc[::-1].iterrows()):
        right.plot([0, 1], [y, y], color="0.85", linewidth=6, solid_capstyle="butt", zorder=1)
        p = row["p_value"]
        pvalue = "" if pd.isna(p) else f" (p {p:.2g})"
        labels.append(f"{row['parameter']}{pvalue}")
        if row["type"] == "category":
            kept, every = str(row["values"]).split(";"), str(row["all_values"]).split(";")
            for k, value in enumerate(every):
                x = (k + 0.5) / len(every)
                inside = value in kept
                right.text(x, y, value, ha="center", va="center", fontsize=7,
                           color="white" if inside else "0.4",
                           bbox={"facecolor": "tab:blue" if inside else "white", "edgecolor": "none", "pad": 1.5})
            continue
        lo, hi = float(row["min"]), float(row["max"])
        span = (hi - lo) or 1.0
        a, b = (float(row["lower"]) - lo) / span, (float(row["upper"]) - lo) / span
        right.plot([a, b], [y, y], color="tab:blue" if row["restricted"] == 1 else "0.6", linewidth=6,
                   solid_capstyle="butt", zorder=2)
        right.text(0, y - 0.22, f"{lo:.3g}", ha="left", va="top", fontsize=7, color="0.4")
        right.text(1, y - 0.22, f"{hi:.3g}", ha="right", va="top", fontsize=7, color="0.4")
        if row["restricted"] == 1:
            if a > 0:
                right.text(a, y + 0.28, f"{float(row['lower']):.3g}", ha="center", va="bottom", fontsize=7,
                           color="tab:blue")
            if b < 1:
                right.text(b, y + 0.28, f"{float(row['upper']):.3g}", ha="center", va="bottom", fontsize=7,
                           color="tab:blue")
    right.set_yticks(range(len(rows)), labels, fontsize=8)
    right.set_ylim(-0.8, len(rows) - 0.2)
    right.set_xlim(-0.03, 1.03)
    right.set_xticks([])
    for side in ("top", "right", "bottom"):
        right.spines[side].set_visible(False)
    c = meta.get("chosen", {})
    right.set_title(f"box {c.get('box', '?')}: coverage {c.get('coverage', float('nan')):.2f}, density "
                    f"{c.get('density', float('nan')):.2f}, mass {c.get('mass', float('nan')):.2f}\n"
                    "limits on each parameter's range in the sweep (blue: restricted)", fontsize=9)
    fig.tight_layout()
    return fig


def load_discovery(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """trajectory.csv, box.csv and discover.json of an `alliance discover` output folder."""
    import json

    return (pd.read_csv(folder / "trajectory.csv"), pd.read_csv(folder / "box.csv", keep_default_na=False,
                                                                 na_values={"lower": [""], "upper": [""], "min": [""],
                                                                            "max": [""], "p_value": [""],
                                                                            "p_lower": [""], "p_upper": [""]}),
            json.loads((folder / "discover.json").read_text()))


def prim_name(meta: dict, folder: Path) -> str:
    """<sweep>_prim_<metric> for the default folder discover_<metric>; <sweep>_prim_<folder> for an --out folder."""
    sweep = meta.get("sweep", {}).get("name") or folder.resolve().parent.name
    metric = meta.get("metric", "")
    return f"{sweep}_prim_{metric if folder.resolve().name == f'discover_{metric}' else folder.resolve().name}"


def final_particles(particles: pd.DataFrame) -> pd.DataFrame:
    """The last generation's particles: the posterior sample."""
    return particles[particles["generation"] == particles["generation"].max()]


def posterior_marginals_figure(particles: pd.DataFrame, meta: dict) -> plt.Figure:
    """One panel per parameter: a weighted histogram of the final generation by model, on the prior's range."""
    final = final_particles(particles)
    params = meta["parameters"]
    models = meta["models"]
    cols = min(3, len(params)) or 1
    rows = (len(params) + cols - 1) // cols or 1
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 3.2 * rows), squeeze=False)
    for k, p in enumerate(params):
        ax = axes[k // cols][k % cols]
        name = p["name"]
        rng = p.get("range")
        values = final[name].dropna()
        lo, hi = (rng if rng else (values.min(), values.max())) if len(values) else (0.0, 1.0)
        log = p["prior"] == "log-uniform"
        bins = np.geomspace(lo, hi, 21) if log else np.linspace(lo, hi if hi > lo else lo + 1, 21)
        for m in models:
            sub = final[(final["model"] == m) & final[name].notna()]
            if len(sub):
                ax.hist(sub[name].astype(float), bins=bins, weights=sub["weight"], alpha=0.55, label=m)
        if log:
            ax.set_xscale("log")
        ax.set_xlabel(name)
        ax.set_ylabel("posterior weight")
        ax.set_xlim(lo, hi)
    for k in range(len(params), rows * cols):
        axes[k // cols][k % cols].set_visible(False)
    axes[0][0].legend(title="model", fontsize="small")
    fig.suptitle(f"{meta.get('name', '')}: posterior marginals (generation {int(final['generation'].max())})")
    fig.tight_layout()
    return fig


def posterior_pairs_figure(particles: pd.DataFrame, meta: dict) -> plt.Figure:
    """Every pair of parameters: the final generation's particles, area by weight, colour by model."""
    final = final_particles(particles)
    names = [p["name"] for p in meta["parameters"]]
    logs = {p["name"] for p in meta["parameters"] if p["prior"] == "log-uniform"}
    d = len(names)
    fig, axes = plt.subplots(d, d, figsize=(2.6 * d + 1, 2.6 * d + 1), squeeze=False)
    colours = {m: f"C{i}" for i, m in enumerate(meta["models"])}
    size = 400.0 / max(1.0, final["weight"].max()) if len(final) else 1.0
    for i, y in enumerate(names):
        for j, x in enumerate(names):
            ax = axes[i][j]
            if i == j:
                vals = final[x].dropna().astype(float)
                bins = (np.geomspace(vals.min(), vals.max(), 21) if x in logs and len(vals) and vals.min() > 0
                        and vals.max() > vals.min() else 20)
                ax.hist(vals, bins=bins, weights=final.loc[final[x].notna(), "weight"], color="grey")
            else:
                for m, sub in final.groupby("model"):
                    ax.scatter(sub[x], sub[y], s=sub["weight"] * size, c=colours.get(m, "k"), alpha=0.5,
                               label=m, linewidths=0)
                if y in logs:
                    ax.set_yscale("log")
            if x in logs:
                ax.set_xscale("log")
            if i == d - 1:
                ax.set_xlabel(x)
            if j == 0:
                ax.set_ylabel(y)
    if d > 1:
        axes[0][1].legend(title="model", fontsize="small", markerscale=0.5)
    fig.suptitle(f"{meta.get('name', '')}: posterior particles")
    fig.tight_layout()
    return fig


def model_probabilities_figure(models: pd.DataFrame, generations: pd.DataFrame) -> plt.Figure:
    """Left: final posterior model probabilities +- 2 Monte Carlo standard errors; right: by generation."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6))
    left.bar(models["model"], models["probability"], yerr=2 * models["mc_se"], capsize=6,
             color=[f"C{i}" for i in range(len(models))])
    left.axhline(1.0 / max(1, len(models)), color="grey", linestyle=":", label="prior")
    left.set_ylim(0, 1)
    left.set_ylabel("posterior probability")
    left.legend(fontsize="small")
    for i, m in enumerate(models["model"]):
        right.plot(generations["generation"], generations[f"p_{m}"], marker="o", color=f"C{i}", label=m)
    right.set_ylim(0, 1)
    right.set_xlabel("generation")
    right.set_ylabel("model probability")
    right.legend(fontsize="small")
    fig.tight_layout()
    return fig


def claim_distances(verdicts: pd.DataFrame) -> pd.DataFrame:
    """Each verdict row's estimate and interval as a signed distance from its test's bound, in units of the
    largest such distance of the same hypothesis (so every row fits one axis): positive on the side where
    the hypothesis holds. `> b`: estimate - b; `< b`: b - estimate; `within t +- w`: w - |estimate - t|
    (the interval's end nearest failing as its lower end)."""
    rows = []
    for _, v in verdicts.iterrows():
        test = str(v["test"])
        lo, est, hi = v["ci_lower"], v["estimate"], v["ci_upper"]
        if test.startswith(">"):
            b = float(test[1:].split()[0])
            d = (est - b, lo - b, hi - b)
        elif test.startswith("<"):
            b = float(test[1:].split()[0])
            d = (b - est, b - hi, b - lo)
        else:  # "within T +- W ..."
            parts = test.split()
            t, w = float(parts[1]), float(parts[3])
            far = max(abs(lo - t), abs(hi - t)) if pd.notna(lo) else float("nan")
            near = 0.0 if pd.notna(lo) and lo <= t <= hi else min(abs(lo - t), abs(hi - t)) if pd.notna(lo) else float("nan")
            d = (w - abs(est - t), w - far, w - near)
        rows.append({"claim": v["claim"], "hypothesis": v["hypothesis"], "preset": v["preset"],
                     "cause": v["cause"] if isinstance(v["cause"], str) else "", "verdict": v["verdict"],
                     "distance": d[0], "lower": d[1], "upper": d[2]})
    out = pd.DataFrame(rows)
    scale = out.groupby(["claim", "hypothesis"])[["distance", "lower", "upper"]].transform(
        lambda x: x.abs().max()).max(axis=1)
    for c in ["distance", "lower", "upper"]:
        out[c] = (out[c] / scale.where(scale > 0, 1.0)).fillna(float("nan"))
    return out


def claims_forest_figure(verdicts: pd.DataFrame, audit: pd.DataFrame) -> plt.Figure:
    """Forest plot of every claim x hypothesis x preset x mechanism set of an `alliance check`: the estimate
    and its interval as a signed distance from the test's bound (right of 0: holds), one row per hypothesis,
    one marker per preset (colour) and mechanism set (filled: as claimed; open: without its cause); the
    audit at the right. A verdict without an estimate (never reached) is drawn as a cross at -1."""
    d = claim_distances(verdicts)
    keys = list(dict.fromkeys(zip(d["claim"], d["hypothesis"])))
    presets = list(dict.fromkeys(d["preset"]))
    settings = list(dict.fromkeys(zip(d["preset"], d["cause"])))
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    height = max(3.0, 0.32 * len(keys) + 1.2)
    fig, ax = plt.subplots(figsize=(11, height))
    offsets = {s: (k - (len(settings) - 1) / 2) * min(0.7 / max(len(settings), 1), 0.18)
               for k, s in enumerate(settings)}
    audits = {(a["claim"], a["hypothesis"]): a["audit"] for _, a in audit.iterrows()}
    for row, key in enumerate(keys):
        y = len(keys) - 1 - row
        for _, v in d[(d["claim"] == key[0]) & (d["hypothesis"] == key[1])].iterrows():
            setting = (v["preset"], v["cause"])
            colour = colours[presets.index(v["preset"]) % len(colours)]
            yy = y + offsets[setting]
            if pd.isna(v["distance"]):
                ax.plot([-1.0], [yy], marker="x", color=colour, linestyle="none")
                continue
            ax.plot([v["lower"], v["upper"]], [yy, yy], color=colour, linewidth=1.2)
            ax.plot([v["distance"]], [yy], marker="o", color=colour, linestyle="none",
                    markerfacecolor=colour if not v["cause"] else "white", markersize=5)
        ax.annotate(audits.get(key, "").split(":")[0], xy=(1.02, y), xycoords=("axes fraction", "data"),
                    fontsize=7, va="center")
    ax.axvline(0.0, color="black", linewidth=0.8)
    ax.set_yticks(range(len(keys)), [f"{c}  {h}" for c, h in reversed(keys)], fontsize=7)
    ax.set_ylim(-0.7, len(keys) - 0.3)
    ax.set_xlim(-1.1, 1.1)
    ax.set_xlabel("distance of the estimate from the test's bound, scaled per hypothesis to [-1, 1]\n"
                  "right of 0: the side where it holds; bars: the interval over replicates (Monte Carlo)")
    handles = [plt.Line2D([], [], color=colours[k % len(colours)], marker="o", linestyle="-", label=p)
               for k, p in enumerate(presets)]
    handles.append(plt.Line2D([], [], color="grey", marker="o", markerfacecolor="white", linestyle="none",
                              label="without its cause"))
    handles.append(plt.Line2D([], [], color="grey", marker="x", linestyle="none", label="never reached"))
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=len(handles), fontsize=8,
              frameon=False)
    ax.set_title("Every claim of the check: estimate against its test, by preset and mechanism set (audit at right)",
                 fontsize=9, pad=22)
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
    parser.add_argument("kind", choices=["run", "rules", "sweep", "prim", "spending", "olson_zeckhauser", "posterior",
                                         "claims"],
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
    if args.kind == "prim":
        return prim_main(args, formats)
    if args.kind == "posterior":
        return posterior_main(args, formats)
    if args.kind == "claims":
        return claims_main(args, formats)
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


def posterior_main(args: argparse.Namespace, formats: list[str]) -> int:
    """`posterior`: the figures of an `alliance calibrate` output directory."""
    import json

    if len(args.dirs) != 1:
        print("figures.py: error: `posterior` takes one calibration output directory", file=sys.stderr)
        return 2
    folder = args.dirs[0]
    try:
        meta = json.loads((folder / "calibrate.json").read_text())
        particles = pd.read_csv(folder / "particles.csv")
        models = pd.read_csv(folder / "models.csv")
        generations = pd.read_csv(folder / "generations.csv")
    except (FileNotFoundError, ValueError) as e:
        print(f"figures.py: error: {e}", file=sys.stderr)
        return 2
    name = meta.get("name") or folder.resolve().name
    written = []
    if meta["parameters"]:
        written += save(posterior_marginals_figure(particles, meta), args.into, f"{name}_marginals", formats)
        written += save(posterior_pairs_figure(particles, meta), args.into, f"{name}_pairs", formats)
    written += save(model_probabilities_figure(models, generations), args.into, f"{name}_models", formats)
    for path in written:
        print(path)
    return 0


def claims_main(args: argparse.Namespace, formats: list[str]) -> int:
    """`claims`: the forest plot of an `alliance check` output directory."""
    if len(args.dirs) != 1:
        print("figures.py: error: `claims` takes one check output directory", file=sys.stderr)
        return 2
    folder = args.dirs[0]
    try:
        verdicts = pd.read_csv(folder / "verdicts.csv")
        audit = pd.read_csv(folder / "audit.csv")
    except (FileNotFoundError, ValueError) as e:
        print(f"figures.py: error: {folder}: not an `alliance check` output ({e})", file=sys.stderr)
        return 2
    written = save(claims_forest_figure(verdicts, audit), args.into, "claims_forest", formats)
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
    sweep = meta.get("name") or folder.resolve().name  # each sweep's figures under its own name
    kind = meta.get("design", {}).get("kind", "")
    # sampled designs (LHS, Saltelli, ...) give continuous values; grid and Morris give levels
    continuous = {p["name"] for p in meta["parameters"]
                  if "values" not in p and kind not in ("grid", "morris")}
    metric = args.metric or meta["metrics"][0]
    x = args.x or names[0]
    y = args.y or (names[1] if len(names) > 1 else names[0])
    written = []
    try:
        written += save(sweep_heatmap(points, metric, x, y, continuous), args.into, f"{sweep}_heatmap", formats)
    except KeyError as e:
        print(f"figures.py: error: {e}", file=sys.stderr)
        return 2
    if (folder / "sensitivity.csv").exists():
        written += save(sensitivity_figure(pd.read_csv(folder / "sensitivity.csv")), args.into,
                        f"{sweep}_sensitivity", formats)
    for discovery in sorted(folder.glob("discover_*/trajectory.csv")):
        trajectory, box, found = load_discovery(discovery.parent)
        written += save(prim_figure(trajectory, box, found), args.into, prim_name(found, discovery.parent), formats)
    for path in written:
        print(path)
    return 0


def prim_main(args: argparse.Namespace, formats: list[str]) -> int:
    """`prim`: the trade-off and box figure of each `alliance discover` output folder given."""
    written = []
    for folder in args.dirs:
        try:
            trajectory, box, meta = load_discovery(folder)
        except (FileNotFoundError, ValueError, KeyError) as e:
            print(f"figures.py: error: {folder}: not an `alliance discover` output ({e})", file=sys.stderr)
            return 2
        written += save(prim_figure(trajectory, box, meta), args.into, prim_name(meta, folder), formats)
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
