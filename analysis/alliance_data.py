"""Load an `alliance run` output directory into pandas, typed by its datapackage.json.

    import alliance_data
    run = alliance_data.load_run("results/kosovo_1998")
    run.table("members")          # a DataFrame, each column of its declared type
    run.parameters["alliance"]    # every parameter of the run, from run.json

Types follow the Table Schema in datapackage.json: integer -> Int64 (nullable),
number -> float64, boolean (written 0/1) -> boolean, yearmonth -> datetime64
(first day of the month), string -> object. Empty fields are missing values.
Only the Python standard library, pandas and numpy are needed.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

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


@dataclass
class Run:
    """An output directory: its run.json and its tables, loaded on first use."""

    path: Path
    metadata: dict
    _tables: dict = field(default_factory=dict)

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

    def table(self, name: str) -> pd.DataFrame:
        if name not in self._tables:
            self._tables[name] = load_table(self.path, name)
        return self._tables[name]


def load_run(out_dir: str | Path) -> Run:
    path = Path(out_dir)
    if not (path / "run.json").is_file():
        raise FileNotFoundError(f"{path} is not an output directory of `alliance run` (no run.json)")
    return Run(path, json.loads((path / "run.json").read_text()))
