"""alliance-sim from Python: the `alliance` subcommands as functions returning pandas DataFrames.

    import alliance
    out = alliance.run("scenarios/kosovo_1998.toml", replicates=200, set={"alliance.rule": "majority"})
    out["summary"]["kosovo_deadlock_months"].mean()
    out["metadata"]["parameters"]["alliance"]["rule"]      # run.json, as a dict

Each function does what its subcommand does, with the same checks, limits and
words (README, "Python"). Tables have the columns and types of the CSV files
(they are read from the very bytes the command line writes, typed by their
datapackage.json schema as in analysis/alliance_data.py): integer -> Int64,
number -> float64, boolean -> boolean, yearmonth -> datetime64, string ->
object (64-bit seeds as text). The raw CSV bytes are in `result.csv`.

Errors: InputError (a bad scenario, claim or sweep file, or `set`; each issue
with file, line, column, key, message and suggestion), BadInput (other bad
input or a refused output path) and RunFailure (a failure while running), all
subclasses of alliance.Error.
"""
from __future__ import annotations

import io
import json
import math
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

import pandas as pd

__all__ = [
    "validate", "run", "sweep", "check", "graph", "model", "Model",
    "Error", "BadInput", "InputError", "RunFailure", "Issue", "Result",
]


class Error(Exception):
    """Any error `alliance` reports (the command line's exit codes 1 and 2)."""


class BadInput(Error, ValueError):
    """Bad input or usage, or an output path refused: the command line's exit code 2."""


class RunFailure(Error, RuntimeError):
    """A failure while running (cannot write, a fault in the model): the command line's exit code 1."""


_SUGGESTION = re.compile(r"did you mean [\"']([^\"']*)[\"']")


@dataclass(frozen=True)
class Issue:
    """One problem in an input file: where it is, which key, and why."""

    file: str
    line: int  # 0: not from a line of the file (a `set` override, a missing table)
    column: int
    key: str
    message: str

    @property
    def suggestion(self) -> str | None:
        """The key or name the message suggests ("did you mean ..."), if any."""
        found = _SUGGESTION.search(self.message)
        return found.group(1) if found else None

    def __str__(self) -> str:  # the command line's words: file:line:col: error: key: message
        where = f"{self.file}:{self.line}:{self.column}" if self.line > 0 else self.file
        return f"{where}: error: {self.key}: {self.message}" if self.key else f"{where}: error: {self.message}"


class InputError(BadInput):
    """A bad scenario, claim or sweep file, or `set` value: every issue found, as the command line prints them.

    `issues` lists them all; `file`, `line`, `column`, `key`, `message` and
    `suggestion` are those of the first."""

    def __init__(self, text: str, issues: Iterable[tuple] = ()):
        super().__init__(text)
        self.issues = [Issue(*i) for i in issues]
        first = self.issues[0] if self.issues else Issue("", 0, 0, "", text)
        self.file, self.line, self.column, self.key = first.file, first.line, first.column, first.key
        self.message, self.suggestion = first.message, first.suggestion


from . import _alliance  # noqa: E402  (after the classes it raises)

_alliance._set_error_classes(InputError, BadInput, RunFailure)
__version__ = _alliance.__version__

_READ_AS = {"integer": "Int64", "number": "float64", "string": "string", "boolean": "Int64", "yearmonth": "string"}
_MAX_THREADS = 4096  # as `--threads`


class Result(dict):
    """Tables by name (DataFrames) and "metadata" (run.json as a dict); `csv` holds each table's CSV bytes."""

    csv: dict


# ---------------------------------------------------------------- arguments

