"""The malformed-input corpus through the module (issue 21): every input the fuzz targets replay
(tests/fuzz/test_fuzz_corpus.cpp: shipped, malformed and regression scenario, claim, sweep and
`--set` files) is accepted or refused with alliance.InputError, never anything else, and never a
crash of the interpreter. A scenario the reader accepts is also run (one replicate, every table)."""
import os
from pathlib import Path

import pytest

from conftest import ROOT


def files_in(*dirs, extension=""):
    found = []
    for d in dirs:
        d = ROOT / d
        if d.is_dir():
            found += [p for p in d.iterdir() if p.is_file() and p.name.endswith(extension)]
    return sorted(found)


SCENARIOS = files_in("scenarios", "tests/e2e/malformed", extension=".toml") + files_in("tests/fuzz/regressions/scenario")
CLAIMS = files_in("scenarios/claims", "tests/e2e/malformed_claims", extension=".toml") + files_in("tests/fuzz/regressions/claim")
SWEEPS = files_in("scenarios/sweeps", "tests/e2e/sweeps", extension=".toml")
SWEEP_REGRESSIONS = files_in("tests/fuzz/regressions/sweep")
OVERRIDES = files_in("tests/fuzz/seeds/overrides", "tests/fuzz/regressions/overrides")


def test_the_corpus_is_all_there():
    assert len(SCENARIOS) >= 30 and len(CLAIMS) >= 10 and len(SWEEPS) + len(SWEEP_REGRESSIONS) >= 6
    assert len(OVERRIDES) >= 5


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_scenario(alliance, path):
    try:
        alliance.validate(path)
    except alliance.InputError as e:
        assert e.issues and str(e)
        return
    result = alliance.run(path, replicates=1, tables="all", threads=1)
    assert len(result["summary"]) == 1


@pytest.mark.parametrize("path", OVERRIDES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_overrides(alliance, path):
    lines = path.read_bytes().split(b"\n")  # one `--set` a line, as the fuzz target reads them
    if lines and lines[-1] == b"":
        lines.pop()
    settings = [os.fsdecode(line) for line in lines]
    base = ROOT / "scenarios/reference.toml"
    try:
        alliance.validate(base, set=settings)
    except alliance.InputError as e:
        assert e.issues
        return
    alliance.run(base, replicates=1, set=settings, tables="all", threads=1)


@pytest.mark.parametrize("path", CLAIMS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_claim(alliance, path):
    try:
        alliance.check(path, dry_run=True)
    except alliance.InputError as e:
        assert e.issues


@pytest.mark.parametrize("path", SWEEPS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_sweep(alliance, path):
    try:
        assert alliance.sweep(path, dry_run=True)["runs"] > 0
    except alliance.InputError as e:
        assert e.issues


@pytest.mark.parametrize("path", SWEEP_REGRESSIONS, ids=lambda p: p.name)
def test_sweep_regression(alliance, path, tmp_path):
    # Read from a folder beside the shipped scenarios, as the fuzz target reads them
    # (as if from scenarios/sweeps/), so that "../kosovo_1998.toml" names a shipped scenario.
    for entry in (ROOT / "scenarios").iterdir():
        if entry.name != "sweeps":
            (tmp_path / entry.name).symlink_to(entry)
    (tmp_path / "sweeps").mkdir()
    copy = tmp_path / "sweeps" / path.name
    copy.write_bytes(path.read_bytes())
    try:
        alliance.sweep(copy, dry_run=True)
    except alliance.InputError as e:
        assert e.issues


KOSOVO = ROOT / "scenarios/kosovo_1998.toml"
HOSTILE = [
    {"set": {"simulation.steps": 10**100}},
    {"set": {"simulation.replicates": 10**6}},
    {"set": {"simulation.steps": float("inf")}},
    {"set": {"alliance.rule": "\0"}},
    {"set": {"a" * 100000: 1}},
    {"set": {".".join(["a"] * 40000): 1}},
    {"set": {"state.GRC.adversary_affinity": "\udcff"}},
    {"set": ["no equals sign"]},
    {"set": ["=1"]},
    {"set": {"event.99999.at": 1}},
    {"set": {"state": []}},
    {"preset": "\udcff"},
    {"preset": "nonesuch"},
    {"seed": 0},
]


@pytest.mark.parametrize("kwargs", HOSTILE, ids=lambda k: repr(k)[:40])
def test_hostile_python_values(alliance, kwargs):
    try:
        alliance.validate(KOSOVO, **{k: v for k, v in kwargs.items() if k in ("set", "preset")})
    except alliance.InputError as e:
        assert e.issues
    except alliance.BadInput:
        pass


@pytest.mark.parametrize("path", ["", "/", "/dev/zero", "/dev/null", str(ROOT), "\udcff.toml", b"\xff.toml",
                                  Path("/proc/self/mem")])
def test_hostile_paths(alliance, path):
    with pytest.raises(alliance.BadInput):
        alliance.validate(path)
