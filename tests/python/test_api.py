"""The `alliance` module's functions: results, types, errors in the CLI's words (issue 21)."""
import json
import math
import sys
import threading

import pandas as pd
import pytest

from conftest import ROOT, run_cli

sys.path.insert(0, str(ROOT / "analysis"))
import alliance_data  # noqa: E402

KOSOVO = str(ROOT / "scenarios/kosovo_1998.toml")
TRIAD = str(ROOT / "scenarios/teaching_triad.toml")


def test_validate_says_what_the_cli_says(alliance, cli):
    info = alliance.validate(KOSOVO, set={"alliance.rule": "majority"}, preset="realist")
    said = run_cli(cli, "validate", KOSOVO, "--set", "alliance.rule=majority", "--preset", "realist")
    assert said.returncode == 0
    assert info["text"] == said.stdout.strip()
    assert info["rule"] == "majority" and info["preset"] == "realist"


def test_input_error_carries_file_line_column_key_and_suggestion(alliance, cli):
    bad = ROOT / "tests/e2e/malformed/unknown_key.toml"
    with pytest.raises(alliance.InputError) as caught:
        alliance.validate(bad)
    e = caught.value
    said = run_cli(cli, "validate", bad)
    assert said.returncode == 2
    assert str(e) == said.stderr.strip()
    assert [str(i) for i in e.issues] == said.stderr.strip().splitlines()
    assert e.file == str(bad) and e.line > 0 and e.column > 0 and e.key
    assert [(i.key, i.suggestion) for i in e.issues if i.suggestion] == [("state[1].gpd", "gdp")]
    assert isinstance(e, ValueError) and isinstance(e, alliance.BadInput) and isinstance(e, alliance.Error)


def test_set_errors_name_the_key(alliance, cli):
    with pytest.raises(alliance.InputError) as caught:
        alliance.validate(KOSOVO, set={"alliance.rul": "majority"})
    said = run_cli(cli, "validate", KOSOVO, "--set", "alliance.rul=majority")
    assert str(caught.value) == said.stderr.strip()
    assert caught.value.suggestion == "rule" or "rule" in (caught.value.suggestion or "")


def test_run_tables_have_the_cli_files_types(alliance, cli, tmp_path):
    out = tmp_path / "cli"
    assert run_cli(cli, "run", TRIAD, "--seed", 5, "--replicates", 3, "--out", out).returncode == 0
    result = alliance.run(TRIAD, seed=5, replicates=3, tables="all", threads=1)
    for name in ("steps", "members", "crises", "votes", "events", "summary"):
        expected = alliance_data.load_table(out, name)
        pd.testing.assert_frame_equal(result[name], expected, check_exact=True)
    assert result["metadata"] == json.loads((out / "run.json").read_text())
    assert result["summary"]["seed"].map(lambda s: s.isdigit()).all()


def test_run_default_is_the_summary_alone(alliance):
    result = alliance.run(TRIAD, replicates=2)
    assert set(result) == {"summary", "metadata"}
    assert len(result["summary"]) == 2


def test_run_refusals_are_the_cli_words(alliance, cli, tmp_path):
    with pytest.raises(alliance.BadInput) as caught:
        alliance.run(KOSOVO, replicates=2000, tables="all", max_output_gb=1e-6)
    said = run_cli(cli, "run", KOSOVO, "--replicates", 2000, "--max-output-gb", "1e-6", "--out", tmp_path / "x")
    assert said.returncode == 2
    assert said.stderr.strip() == f"error: {caught.value}"
    with pytest.raises(alliance.BadInput, match="no table \"bogus\""):
        alliance.run(TRIAD, tables=("bogus",))
    with pytest.raises(alliance.BadInput):
        alliance.run(TRIAD, out=ROOT)  # a folder that holds the input: refused, untouched
    for bad in ({"threads": -1}, {"threads": 5000}, {"seed": -1}, {"seed": 2**64}, {"replicates": "3"},
                {"set": {"simulation.steps": object()}}, {"max_output_gb": math.nan}, {"set": "a=1"}):
        with pytest.raises(alliance.BadInput):
            alliance.run(TRIAD, **bad)
    with pytest.raises(alliance.InputError):
        alliance.run(TRIAD, replicates=-1)
    with pytest.raises(alliance.InputError):
        alliance.run(TRIAD, replicates=10**30)
    with pytest.raises(alliance.InputError, match="does not exist"):
        alliance.run(ROOT / "no_such.toml")
    with pytest.raises(alliance.InputError):
        alliance.run("/dev/zero")
    with pytest.raises(alliance.BadInput):
        alliance.run(None)


