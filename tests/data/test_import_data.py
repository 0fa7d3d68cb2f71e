#!/usr/bin/python3
"""data_import: the committed tables in scenarios/data/ are exactly what
scenarios/data/import_data.py makes from the data folder, and they cover
every state the shipped scenarios name.

    /usr/bin/python3 tests/data/test_import_data.py [DATA_DIR]

DATA_DIR defaults to ../shared/data/peacesciencer beside the repository.
Exit 0: passed; 1: failed; 77: skipped (CTest SKIP_RETURN_CODE) where the
data folder is absent, after the checks that need no data have passed.
"""
import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_OUT = ROOT / "scenarios" / "data"
SCRIPT = DATA_OUT / "import_data.py"

spec = importlib.util.spec_from_file_location("import_data", SCRIPT)
import_data = importlib.util.module_from_spec(spec)
spec.loader.exec_module(import_data)


def scenario_codes():
    """The [[state]] and [adversary] codes of every shipped scenario."""
    import tomllib
    codes = {}
    for path in sorted((ROOT / "scenarios").glob("*.toml")):
        doc = tomllib.loads(path.read_text())
        found = [s["code"] for s in doc.get("state", [])]
        if "code" in doc.get("adversary", {}):
            found.append(doc["adversary"]["code"])
        for code in found:
            codes.setdefault(code, []).append(path.name)
    return codes


def check_codes(failures):
    known = {code for code, _, _, _ in import_data.STATES}
    for code, files in sorted(scenario_codes().items()):
        if code not in known:
            failures.append(f"state {code} ({', '.join(files)}) has no row in "
                            "import_data.py's STATES, so no data are imported for it")


def check_shape(failures):
    for name in import_data.OUTPUT_FILES:
        path = DATA_OUT / name
        if not path.is_file():
            failures.append(f"{path.relative_to(ROOT)} is missing")
            continue
        if not name.endswith(".csv"):
            continue
        data = path.read_bytes()
        if not data.endswith(b"\n") or b'"' in data or b"\r" in data:
            failures.append(f"{name}: not plain CSV (quotes, CR, or no final newline)")
        lines = data.decode("ascii").splitlines()
        width = len(lines[0].split(","))
        for i, line in enumerate(lines[1:], start=2):
            if len(line.split(",")) != width:
                failures.append(f"{name}:{i}: {len(line.split(','))} cells, header has {width}")
                break


def first_difference(a, b):
    la, lb = a.splitlines(), b.splitlines()
    for i, (x, y) in enumerate(zip(la, lb), start=1):
        if x != y:
            return f"line {i}: committed {x[:100]!r}, import gives {y[:100]!r}"
    return f"committed {len(la)} lines, import gives {len(lb)}"


def check_import(data_dir, failures):
    with tempfile.TemporaryDirectory() as tmp:
        run = subprocess.run([sys.executable, str(SCRIPT), str(data_dir), "--out", tmp],
                             capture_output=True, text=True)
        if run.returncode != 0:
            failures.append(f"import_data.py exited {run.returncode}: {run.stderr.strip()}")
            return
        for name in import_data.OUTPUT_FILES:
            made = (Path(tmp) / name).read_bytes()
            path = DATA_OUT / name
            kept = path.read_bytes() if path.is_file() else b""
            if made != kept:
                failures.append(f"scenarios/data/{name} differs from a fresh import, "
                                + first_difference(kept.decode(), made.decode()))


def main():
    data_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else import_data.DEFAULT_DATA
    failures = []
    check_codes(failures)
    check_shape(failures)
    if not failures and not data_dir.is_dir():
        print(f"data_import: no data folder at {data_dir}: import not re-run, skipped")
        return 77
    if not failures:
        check_import(data_dir, failures)
    for f in failures:
        print(f"FAIL: {f}")
    if any("fresh import" in f for f in failures):
        print("If the change is meant: /usr/bin/python3 scenarios/data/import_data.py "
              "[DATA_DIR], then commit scenarios/data/ with the reason.")
    if failures:
        return 1
    print(f"data_import: {len(import_data.OUTPUT_FILES)} files identical to a fresh "
          f"import of {data_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
