#!/usr/bin/python3
"""alliance.run against `alliance run` for the same work (issue 21): the CLI's wall time (a process that
reads the scenario, runs, writes summary.csv, datapackage.json and run.json) against the call's time inside
Python (runs, and builds the summary DataFrame and the metadata dict), interleaved, N times each; medians.

    PYTHONPATH=build/python sim/bench/python_bench.py build/sim/alliance [scenario] [--replicates 2000] [--threads 2] [--runs 11]
"""
import argparse
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import alliance

parser = argparse.ArgumentParser()
parser.add_argument("cli")
parser.add_argument("scenario", nargs="?", default=str(Path(__file__).resolve().parents[2] / "scenarios/kosovo_1998.toml"))
parser.add_argument("--replicates", type=int, default=2000)
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--runs", type=int, default=11)
args = parser.parse_args()

work = Path(tempfile.mkdtemp(prefix="alliance-bench-"))
cli_times, py_times = [], []
try:
    command = [args.cli, "-q", "run", args.scenario, "--replicates", str(args.replicates), "--tables", "summary",
               "--threads", str(args.threads), "--out", str(work / "out")]
    subprocess.run(command, check=True)  # warm the page cache and the module's first call
    alliance.run(args.scenario, replicates=args.replicates, tables=("summary",), threads=args.threads)
    for _ in range(args.runs):
        started = time.perf_counter()
        subprocess.run(command, check=True)
        cli_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        result = alliance.run(args.scenario, replicates=args.replicates, tables=("summary",), threads=args.threads)
        py_times.append(time.perf_counter() - started)
    assert result.csv["summary"] == (work / "out/summary.csv").read_bytes()
finally:
    shutil.rmtree(work, ignore_errors=True)

cli, py = statistics.median(cli_times), statistics.median(py_times)
print(f"{Path(args.scenario).name}, {args.replicates} replicates, summary only, {args.threads} threads, "
      f"{args.runs} runs each (interleaved), medians:")
print(f"  alliance run (CLI, wall time of the process): {cli:.3f} s  (min {min(cli_times):.3f}, max {max(cli_times):.3f})")
print(f"  alliance.run (inside Python):                 {py:.3f} s  (min {min(py_times):.3f}, max {max(py_times):.3f})")
print(f"  ratio Python / CLI: {py / cli:.2f} (the issue's bound: 1.2)")
