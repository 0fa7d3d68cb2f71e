"""Load an `alliance run` output directory into pandas, typed by its datapackage.json.

    import alliance_data
    run = alliance_data.load_run("results/kosovo_1998")
    run.table("members")          # a DataFrame, each column of its declared type
    run.parameters["alliance"]    # every parameter of the run, from run.json
    run.series()                  # the annual series table the scenario read ([data]), if any

Types follow the Table Schema in datapackage.json: integer -> Int64 (nullable),
number -> float64, boolean (written 0/1) -> boolean, yearmonth -> datetime64
(first day of the month), string -> object. Empty fields are missing values.
Only the Python standard library, pandas and numpy are needed.
"""
from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

try:
    import pandas as pd
except ImportError as e:  # another python3 (pyenv, conda) without Debian's packages
    raise SystemExit(f"{Path(__file__).name}: {e}. Run the analysis scripts with Debian's /usr/bin/python3 "
                     "(apt install python3-pandas python3-matplotlib), e.g. /usr/bin/python3 analysis/figures.py ...")

ROOT = Path(__file__).resolve().parent.parent  # the repository
_READ_AS = {"integer": "Int64", "number": "float64", "string": "string", "boolean": "Int64", "yearmonth": "string"}


def schema(out_dir: str | Path, name: str) -> dict:
    """The Table Schema of one resource ("steps", "members", ...)."""
    package = json.loads((Path(out_dir) / "datapackage.json").read_text())
    for resource in package["resources"]:
        if resource["name"] == name:
            return resource["schema"]
    known = ", ".join(r["name"] for r in package["resources"])
    raise KeyError(f"{out_dir} has no table {name!r} (it has {known})")


def load_table(out_dir: str | Path, name: str) -> pd.DataFrame:
    """One CSV of an output directory, each column of the type its schema declares."""
    fields = schema(out_dir, name)["fields"]
    dtypes = {f["name"]: _READ_AS[f["type"]] for f in fields}
    frame = pd.read_csv(Path(out_dir) / f"{name}.csv", dtype=dtypes, keep_default_na=False, na_values=[""])
    header = list(frame.columns)
    expected = [f["name"] for f in fields]
    if header != expected:
        raise ValueError(f"{out_dir}/{name}.csv: header {header} does not match datapackage.json {expected}")
    for f in fields:
        column = f["name"]
        if f["type"] == "boolean":
            frame[column] = frame[column].map({1: True, 0: False}).astype("boolean")
        elif f["type"] == "yearmonth":
            frame[column] = pd.to_datetime(frame[column], format="%Y-%m")
        elif f["type"] == "string":
            frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


def load_series(path: str | Path) -> pd.DataFrame:
    """A scenario's annual data table (scenarios/data/series_annual.csv): code and
    year, every other column a number (float64); empty fields are missing values."""
    header = list(pd.read_csv(path, nrows=0).columns)
    dtypes = {c: "float64" for c in header} | {"code": "string", "year": "Int64"}
    frame = pd.read_csv(path, dtype=dtypes, keep_default_na=False, na_values=[""])
    frame["code"] = frame["code"].astype(object)
    return frame


@dataclass
class Run:
    """An output directory: its run.json and its tables, loaded on first use."""

    path: Path
    metadata: dict
    _tables: dict = field(default_factory=dict)
    _series: dict = field(default_factory=dict)

    @property
    def parameters(self) -> dict:
        return self.metadata["parameters"]

    @property
    def rule(self) -> str:
        return self.parameters["alliance"]["rule"]

    @property
    def crisis_ids(self) -> list[str]:
        return [c["id"] for c in self.parameters["crisis"]]

    @property
    def name(self) -> str:
        return self.path.name

    def gdp(self) -> pd.Series:
        """GDP by state code, billion US$ (from the scenario, as run)."""
        return pd.Series({s["code"]: s["gdp"] for s in self.parameters["state"]}, name="gdp")

    def data_paths(self) -> list[Path]:
        """The data tables the scenario read ([data]), found as run.json names them: an
        absolute path, or relative to the current directory or the repository. A file
        whose SHA-256 is not the one recorded is named on stderr (changed since the run)."""
        found = []
        for entry in self.metadata.get("data", []):
            given = Path(entry["path"])
            candidates = [given] if given.is_absolute() else [Path.cwd() / given, ROOT / given]
            path = next((c for c in candidates if c.is_file()), None)
            if path is None:
                raise FileNotFoundError(f"{self.path}/run.json: data table {given} not found")
            if "sha256" in entry and hashlib.sha256(path.read_bytes()).hexdigest() != entry["sha256"]:
                print(f"alliance_data: warning: {path} has changed since the run {self.path}", file=sys.stderr)
            found.append(path)
        return found

    def series(self, path: str | Path | None = None) -> pd.DataFrame:
        """The annual series (code, year, gdp, defence_share, ...): `path`, or the table
        in run.json's "data" with a defence_share column."""
        if path is None:
            tables = [p for p in self.data_paths() if "defence_share" in pd.read_csv(p, nrows=0).columns]
            if not tables:
                raise FileNotFoundError(f"{self.path}/run.json names no series table with defence_share "
                                        "(a scenario without [data]); name one (figures.py --series)")
            path = tables[0]
        if Path(path) not in self._series:
            self._series[Path(path)] = load_series(path)
        return self._series[Path(path)]

    def table(self, name: str) -> pd.DataFrame:
        if name not in self._tables:
            self._tables[name] = load_table(self.path, name)
        return self._tables[name]


def load_run(out_dir: str | Path) -> Run:
    path = Path(out_dir)
    if not (path / "run.json").is_file():
        raise FileNotFoundError(f"{path} is not an output directory of `alliance run` (no run.json)")
    return Run(path, json.loads((path / "run.json").read_text()))