def _toml(value: Any) -> str:
    """A Python value as the TOML text of a `--set KEY=VALUE`'s value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return value  # read as TOML, else as text: as on the command line
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(json.dumps(v) if isinstance(v, str) else _toml(v) for v in value) + "]"
    raise BadInput(f"set: a value must be a bool, number, text or list, got {type(value).__name__} {value!r}")


def _overrides(set: Mapping[str, Any] | Iterable[str] | None, preset: str | None = None) -> list[str]:
    """`--preset` first (so a `set` of `preset` still wins), then each `--set`, in order."""
    out = []
    if preset is not None:
        if not isinstance(preset, str):
            raise BadInput(f"preset: expected a name such as \"realist\", got {preset!r}")
        if preset:
            out.append(f'preset="{preset}"')
    if set is None:
        return out
    if isinstance(set, str):
        raise BadInput('set: expected a dict of dotted keys to values (or a list of "key=value"), got a string')
    if isinstance(set, Mapping):
        for key, value in set.items():
            if not isinstance(key, str):
                raise BadInput(f"set: keys are dotted scenario keys (text), got {key!r}")
            out.append(f"{key}={_toml(value)}")
    else:
        for item in set:
            if not isinstance(item, str):
                raise BadInput(f'set: expected "key=value" text, got {item!r}')
            out.append(item)
    return out


def _path(path: Any, what: str = "path") -> str:
    try:
        text = os.fspath(path)
    except TypeError:
        raise BadInput(f"{what}: expected a file path, got {path!r}") from None
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    if "\0" in text:
        raise BadInput(f"{what}: a path cannot hold a NUL character")
    return text


def _bytes(texts: list[str]) -> list[bytes]:
    """Text as the bytes a command line would pass (undecodable bytes kept, as os.fsencode does)."""
    return [os.fsencode(t) for t in texts]


def _whole(value: Any, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadInput(f"{what}: expected a whole number, got {value!r}")
    if not low <= value <= high:
        raise BadInput(f"{what}: {value} not in range [{low} - {high}]")
    return value


def _threads(threads: int | None) -> int:
    return 0 if threads is None else _whole(threads, "threads", 0, _MAX_THREADS)


def _seed(seed: int | None) -> int | None:
    return None if seed is None else _whole(seed, "seed", 0, 2**64 - 1)


# ---------------------------------------------------------------- tables

def _frame(csv: bytes, schema: dict) -> pd.DataFrame:
    """CSV text typed by its Table Schema, as analysis/alliance_data.py reads the files."""
    fields = schema["fields"]
    dtypes = {f["name"]: _READ_AS[f["type"]] for f in fields}
    frame = pd.read_csv(io.BytesIO(csv), dtype=dtypes, keep_default_na=False, na_values=[""])
    for f in fields:
        column = f["name"]
        if f["type"] == "boolean":
            frame[column] = frame[column].map({1: True, 0: False}).astype("boolean")
        elif f["type"] == "yearmonth":
            frame[column] = pd.to_datetime(frame[column], format="%Y-%m")
        elif f["type"] == "string":
            frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


def _tables(files: Mapping[str, bytes], package: dict, metadata: dict | None) -> Result:
    result = Result()
    result.csv = {}
    for resource in package["resources"]:
        name, file = resource["name"], resource["path"]
        if file in files:
            result.csv[name] = files[file]
            result[name] = _frame(files[file], resource["schema"])
    if metadata is not None:
        result["metadata"] = metadata
    return result


def _directory_tables(out: Path) -> Result:
    package = json.loads((out / "datapackage.json").read_text())
    files = {r["path"]: (out / r["path"]).read_bytes() for r in package["resources"] if (out / r["path"]).is_file()}
    metadata = None
    for name in ("run.json", "sweep.json"):
        if (out / name).is_file():
            metadata = json.loads((out / name).read_text())
            break
    return _tables(files, package, metadata)


# ---------------------------------------------------------------- the commands

def validate(path, set: Mapping[str, Any] | Iterable[str] | None = None, preset: str | None = None) -> dict:
    """`alliance validate`: checks a scenario (and any `set`) without running it.

    Returns what the command line prints (`text`) and its parts (states, rule,
    steps, replicates, ...); raises InputError when the scenario is bad."""
    return _alliance.validate(os.fsencode(_path(path)), _bytes(_overrides(set, preset)))


def run(path, seed: int | None = None, replicates: int | None = None,
        set: Mapping[str, Any] | Iterable[str] | None = None, preset: str | None = None,
        tables: Iterable[str] | str | None = ("summary",), threads: int | None = None,
        out=None, max_output_gb: float = 8.0) -> Result:
    """`alliance run`: the scenario's replicates, on `threads` threads (default every core).

    Returns a dict of DataFrames by table name ("summary", and any of "steps",
    "members", "crises", "votes" and "events" in `tables`; "all" or None for
    every one) and "metadata", run.json as a dict. With `out`, the output
    directory is written too, exactly as `alliance run --out` writes it."""
    overrides = _overrides(set, preset)
    if seed is not None:
        overrides.append(f"simulation.seed={_seed(seed)}")
    if replicates is not None:
        if isinstance(replicates, bool) or not isinstance(replicates, int):
            raise BadInput(f"replicates: expected a whole number, got {replicates!r}")
        overrides.append(f"simulation.replicates={replicates}")
    if tables is None or tables == "all":
        names = ""
    else:
        if isinstance(tables, str):
            tables = [tables]
        tables = list(tables)
        if not tables or not all(isinstance(t, str) and t and "," not in t for t in tables):
            raise BadInput(f"tables: expected names among steps, members, crises, votes, events and summary, got {tables!r}")
        names = ",".join(tables)
    if isinstance(max_output_gb, bool) or not isinstance(max_output_gb, (int, float)) \
            or not math.isfinite(max_output_gb) or max_output_gb <= 0:
        raise BadInput(f"max_output_gb: expected a finite number > 0, got {max_output_gb!r}")
    files = _alliance.run(os.fsencode(_path(path)), _bytes(overrides), os.fsencode(names), _threads(threads),
                          b"" if out is None else os.fsencode(_path(out, "out")), float(max_output_gb))
    return _tables(files, json.loads(files["datapackage.json"]), json.loads(files["run.json"]))


def sweep(path, out=None, threads: int | None = None, shard: tuple[int, int] | None = None,
          resume: bool = False, keep_steps: bool = False, dry_run: bool = False) -> Result | dict:
    """`alliance sweep`: runs a sweep file's design and returns its tables (runs, points, failures, ...).

    Without `out` the sweep runs in a temporary directory, removed afterwards.
    `shard=(i, n)` runs shard i of n (1-based, as `--shard i/n`). With
    `dry_run`, the file is read and checked against its scenario and the
    design's size returned; nothing runs. The result's "outcome" says how many
    runs there were and how many failed (listed in the "failures" table)."""
    if shard is not None:
        if not (isinstance(shard, tuple) and len(shard) == 2 and all(isinstance(x, int) and not isinstance(x, bool) for x in shard)
                and 1 <= shard[0] <= shard[1]):
            raise BadInput(f"shard: expected (i, n) with 1 <= i <= n, e.g. (3, 8), got {shard!r}")
        shard = (shard[0] - 1, shard[1])
    path = _path(path)
    threads = _threads(threads)
    if dry_run:
        return _alliance.sweep(os.fsencode(path), b"", threads, shard, bool(resume), bool(keep_steps), True)
    temporary = None
    try:
        if out is None:
            temporary = tempfile.mkdtemp(prefix="alliance-sweep-")
            target = Path(temporary) / "sweep"
        else:
            target = Path(_path(out, "out"))
        outcome = _alliance.sweep(os.fsencode(path), os.fsencode(str(target)), threads, shard, bool(resume), bool(keep_steps), False)
        result = _directory_tables(Path(str(target).rstrip("/") or "/"))
        result["outcome"] = outcome
        return result
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)


def _claim_files(paths) -> list[str]:
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    files = []
    for p in paths:
        p = _path(p, "paths")
        if os.path.isdir(p):
            in_folder = sorted(e.path for e in os.scandir(p) if e.is_file() and e.name.endswith(".toml"))
            if not in_folder:
                raise BadInput(f"{p}: no claim files (*.toml) in this folder")
            files += in_folder
        else:
            files.append(p)
    if not files:
        raise BadInput("paths: no claim files given")
    return files


def check(paths, replicates: int | None = None, seed: int | None = None, threads: int | None = None,
          out=None, dry_run: bool = False, region_points: int | None = None) -> Result:
    """`alliance check`: tests the claims in claim files (a folder stands for its *.toml).

    Returns "verdicts", "audit", "region", "region_points" and
    "region_design" (DataFrames, the CSV files of the same names; see the
    README), "metadata" (run.json),
    "text" (the table the command line prints) and "unexpected" (how many
    verdicts differ from the files' expectations). With `out`, the output
    directory is written too. With `dry_run`, the claims are checked against
    their scenarios and nothing runs (an empty Result)."""
    files = _claim_files(paths)
    if replicates is not None:
        replicates = _whole(replicates, "replicates", 2, 100000)
    if region_points is not None:
        region_points = _whole(region_points, "region_points", 0, 10000)
    raw = _alliance.check(_bytes(files), replicates, _seed(seed), region_points, _threads(threads),
                          b"" if out is None else os.fsencode(_path(out, "out")), bool(dry_run))
    if dry_run:
        result = Result()
        result.csv = {}
        return result
    result = _tables(raw, json.loads(raw["datapackage.json"]), json.loads(raw["run.json"]))
    result["text"] = raw["text"].decode(errors="surrogateescape")
    result["unexpected"] = raw["unexpected"]
    return result


def graph(path, at: int | str | None = None, replicate: int = 0, seed: int | None = None,
          set: Mapping[str, Any] | Iterable[str] | None = None, preset: str | None = None, networkx: bool | None = None):
    """`alliance graph`: the alliance graph after step `at` (a step number or "YYYY-MM"; default the last) of one replicate.

    Returns a networkx DiGraph (MultiDiGraph if two ties join the same pair)
    when networkx is installed, with each vertex's kind, label and capability
    and each tie's kind, weight and hollow; else (or with networkx=False) a
    dict of "nodes" and "edges" DataFrames. Either way `dot` and `graphml`
    (the command line's output) are in its graph attributes / dict."""
    overrides = _overrides(set, preset)
    if seed is not None:
        overrides.append(f"simulation.seed={_seed(seed)}")
    if at is None:
        at_text = ""
    elif isinstance(at, bool) or not isinstance(at, (int, str)):
        raise BadInput(f"at: expected a step number or \"YYYY-MM\", got {at!r}")
    else:
        at_text = str(at)
        if at_text == "":
            raise BadInput("at: expected a step number or \"YYYY-MM\", got \"\"")
    replicate = _whole(replicate, "replicate", 0, 2**31 - 1)
    g = _alliance.graph(os.fsencode(_path(path)), _bytes(overrides), os.fsencode(at_text), replicate)
    meta = {"step": g["step"], "date": g["date"], "dot": g["dot"], "graphml": g["graphml"]}
    nx = None
    if networkx is not False:
        try:
            import networkx as nx
        except ImportError:
            if networkx:
                raise
    if nx is None:
        nodes = pd.DataFrame(g["nodes"], columns=["id", "label", "kind", "capability"])
        edges = pd.DataFrame(g["edges"], columns=["source", "target", "kind", "weight", "hollow"])
        edges["hollow"] = edges["hollow"].astype("boolean")
        return {"nodes": nodes, "edges": edges, **meta}
    pairs = [(e["source"], e["target"]) for e in g["edges"]]
    out = nx.MultiDiGraph() if len(set_of(pairs)) < len(pairs) else nx.DiGraph()
    out.graph.update(meta)
    for n in g["nodes"]:
        out.add_node(n["id"], label=n["label"], kind=n["kind"], capability=n["capability"])
    for e in g["edges"]:
        out.add_edge(e["source"], e["target"], kind=e["kind"], weight=e["weight"], hollow=e["hollow"])
    return out


set_of = frozenset  # `set` is a keyword argument above; the builtin under another name


# ---------------------------------------------------------------- exploratory modelling

def _numeric_columns(summary: pd.DataFrame) -> list[str]:
    return [c for c in summary.columns if c not in ("replicate", "seed")
            and (pd.api.types.is_numeric_dtype(summary[c]) or pd.api.types.is_bool_dtype(summary[c]))]


class Model:
    """A scenario as a function of its parameters, for an exploratory-modelling workbench's sampling loop.

        m = alliance.model("scenarios/kosovo_1998.toml", replicates=50)
        m(**{"alliance.rule": "majority", "alliance.information_sharing": 0.4})
        # -> {"kosovo_deadlock_months": 0.0, ..., "members_end": 19.0}

    Parameters are the dotted keys of `--set` (or, where a workbench needs
    identifiers, the same with "__" for each dot: alliance__rule); outcomes
    are the means over replicates of the summary's numeric columns (booleans:
    the share true), skipping replicates where a column is empty; a column no
    replicate has is NaN. Every call runs the same seeds (the scenario's, or
    `seed`), so outcomes differ only by the parameters (common random numbers).
    `outcomes` keeps only those columns; `outcome_names` lists them all."""

    def __init__(self, scenario, replicates: int | None = None, seed: int | None = None,
                 preset: str | None = None, threads: int | None = None, outcomes: Iterable[str] | None = None):
        self.scenario = _path(scenario, "scenario")
        self.replicates, self.seed, self.preset, self.threads = replicates, seed, preset, threads
        self.outcomes = None if outcomes is None else list(outcomes)
        if self.outcomes is not None:
            columns = self.outcome_names
            unknown = [o for o in self.outcomes if o not in columns]
            if unknown:
                raise BadInput(f"outcomes: no summary column {unknown[0]!r}; the columns are {', '.join(columns)}")

    @property
    def outcome_names(self) -> list[str]:
        if not hasattr(self, "_outcome_names"):
            summary = run(self.scenario, replicates=1, seed=self.seed, preset=self.preset, threads=1)["summary"]
            self._outcome_names = _numeric_columns(summary)
        return self._outcome_names

    def __call__(self, **params) -> dict[str, float]:
        settings = {}
        for key, value in params.items():
            settings[key.replace("__", ".") if "." not in key else key] = value
        summary = run(self.scenario, seed=self.seed, replicates=self.replicates, set=settings, preset=self.preset,
                      tables=("summary",), threads=self.threads)["summary"]
        names = self.outcomes if self.outcomes is not None else _numeric_columns(summary)
        result = {}
        for name in names:
            column = summary[name] if name in summary.columns else pd.Series(dtype="float64")
            values = column.dropna().astype("float64")
            result[name] = float(values.mean()) if len(values) else math.nan
        return result


def model(scenario, replicates: int | None = None, seed: int | None = None, preset: str | None = None,
          threads: int | None = None, outcomes: Iterable[str] | None = None) -> Model:
    """The scenario as a callable `f(**params) -> {outcome: mean}` for a workbench (see Model)."""
    return Model(scenario, replicates=replicates, seed=seed, preset=preset, threads=threads, outcomes=outcomes)
