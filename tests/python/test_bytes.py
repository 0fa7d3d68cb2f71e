"""Same seed, same bytes: every table `alliance.run` returns is byte for byte the file `alliance run` writes,
on any number of threads, with and without --set and --preset (issue 21)."""
import json

import pytest

from conftest import ROOT, run_cli

CASES = [
    ("kosovo_1998.toml", 1998, 30, {}, None, "all"),
    ("kosovo_1998.toml", 7, 50, {"alliance.rule": "directorate"}, "realist", ("summary",)),
    ("bucharest_2008.toml", 11, 8, {}, "liberal", ("members", "events")),
    ("teaching_triad.toml", 3, 20, {"simulation.steps": 24}, None, "all"),
]


@pytest.mark.parametrize("scenario,seed,replicates,settings,preset,tables", CASES)
def test_run_bytes_equal_the_cli_files(alliance, cli, tmp_path, scenario, seed, replicates, settings, preset, tables):
    path = str(ROOT / "scenarios" / scenario)
    args = ["run", path, "--seed", seed, "--replicates", replicates, "--out", tmp_path / "cli", "--threads", 2]
    for key, value in settings.items():
        args += ["--set", f"{key}={value}"]
    if preset:
        args += ["--preset", preset]
    if tables != "all":
        args += ["--tables", ",".join(tables)]
    said = run_cli(cli, *args)
    assert said.returncode == 0, said.stderr
    written = sorted(p.name for p in (tmp_path / "cli").glob("*.csv"))
    for threads in (1, 2):
        result = alliance.run(path, seed=seed, replicates=replicates, set=settings, preset=preset, tables=tables,
                              threads=threads)
        assert sorted(f"{name}.csv" for name in result.csv) == written
        for name, data in result.csv.items():
            assert data == (tmp_path / "cli" / f"{name}.csv").read_bytes(), (name, threads)
        assert result["metadata"] == json.loads((tmp_path / "cli/run.json").read_text())