def test_run_with_out_writes_the_cli_directory(alliance, cli, tmp_path):
    alliance.run(TRIAD, seed=3, replicates=2, tables=("steps", "summary"), out=tmp_path / "py")
    assert run_cli(cli, "run", TRIAD, "--seed", 3, "--replicates", 2, "--tables", "steps,summary",
                   "--out", tmp_path / "cli").returncode == 0
    names = sorted(p.name for p in (tmp_path / "cli").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "py").iterdir())
    for name in names:
        if name.endswith(".csv") or name == "datapackage.json":
            assert (tmp_path / "py" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name


def test_the_gil_is_released_while_simulating(alliance):
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(1)
            stop.wait(0.01)

    t = threading.Thread(target=tick)
    t.start()
    try:
        alliance.run(KOSOVO, replicates=20000, threads=1)
    finally:
        stop.set()
        t.join()
    assert len(ticks) > 5


def test_graph(alliance, cli, tmp_path):
    g = alliance.graph(KOSOVO, at="1999-06")
    assert run_cli(cli, "graph", KOSOVO, "--at", "1999-06", "--out", tmp_path / "g.dot").returncode == 0
    assert g.graph["dot"] == (tmp_path / "g.dot").read_text()
    assert g.nodes["alliance"]["kind"] == "alliance"
    kinds = {d["kind"] for _, _, d in g.edges(data=True)}
    assert "guarantee" in kinds
    tables = alliance.graph(KOSOVO, at=3, networkx=False)
    assert {"nodes", "edges"} <= set(tables)
    assert list(tables["edges"].columns) == ["source", "target", "kind", "weight", "hollow"]
    assert tables["step"] == 3 and len(tables["nodes"]) > 0
    for at in ("1999-13", "99999", "-1", ""):
        with pytest.raises(alliance.BadInput):
            alliance.graph(KOSOVO, at=at)
    with pytest.raises(alliance.BadInput):
        alliance.graph(KOSOVO, replicate=10**6)


def test_check(alliance, cli, tmp_path):
    claim = ROOT / "scenarios/claims/c3_free_riding.toml"
    result = alliance.check(claim, replicates=4, seed=2, threads=2, region_points=3)
    said = run_cli(cli, "check", claim, "--replicates", 4, "--seed", 2, "--region-points", 3, "--out", tmp_path / "c")
    assert said.returncode == 0
    for table in ("verdicts", "audit", "region", "region_points", "region_design"):
        assert result.csv[table] == (tmp_path / f"c/{table}.csv").read_bytes()
    assert set(result["audit"]["audit"]) <= {"can fail", "holds by construction: not evidence", "fails by construction",
                                             "holds everywhere; no mechanism set without its cause"}
    pd.testing.assert_frame_equal(result["verdicts"], alliance_data.load_table(tmp_path / "c", "verdicts"))
    assert result["text"] == said.stdout
    with pytest.raises(alliance.BadInput):
        alliance.check(claim, replicates=1)
    with pytest.raises(alliance.InputError):
        alliance.check(ROOT / "tests/e2e/malformed_claims", dry_run=True)


SMALL_SWEEP = """scenario = "{scenario}"
design = "grid"
replicates = 2
seed = 1
metrics = ["kosovo_deadlock_months"]

[[parameter]]
path = "alliance.rule"
name = "rule"
values = ["consensus", "majority"]
"""


def test_sweep_tables_are_the_cli_files(alliance, cli, tmp_path):
    sweep_file = tmp_path / "s.toml"
    sweep_file.write_text(SMALL_SWEEP.format(scenario=ROOT / "scenarios/kosovo_1998.toml"))
    size = alliance.sweep(sweep_file, dry_run=True)
    assert size["runs"] == 4 and size["points"] == 2
    result = alliance.sweep(sweep_file, threads=2)
    assert run_cli(cli, "sweep", sweep_file, "--out", tmp_path / "cli").returncode == 0
    package = json.loads((tmp_path / "cli/datapackage.json").read_text())
    assert package["resources"]
    for resource in package["resources"]:
        name = resource["name"]
        assert result.csv[name] == (tmp_path / "cli" / resource["path"]).read_bytes(), name
        pd.testing.assert_frame_equal(result[name], alliance_data.load_table(tmp_path / "cli", name))
    assert result["outcome"]["failed"] == 0 and result["outcome"]["runs"] == 4
    assert alliance.sweep(ROOT / "scenarios/sweeps/kosovo_rules.toml", dry_run=True)["runs"] == 4 * 5 * 2 * 20
    with pytest.raises(alliance.InputError) as caught:
        alliance.sweep(ROOT / "tests/e2e/sweeps/bad_path.toml", dry_run=True)
    said = run_cli(cli, "sweep", ROOT / "tests/e2e/sweeps/bad_path.toml", "--dry-run")
    assert said.returncode == 2 and said.stderr.strip() == str(caught.value)
    with pytest.raises(alliance.BadInput):
        alliance.sweep(sweep_file, shard=(0, 2))


def test_model_for_a_workbench(alliance):
    m = alliance.model(TRIAD, replicates=4)
    base = m()
    other = m(**{"alliance.rule": "majority"})
    same = m(alliance__rule="majority")
    assert other == same
    assert set(base) == set(m.outcome_names)
    assert all(isinstance(v, float) for v in base.values())
    assert "replicate" not in base and "seed" not in base
    summary = alliance.run(TRIAD, replicates=4, set={"alliance.rule": "majority"})["summary"]
    name = m.outcome_names[0]
    assert other[name] == pytest.approx(summary[name].dropna().astype(float).mean(), nan_ok=True)
    with pytest.raises(alliance.InputError):
        m(**{"alliance.rule": "no_such_rule"})
    with pytest.raises(alliance.BadInput):
        alliance.model(TRIAD, outcomes=["no_such_column"])
