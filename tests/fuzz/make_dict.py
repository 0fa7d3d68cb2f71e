#!/usr/bin/python3
"""Writes scenario.dict, the libFuzzer dictionary for the scenario reader:
every key, table header and quoted value of scenarios/reference.toml (its
"#: " lines too: commented examples, such as [[crisis.measure]], that cannot
stand beside the keys in use), and TOML tokens. Run from anywhere: tests/fuzz/make_dict.py"""
import re
from pathlib import Path

here = Path(__file__).resolve().parent
reference = here.parents[1] / "scenarios" / "reference.toml"
keys, tables, strings = set(), set(), set()
for line in reference.read_text().splitlines():
    line = line.strip()
    if line.startswith("#: "):  # a commented example of keys the file cannot use at once
        line = line[3:]
    line = line.split("#")[0].strip()
    if re.match(r"^\[\[?([A-Za-z0-9_.]+)\]\]?$", line):
        tables.add(line)
        continue
    m = re.match(r"^([A-Za-z0-9_]+)\s*=\s*(.*)$", line)
    if m:
        keys.add(m.group(1))
        strings.update(re.findall(r'"([^"]*)"', m.group(2)))
out = ["# libFuzzer dictionary for the scenario reader: every key, table header and",
       "# quoted value of scenarios/reference.toml (regenerate with tests/fuzz/make_dict.py)."]
out += [f'"{t}"' for t in sorted(tables)]
out += [f'"{k}"' for k in sorted(keys)]
out += [f'"{k} = "' for k in sorted(keys)]
out += [f'"\\"{s}\\""' for s in sorted(strings)]
out += [f'"{t}"' for t in ["true", "false", "nan", "inf", "-inf", "1e308", "-0.0", "[", "]", "{", "}", "[[", "]]",
                           "'''", "\\x0a", "\\\"\\\"\\\""]]
(here / "scenario.dict").write_text("\n".join(out) + "\n")
