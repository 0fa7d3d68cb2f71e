#!/usr/bin/python3
"""Every standard figure for one scenario, in one command.

    analysis/make_figures.py scenarios/kosovo_1998.toml
    analysis/make_figures.py scenarios/teaching_triad.toml --replicates 50 --into results/figures/triad

Runs `alliance` (build/sim/alliance unless --alliance says otherwise):
  1. the scenario as written              -> credibility, burden, adversary
  2. under each of the five decision rules -> rules (a rule the scenario cannot
     run, such as a directorate it names no members for, is left out and said so)
  3. under consensus and majority with the first k founding members, for
     several k                            -> members
     (2 and 3 only when the scenario has a crisis)
  4. when the scenario reads a series table ([data]), a baseline under consensus
     with alliance.burden.calibrate=false, drawn with the consensus run
                                          -> spending, olson_zeckhauser
  5. `alliance graph` at the last step, rendered with Graphviz's neato -> graph
Run outputs go to <into>/runs/ (or --runs), figures (PNG and SVG) to <into>/.
The README's figures are made by
    analysis/make_figures.py scenarios/kosovo_1998.toml --into analysis/figures --runs results/figure-runs --formats png
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import figures  # noqa: E402  (says what to install, or to use /usr/bin/python3, when pandas or matplotlib is missing)

START = time.monotonic()


def progress(message: str) -> None:
    """One line per run and figure on stderr, with the time since the start."""
    print(f"make_figures: [{time.monotonic() - START:6.1f} s] {message}", file=sys.stderr, flush=True)


def draw(argv: list[str]) -> int:
    """figures.main, with a progress line."""
    code = figures.main(argv)
    progress(f"figures {argv[0]}" + ("" if code == 0 else f" failed ({code})"))
    return code

GRAPH_KEY = ("blue: a guarantee to the member it points to (label: its credibility, 0-1; dashed: hollow)    "
             "green: forward deployment (label: capability units)    red dashed: the adversary's affinity    "
             "orange dotted: promise of membership")
RULES = ["consensus", "qualified_majority", "majority", "directorate", "unilateral"]


def alliance_run(alliance: Path, scenario: Path, out: Path, extra: list[str]) -> tuple[bool, str]:
    cmd = [str(alliance), "-q", "run", str(scenario), "--out", str(out), *extra]
    done = subprocess.run(cmd, capture_output=True, text=True)
    progress(f"run {out.name}" + ("" if done.returncode == 0 else " failed"))
    return done.returncode == 0, done.stderr.strip()


def member_sizes(n: int) -> list[int]:
    """About five alliance sizes from 2 to n."""
    if n <= 2:
        return [n]
    step = max(1, round((n - 2) / 4))
    return sorted(set(list(range(2, n, step)) + [n]))


def render_graph(alliance: Path, scenario: Path, into: Path, formats: list[str], extra: list[str],
                 date: str = "") -> list[Path]:
    neato = shutil.which("neato")
    dot_path = into / "graph.dot"
    done = subprocess.run([str(alliance), "-q", "graph", str(scenario), "--out", str(dot_path), *extra],
                          capture_output=True, text=True)
    if done.returncode != 0:
        print(f"make_figures: alliance graph failed: {done.stderr.strip()}", file=sys.stderr)
        return []
    written = [dot_path]
    if not neato:
        print("make_figures: Graphviz (neato) not found; graph.dot written, not rendered", file=sys.stderr)
        return written
    for fmt in formats:
        path = into / f"graph.{fmt}"
        subprocess.run([neato, "-Goverlap=prism", "-Gsplines=true", "-Nfontsize=10", "-Efontsize=8",
                        "-Gfontsize=10", "-Gdpi=80", "-Glabelloc=b",
                        f"-Glabel={scenario.stem}, the alliance at {date or 'the last step'}\\n{GRAPH_KEY}",
                        f"-T{fmt}", "-o", str(path), str(dot_path)], check=True)
        written.append(path)
    return written


def rules_figures(alliance: Path, scenario: Path, runs_dir: Path, into: Path, extra: list[str], formats: str) -> int:
    """The scenario under each rule, and under consensus and majority with fewer founding members."""
    rule_runs = []
    for rule in RULES:
        out = runs_dir / f"rule_{rule}"
        ok, err = alliance_run(alliance, scenario, out, extra + ["--set", f"alliance.rule={rule}"])
        if ok:
            rule_runs.append(out)
        else:
            print(f"make_figures: left out rule {rule}: {err.splitlines()[0] if err else 'failed'}", file=sys.stderr)

    founding = json.loads((runs_dir / "as_written" / "run.json").read_text())["parameters"]["alliance"]["members"]
    for rule in ["consensus", "majority"]:
        for k in member_sizes(len(founding))[:-1]:  # the full size is the rule run above
            out = runs_dir / f"members_{rule}_{k}"
            members = "[" + ",".join(f'"{c}"' for c in founding[:k]) + "]"
            ok, err = alliance_run(alliance, scenario, out,
                                   extra + ["--set", f"alliance.rule={rule}", "--set", f"alliance.members={members}"])
            if ok:
                rule_runs.append(out)
            else:
                print(f"make_figures: left out {rule} with {k} members: {err.splitlines()[0] if err else ''}",
                      file=sys.stderr)
    return draw(["rules", *map(str, rule_runs), "--into", str(into), "--formats", formats])



def record_figures(alliance: Path, scenario: Path, runs_dir: Path, into: Path, extra: list[str], formats: str,
                   rules_run: bool) -> int:
    """Spending and Olson-Zeckhauser against the record: the scenario under consensus (calibrated as it says;
    the rules' consensus run if `rules_run`) and a baseline under consensus with alliance.burden.calibrate=false."""
    as_written = json.loads((runs_dir / "as_written" / "run.json").read_text())
    consensus = runs_dir / "rule_consensus"
    if as_written["parameters"]["alliance"]["rule"] == "consensus":
        consensus = runs_dir / "as_written"
    elif not rules_run:
        ok, err = alliance_run(alliance, scenario, consensus, extra + ["--set", "alliance.rule=consensus"])
        if not ok:
            print(f"make_figures: the scenario did not run under consensus:\n{err}", file=sys.stderr)
            return 1
    baseline = runs_dir / "baseline_uncalibrated"
    ok, err = alliance_run(alliance, scenario, baseline,
                           extra + ["--set", "alliance.rule=consensus", "--set", "alliance.burden.calibrate=false"])
    if not ok:
        print(f"make_figures: left out the uncalibrated baseline: {err.splitlines()[0] if err else 'failed'}",
              file=sys.stderr)
    with_baseline = ["--baseline", str(baseline)] if ok else []
    for kind in ["spending", "olson_zeckhauser"]:
        if draw([kind, str(consensus), *with_baseline, "--into", str(into), "--formats", formats]) != 0:
            return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenario", type=Path)
    parser.add_argument("--into", type=Path, help="default: results/figures/<scenario name>")
    parser.add_argument("--alliance", type=Path, default=HERE.parent / "build" / "sim" / "alliance",
                        help="the alliance program (default: build/sim/alliance)")
    parser.add_argument("--replicates", type=int, help="replicates per run (default: the scenario's)")
    parser.add_argument("--seed", type=int, help="scenario seed (default: the scenario's)")
    parser.add_argument("--runs", type=Path, help="where the runs go (default: <into>/runs)")
    parser.add_argument("--formats", default="png,svg")
    args = parser.parse_args(argv)
    if not args.alliance.exists():
        print(f"make_figures: {args.alliance} not found; build first (README, set-up)", file=sys.stderr)
        return 2
    into = args.into or Path("results") / "figures" / args.scenario.stem
    runs_dir = args.runs or into / "runs"
    formats = [f for f in args.formats.split(",") if f]
    extra = []
    if args.replicates:
        extra += ["--replicates", str(args.replicates)]
    if args.seed is not None:
        extra += ["--seed", str(args.seed)]

    ok, err = alliance_run(args.alliance, args.scenario, runs_dir / "as_written", extra)
    if not ok:
        print(f"make_figures: the scenario did not run:\n{err}", file=sys.stderr)
        return 2
    if draw(["run", str(runs_dir / "as_written"), "--into", str(into), "--formats", args.formats]) != 0:
        return 1

    as_written = json.loads((runs_dir / "as_written" / "run.json").read_text())
    rules_run = bool(as_written["parameters"].get("crisis"))
    if not rules_run:
        print("make_figures: the scenario has no crisis; rules and members left out", file=sys.stderr)
    elif rules_figures(args.alliance, args.scenario, runs_dir, into, extra, args.formats) != 0:
        return 1
    if as_written.get("data"):
        if record_figures(args.alliance, args.scenario, runs_dir, into, extra, args.formats, rules_run) != 0:
            return 1
    graph_extra = ["--seed", str(args.seed)] if args.seed is not None else []
    last = figures.alliance_data.load_run(runs_dir / "as_written").table("steps")["date"].max()
    for path in render_graph(args.alliance, args.scenario, into, formats, graph_extra, f"{last:%Y-%m}"):
        print(path)
    progress("graph")
    print(f"make_figures: figures in {into}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
