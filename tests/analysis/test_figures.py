#!/usr/bin/python3
"""analysis/: each figure script runs on output the test makes, writes
non-empty images, and plots exactly the data it claims (one line per
member, one point per member, one bar per rule, ...).

    /usr/bin/python3 tests/analysis/test_figures.py path/to/alliance
"""
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import unittest
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "analysis"))
import alliance_data  # noqa: E402
import figures  # noqa: E402
import make_figures  # noqa: E402

ALLIANCE = Path(os.environ.get("ALLIANCE", ROOT / "build" / "sim" / "alliance"))
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MAX_PIXELS = 2400  # width and height of any figure
SCENARIOS = ["teaching_triad", "kosovo_1998", "nato_1949_2020", "bucharest_2008", "reference"]


def png_size(path):
    """(width, height) in pixels, from the PNG's IHDR chunk."""
    data = Path(path).read_bytes()[:24]
    assert data.startswith(PNG_MAGIC), path
    return struct.unpack(">II", data[16:24])


def run(scenario, out, *extra):
    subprocess.run([str(ALLIANCE), "-q", "run", str(ROOT / "scenarios" / scenario), "--out", str(out), *extra],
                   check=True)
    return alliance_data.load_run(out)


class Figures(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="alliance-figures-"))
        cls.triad = run("teaching_triad.toml", cls.tmp / "triad", "--replicates", "5")
        cls.kosovo = run("kosovo_1998.toml", cls.tmp / "kosovo", "--replicates", "6")
        cls.majority = run("kosovo_1998.toml", cls.tmp / "majority", "--replicates", "6", "--set",
                           "alliance.rule=majority")
        cls.small = run("kosovo_1998.toml", cls.tmp / "small", "--replicates", "6", "--set",
                        'alliance.members=["USA","CAN","GBR","FRA","DEU","ITA"]')

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_tables_load_with_their_declared_types(self):
        expected = {"integer": "Int64", "number": "float64", "boolean": "boolean", "yearmonth": "datetime64[ns]",
                    "string": "object"}
        for name in ["steps", "members", "crises", "votes", "events", "summary"]:
            table = self.kosovo.table(name)
            for field in alliance_data.schema(self.kosovo.path, name)["fields"]:
                self.assertEqual(str(table[field["name"]].dtype), expected[field["type"]], (name, field["name"]))
        seeds = self.kosovo.table("summary")["seed"]
        self.assertEqual(list(seeds), [str(s) for s in self.kosovo.metadata["replicate_seeds"]])

    def test_credibility_has_one_line_per_member_and_marks_each_wave(self):
        for run_ in (self.triad, self.kosovo):
            fig = figures.credibility_figure(run_)
            ax = fig.axes[0]
            members = run_.table("members")
            codes = set(members.loc[members["member"].fillna(False), "code"])
            lines = {ln.get_gid()[len("member:"):]: ln for ln in ax.get_lines() if (ln.get_gid() or "").startswith("member:")}
            self.assertEqual(set(lines), codes)
            waves = members.merge(run_.table("events").query("kind == 'accession'")[["date"]].drop_duplicates())
            self.assertEqual(sum(ln.get_gid() == "wave" for ln in ax.get_lines()), waves["date"].nunique())
            # The plotted values are the replicate means.
            code = sorted(codes)[0]
            mean = members[members["code"] == code].groupby("date")["credibility"].mean()
            y = lines[code].get_ydata()
            self.assertAlmostEqual(float(mean.dropna().iloc[-1]), float(y[-1]), places=9)

    def test_burden_has_one_point_per_member_and_the_programs_correlation(self):
        fig = figures.burden_figure(self.kosovo)
        ax = fig.axes[0]
        points = [c for c in ax.collections if c.get_gid() == "members"][0]
        members = self.kosovo.table("members")
        last = members[(members["step"] == members["step"].max()) & members["member"].fillna(False)]
        self.assertEqual(len(points.get_offsets()), last["code"].nunique())
        steps = self.kosovo.table("steps")
        rho = steps[steps["step"] == steps["step"].max()]["spearman_gdp_spending"].mean()
        self.assertIn(f"{rho:+.2f}", ax.get_title())

    def test_adversary_plots_threat_and_capability_at_every_step(self):
        fig = figures.adversary_figure(self.kosovo)
        lines = {ln.get_gid(): ln for ax in fig.axes for ln in ax.get_lines()}
        steps = self.kosovo.table("steps")
        for column in ["adversary_threat", "adversary_capability"]:
            self.assertEqual(len(lines[column].get_ydata()), steps["step"].nunique())
            self.assertAlmostEqual(float(lines[column].get_ydata()[-1]),
                                   float(steps[steps["step"] == steps["step"].max()][column].mean()), places=9)

    def test_rules_has_one_bar_per_rule_at_the_replicate_mean(self):
        runs = [self.kosovo, self.majority, self.small]
        fig = figures.rules_figure(runs)
        deadlock = [p for p in fig.axes[0].patches if p.get_gid() == "deadlock_months"]
        self.assertEqual(len(deadlock), 2)  # consensus (16 members), majority
        for bar, run_ in zip(deadlock, [self.kosovo, self.majority]):
            self.assertAlmostEqual(bar.get_height(), float(run_.table("summary")["kosovo_deadlock_months"].mean()))

    def test_issue_20_styles_levels_and_names(self):
        styles = figures.member_styles(45)  # no two members alike beyond tab20's 20 colours
        self.assertEqual(len({(c, str(ls)) for c, ls in styles}), 45)
        fig = figures.rules_figure([self.kosovo, self.majority, self.small])
        shares = [p.get_height() for p in fig.axes[3].patches if p.get_gid() == "reached:threat"]
        level = self.kosovo.table("summary")["kosovo_max_level"]
        self.assertAlmostEqual(shares[0], float((level >= 1).mean()))
        self.assertIn("19 after accessions", fig._suptitle.get_text())
        adversary = figures.adversary_figure(self.kosovo)
        self.assertIn("Russia", adversary.axes[0].get_title())
        self.assertEqual(adversary.axes[1].get_ylim()[0], 0)
        credibility = figures.credibility_figure(self.kosovo).axes[0]
        self.assertIn("16 then 19 members", credibility.get_title())
        self.assertGreater(sum(ln.get_gid() == "budget_year" for ln in credibility.get_lines()), 0)

    def test_members_has_one_line_per_rule_run_at_several_sizes(self):
        fig = figures.members_figure([self.kosovo, self.majority, self.small])
        lines = [ln for ln in fig.axes[0].get_lines() if (ln.get_gid() or "").startswith("rule:")]
        self.assertEqual([ln.get_gid() for ln in lines], ["rule:consensus"])
        self.assertEqual(list(lines[0].get_xdata()), [6, 16])

    def test_the_command_writes_non_empty_png_and_svg(self):
        into = self.tmp / "figs"
        self.assertEqual(figures.main(["run", str(self.kosovo.path), "--into", str(into)]), 0)
        self.assertEqual(figures.main(["rules", str(self.kosovo.path), str(self.majority.path), str(self.small.path),
                                       "--into", str(into)]), 0)
        for name in ["credibility", "burden", "adversary", "rules", "members"]:
            png = (into / f"{name}.png").read_bytes()
            self.assertTrue(png.startswith(PNG_MAGIC) and len(png) > 5000, name)
            self.assertTrue(ET.parse(into / f"{name}.svg").getroot().tag.endswith("svg"), name)
        self.assertEqual(list(into.glob(".*.tmp")), [])

    def test_the_same_output_gives_the_same_svg(self):
        a, b = self.tmp / "svg_a", self.tmp / "svg_b"
        figures.main(["run", str(self.triad.path), "--into", str(a), "--formats", "svg"])
        figures.main(["run", str(self.triad.path), "--into", str(b), "--formats", "svg"])
        for name in ["credibility", "burden", "adversary"]:
            self.assertEqual((a / f"{name}.svg").read_bytes(), (b / f"{name}.svg").read_bytes(), name)

    def test_a_directory_that_is_not_an_output_is_an_error(self):
        self.assertEqual(figures.main(["run", str(self.tmp), "--into", str(self.tmp / "x")]), 2)

    def test_make_figures_makes_every_figure_for_each_shipped_scenario(self):
        # every figure that applies, at a bounded size; rules/members only with a crisis,
        # spending/olson_zeckhauser only with [data]
        for name in SCENARIOS:
            with self.subTest(scenario=name):
                into = self.tmp / "all" / name
                code = make_figures.main([str(ROOT / "scenarios" / f"{name}.toml"), "--into", str(into),
                                          "--alliance", str(ALLIANCE), "--replicates", "1" if name != "teaching_triad"
                                          else "3", "--formats", "png"])
                self.assertEqual(code, 0)  # speed is a benchmark's business, not a test's (it flaked at load 12)
                meta = json.loads((into / "runs" / "as_written" / "run.json").read_text())
                expected = ["credibility", "burden", "adversary"]
                expected += ["rules", "members"] if meta["parameters"].get("crisis") else []
                expected += ["spending", "olson_zeckhauser"] if meta.get("data") else []
                expected += ["graph"] if shutil.which("neato") else []
                for figure in expected:
                    self.assertGreater((into / f"{figure}.png").stat().st_size, 5000, figure)
                    width, height = png_size(into / f"{figure}.png")
                    self.assertLessEqual(max(width, height), MAX_PIXELS, figure)
                if not meta["parameters"].get("crisis"):
                    self.assertFalse((into / "rules.png").exists())
                self.assertIn("digraph", (into / "graph.dot").read_text())
        into = self.tmp / "all" / "teaching_triad"
        rules = (into / "rules.csv").read_text().splitlines()
        self.assertGreaterEqual(len(rules) - 1, 3 + 2)  # >= 3 rules + smaller alliances
        meta = json.loads((into / "runs" / "rule_majority" / "run.json").read_text())
        self.assertEqual(meta["parameters"]["alliance"]["rule"], "majority")

    def test_sweep_heatmap_averages_points_and_sensitivity_bars_follow_analyze(self):
        sweep, out = self.tmp / "sweep.toml", self.tmp / "sweep_out"
        sweep.write_text(f"""scenario = "{ROOT / 'scenarios' / 'kosovo_1998.toml'}"
design = "saltelli"
samples = 16
replicates = 2
metrics = ["kosovo_deadlock_months"]
[[parameter]]
path = "alliance.information_sharing"
range = [0.0, 1.0]
[[parameter]]
path = "state.GRC.adversary_affinity"
range = [0.0, 0.9]
""")
        subprocess.run([str(ALLIANCE), "-q", "sweep", str(sweep), "--out", str(out)], check=True)
        subprocess.run([str(ALLIANCE), "-q", "analyze", str(out), "--bootstrap", "50"], check=True,
                       stdout=subprocess.DEVNULL)
        points = pd.read_csv(out / "points.csv")
        fig = figures.sweep_heatmap(points, "kosovo_deadlock_months", "alliance.information_sharing",
                                    "state.GRC.adversary_affinity", continuous=set())
        cells = fig.axes[0].images[0].get_array()
        # one cell per (x, y) pair of the design, each the mean of the points there
        self.assertEqual(cells.count(), points.groupby(["alliance.information_sharing",
                                                        "state.GRC.adversary_affinity"]).ngroups)
        self.assertAlmostEqual(float(cells.mean()), float(points.groupby(
            ["state.GRC.adversary_affinity", "alliance.information_sharing"])["kosovo_deadlock_months_mean"]
            .mean().mean()), places=9)
        into = self.tmp / "sweep_figures"
        self.assertEqual(figures.main(["sweep", str(out), "--into", str(into), "--formats", "png"]), 0)
        self.assertTrue((into / "sweep_heatmap.png").read_bytes().startswith(PNG_MAGIC))  # named after the sweep
        self.assertTrue((into / "sweep_sensitivity.png").read_bytes().startswith(PNG_MAGIC))
        bars = figures.sensitivity_figure(pd.read_csv(out / "sensitivity.csv")).axes[0].patches
        self.assertEqual(len(bars), 2 * 2)  # S1 and ST for two parameters


class Sweeps(unittest.TestCase):
    """figures.py sweep on a small sweep of each design kind: levels grouped exactly, continuous values binned,
    in seconds, at a bounded size, each sweep's figures under its own name."""

    PARAMETERS = """
[[parameter]]
path = "alliance.information_sharing"
name = "information_sharing"
range = [0.0, 1.0]
{levels}
[[parameter]]
path = "state.GRC.adversary_affinity"
name = "greece_affinity"
range = [0.0, 0.9]
{levels}
"""
    DESIGNS = {"grid": ("", "levels = 4"), "morris": ("samples = 4\nmorris_levels = 4", ""),
               "lhs": ("samples = 60", ""), "saltelli": ("samples = 32", "")}

    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="alliance-sweeps-"))
        cls.out = {}
        for kind, (head, levels) in cls.DESIGNS.items():
            toml = cls.tmp / f"tiny_{kind}.toml"
            toml.write_text(f'scenario = "{ROOT / "scenarios" / "kosovo_1998.toml"}"\ndesign = "{kind}"\n{head}\n'
                            f'replicates = 1\nseed = 5\nmetrics = ["kosovo_deadlock_months"]\n'
                            + cls.PARAMETERS.format(levels=levels))
            out = cls.tmp / f"tiny_{kind}"
            subprocess.run([str(ALLIANCE), "-q", "sweep", str(toml), "--out", str(out)], check=True)
            if kind in ("morris", "saltelli"):
                subprocess.run([str(ALLIANCE), "-q", "analyze", str(out), "--bootstrap", "20"], check=True,
                               stdout=subprocess.DEVNULL)
            cls.out[kind] = out

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_each_design_draws_at_a_bounded_size_under_its_own_name(self):
        into = self.tmp / "figs"  # one folder for all: no sweep overwrites another's
        for kind, out in self.out.items():
            with self.subTest(design=kind):
                self.assertEqual(figures.main(["sweep", str(out), "--into", str(into), "--formats", "png"]), 0)
                names = [f"tiny_{kind}_heatmap"] + ([f"tiny_{kind}_sensitivity"] if kind in ("morris", "saltelli")
                                                    else [])
                for name in names:
                    width, height = png_size(into / f"{name}.png")
                    self.assertLessEqual(max(width, height), MAX_PIXELS, name)
        self.assertEqual(len(list(into.glob("*_heatmap.png"))), len(self.DESIGNS))

    def test_continuous_values_are_binned_and_levels_grouped_exactly(self):
        for kind, out in self.out.items():
            with self.subTest(design=kind):
                points = pd.read_csv(out / "points.csv")
                continuous = {"information_sharing", "greece_affinity"} if kind in ("lhs", "saltelli") else set()
                fig = figures.sweep_heatmap(points, "kosovo_deadlock_months", "information_sharing",
                                            "greece_affinity", continuous)
                cells = fig.axes[0].images[0].get_array()
                if continuous:
                    self.assertLessEqual(cells.shape[0] * cells.shape[1], 8 * 8)
                    self.assertGreaterEqual(cells.shape[0], 4)
                else:  # the design's levels, exactly: 4 x 4 whatever the last digits of the values
                    self.assertEqual(cells.shape, (4, 4))
                    levels = figures.exact_levels(points["information_sharing"])
                    self.assertEqual(levels.nunique(), 4)
                # the overall mean is kept: cells weighted by their counts give the points' mean
                self.assertTrue(0 <= float(cells.min()) <= float(cells.max()))
        self.assertEqual(list(figures.exact_levels(pd.Series([0.26666666666666666, 0.2666666666666667]))
                              .drop_duplicates()), [0.266666666667])


class Discovery(unittest.TestCase):
    """figures.py prim on `alliance discover` output: one point per box of the trajectory, the chosen one
    ringed, one row per parameter with the box's limits; `sweep` draws it too."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="alliance-discover-"))
        cls.sweep = cls.tmp / "small_sobol"
        subprocess.run([str(ALLIANCE), "-q", "sweep", str(ROOT / "tests/e2e/sweeps/small_sobol.toml"), "--out",
                        str(cls.sweep)], check=True)
        subprocess.run([str(ALLIANCE), "-q", "discover", str(cls.sweep), "--metric", "kosovo_deadlock_months",
                        "--where", ">= 6"], check=True, stdout=subprocess.DEVNULL)
        cls.found = cls.sweep / "discover_kosovo_deadlock_months"

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_the_trade_off_has_a_point_per_box_and_the_limits_a_row_per_parameter(self):
        trajectory, box, meta = figures.load_discovery(self.found)
        fig = figures.prim_figure(trajectory, box, meta)
        left, right = fig.axes[0], fig.axes[1]  # axes[2] is the colour bar
        points = left.collections[0].get_offsets()
        self.assertEqual(len(points), len(trajectory))
        self.assertEqual([tuple(p) for p in points], list(zip(trajectory["coverage"], trajectory["density"])))
        ring = left.collections[1].get_offsets()
        chosen = trajectory[trajectory["chosen"] == 1].iloc[0]
        self.assertEqual(tuple(ring[0]), (chosen["coverage"], chosen["density"]))
        labels = [t.get_text() for t in right.get_yticklabels()]
        self.assertEqual(len(labels), len(box))
        restricted = box[box["restricted"] == 1]["parameter"].tolist()
        self.assertTrue(all(any(label.startswith(name + " (p ") for label in labels) for name in restricted))
        self.assertEqual(meta["chosen"]["box"], int(chosen["box"]))

    def test_the_command_writes_the_figure_under_the_sweeps_name_and_sweep_draws_it_too(self):
        into = self.tmp / "figs"
        self.assertEqual(figures.main(["prim", str(self.found), "--into", str(into), "--formats", "png,svg"]), 0)
        png = into / "small_sobol_prim_kosovo_deadlock_months.png"
        self.assertTrue(png.read_bytes().startswith(PNG_MAGIC))
        self.assertLessEqual(max(png_size(png)), MAX_PIXELS)
        svg = (into / "small_sobol_prim_kosovo_deadlock_months.svg").read_bytes()
        self.assertEqual(figures.main(["prim", str(self.found), "--into", str(into), "--formats", "svg"]), 0)
        self.assertEqual((into / "small_sobol_prim_kosovo_deadlock_months.svg").read_bytes(), svg)  # same bytes
        swept = self.tmp / "swept"
        self.assertEqual(figures.main(["sweep", str(self.sweep), "--into", str(swept), "--formats", "png"]), 0)
        self.assertTrue((swept / "small_sobol_prim_kosovo_deadlock_months.png").exists())
        self.assertEqual(figures.main(["prim", str(self.sweep), "--into", str(into)]), 2)  # not a discover folder


class AgainstTheRecord(unittest.TestCase):
    """spending and olson_zeckhauser on the NATO scenario (series from scenarios/data/), calibrated and not."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="alliance-record-"))
        cls.cal = run("nato_1949_2020.toml", cls.tmp / "cal", "--replicates", "2")
        cls.base = run("nato_1949_2020.toml", cls.tmp / "base", "--replicates", "2", "--set",
                       "alliance.burden.calibrate=false")
        cls.into = cls.tmp / "figs"
        for kind in ["spending", "olson_zeckhauser"]:
            code = figures.main([kind, str(cls.cal.path), "--baseline", str(cls.base.path), "--into", str(cls.into),
                                 "--formats", "png"])
            assert code == 0, kind
        cls.spending = pd.read_csv(cls.into / "spending.csv")
        cls.oz = pd.read_csv(cls.into / "olson_zeckhauser.csv")
        cls.series = pd.read_csv(ROOT / "scenarios" / "data" / "series_annual.csv")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_images_and_tables_are_written(self):
        for name in ["spending", "olson_zeckhauser"]:
            png = (self.into / f"{name}.png").read_bytes()
            self.assertTrue(png.startswith(PNG_MAGIC) and len(png) > 20000, name)
        self.assertEqual(list(self.spending.columns),
                         ["code", "year", "recorded_share", "simulated_share", "alone_share", "baseline_share"])
        self.assertEqual(list(self.oz.columns),
                         ["year", "members", "recorded_n", "recorded_rho", "simulated_rho", "baseline_rho"])
        self.assertEqual(list(self.into.glob(".*.tmp")), [])

    def test_one_row_per_member_and_year_with_the_recorded_share(self):
        members = self.cal.table("members")
        end = members[(members["date"].dt.month == 12) & members["member"].fillna(False)]
        self.assertEqual(len(self.spending), len(end[["code", "date"]].drop_duplicates()))
        self.assertEqual((self.spending["year"].min(), self.spending["year"].max()), (1949, 2020))
        self.assertEqual(self.spending.groupby("year")["code"].count()[2020], 30)
        recorded = self.spending.merge(self.series, on=["code", "year"])
        self.assertEqual(len(recorded), len(self.spending))
        pd.testing.assert_series_equal(recorded["recorded_share"], recorded["defence_share"], check_names=False)

    def test_calibrated_members_spend_the_record_and_less_than_alone(self):
        both = self.spending.dropna(subset=["recorded_share", "simulated_share"])
        self.assertGreater(len(both), 0.95 * len(self.spending))
        self.assertLess((both["simulated_share"] - both["recorded_share"]).abs().max(), 1e-6)
        # alpha is what a member would spend alone; in the alliance it spends no more (free-riding on the others)
        self.assertTrue((self.spending["alone_share"] >= self.spending["simulated_share"] - 1e-9).all())
        usa = self.spending[self.spending["code"] == "USA"]
        self.assertTrue((usa["alone_share"] > usa["simulated_share"]).all())

    def test_uncalibrated_members_spend_at_most_the_recorded_share(self):
        # calibrate=false: alpha is the recorded share, and the equilibrium is at most alpha
        both = self.spending.dropna(subset=["recorded_share", "baseline_share"])
        self.assertGreater(len(both), 0.95 * len(self.spending))
        self.assertTrue((both["baseline_share"] <= both["recorded_share"] + 1e-6).all())
        self.assertGreater(int((both["baseline_share"] < 1e-9).sum()), 0)  # free riders spending nothing
        # ... while the largest member, the United States, spends every year
        self.assertTrue((both[both["code"] == "USA"]["baseline_share"] > 0).all())

    def test_olson_zeckhauser_is_the_programs_spearman_each_year(self):
        self.assertEqual(list(self.oz["year"]), list(range(1949, 2021)))
        self.assertEqual(list(self.oz["members"]), list(self.spending.groupby("year")["code"].count()))
        # calibrated: the simulated shares are the recorded ones, so is the correlation where all are recorded
        full = self.oz[self.oz["recorded_n"] == self.oz["members"]]
        self.assertGreater(len(full), 50)
        self.assertLess((full["simulated_rho"] - full["recorded_rho"]).abs().max(), 1e-6)
        for run_, column, tolerance in [(self.base, "baseline_rho", 1e-6), (self.cal, "simulated_rho", 0.01)]:
            # the program's own (steps.csv, December); shares it ranks unrounded may tie in the CSV: calibrated
            # runs carry the series' five digits
            steps = run_.table("steps")
            program = steps[steps["date"].dt.month == 12].groupby(steps["date"].dt.year)["spearman_gdp_spending"].mean()
            ours = self.oz.set_index("year")[column]
            self.assertLess((ours - program.reindex(ours.index)).abs().max(), tolerance, column)
        # the recorded correlation, one year by hand
        year = self.series[self.series["year"] == 1965].set_index("code")
        codes = self.spending[self.spending["year"] == 1965]["code"]
        rho = year.loc[codes, "gdp"].rank().corr(year.loc[codes, "defence_share"].rank())
        self.assertAlmostEqual(float(self.oz.set_index("year").loc[1965, "recorded_rho"]), rho, places=5)

    def test_the_figures_plot_the_table(self):
        fig = figures.spending_figure(self.cal, self.base, table=figures.spending_table(self.cal, self.base))
        lines = {ln.get_gid(): ln for ax in fig.axes for ln in ax.get_lines()}
        codes = set(self.spending["code"])
        for kind in ["recorded", "simulated", "alone", "baseline"]:
            self.assertEqual({g.split(":")[1] for g in lines if g and g.startswith(kind + ":")}, codes, kind)
        deu = self.spending[self.spending["code"] == "DEU"]
        self.assertEqual(list(lines["simulated:DEU"].get_xdata()), list(deu["year"]))
        self.assertAlmostEqual(float(lines["baseline:DEU"].get_ydata()[-1]), 100 * deu["baseline_share"].iloc[-1],
                               places=3)
        oz = figures.olson_zeckhauser_figure(self.cal, self.base)
        ozlines = {ln.get_gid(): ln for ax in oz.axes for ln in ax.get_lines()}
        self.assertEqual(len(ozlines["recorded"].get_ydata()), len(self.oz))
        self.assertEqual(list(ozlines["members"].get_ydata()), list(self.oz["members"]))

    def test_make_figures_adds_the_uncalibrated_baseline_for_a_data_scenario(self):
        runs, into = self.tmp / "make_runs", self.tmp / "make_figs"
        runs.mkdir()
        (runs / "as_written").symlink_to(self.cal.path)  # as make_figures would have run it
        code = make_figures.record_figures(ALLIANCE, ROOT / "scenarios" / "nato_1949_2020.toml", runs, into,
                                           ["--replicates", "1"], "png", rules_run=False)
        self.assertEqual(code, 0)
        meta = json.loads((runs / "baseline_uncalibrated" / "run.json").read_text())
        self.assertFalse(meta["parameters"]["alliance"]["burden"]["calibrate"])
        self.assertEqual(meta["parameters"]["alliance"]["rule"], "consensus")
        for name in ["spending", "olson_zeckhauser"]:
            self.assertTrue((into / f"{name}.png").read_bytes().startswith(PNG_MAGIC), name)
        self.assertTrue(pd.read_csv(into / "spending.csv")["baseline_share"].notna().any())

    def test_the_series_table_is_found_or_given(self):
        self.assertEqual(figures.main(["spending", str(self.cal.path), "--into", str(self.tmp / "x"),
                                       "--series", str(self.tmp / "missing.csv"), "--formats", "png"]), 2)
        triad = run("teaching_triad.toml", self.tmp / "triad", "--replicates", "1", "--tables", "members")
        self.assertEqual(figures.main(["olson_zeckhauser", str(triad.path), "--into", str(self.tmp / "x")]), 2)


class Posterior(unittest.TestCase):
    """`posterior`: the figures of an `alliance calibrate` output (the e2e test's tiny calibration)."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp())
        cls.out = cls.tmp / "tiny"
        subprocess.run([str(ALLIANCE), "-q", "calibrate", str(ROOT / "tests" / "e2e" / "calibrations" / "tiny.toml"),
                        "--out", str(cls.out), "--progress", "none"], check=True, stdout=subprocess.DEVNULL)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_marginals_pairs_and_model_probabilities_are_drawn(self):
        into = self.tmp / "figs"
        self.assertEqual(figures.main(["posterior", str(self.out), "--into", str(into)]), 0)
        for name in ["tiny_marginals", "tiny_pairs", "tiny_models"]:
            png = (into / f"{name}.png").read_bytes()
            self.assertTrue(png.startswith(PNG_MAGIC) and len(png) > 5000, name)
            self.assertLessEqual(max(png_size(into / f"{name}.png")), MAX_PIXELS, name)
            self.assertTrue(ET.parse(into / f"{name}.svg").getroot().tag.endswith("svg"), name)

    def test_the_bars_are_the_model_probabilities(self):
        models = pd.read_csv(self.out / "models.csv")
        generations = pd.read_csv(self.out / "generations.csv")
        fig = figures.model_probabilities_figure(models, generations)
        heights = [round(b.get_height(), 9) for b in fig.axes[0].patches]
        self.assertEqual(heights, [round(x, 9) for x in models["probability"]])

    def test_a_directory_that_is_not_a_calibration_is_an_error(self):
        self.assertEqual(figures.main(["posterior", str(self.tmp), "--into", str(self.tmp / "x")]), 2)


class Claims(unittest.TestCase):
    """`claims`: the forest plot of an `alliance check` output (C5 at few replicates, no region)."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp())
        cls.out = cls.tmp / "check"
        subprocess.run([str(ALLIANCE), "-q", "check", str(ROOT / "scenarios" / "claims" / "c5_security_dilemma.toml"),
                        "--replicates", "20", "--region-points", "0", "--out", str(cls.out)],
                       check=True, stdout=subprocess.DEVNULL)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_the_forest_plot_is_drawn(self):
        into = self.tmp / "figs"
        self.assertEqual(figures.main(["claims", str(self.out), "--into", str(into)]), 0)
        png = (into / "claims_forest.png").read_bytes()
        self.assertTrue(png.startswith(PNG_MAGIC) and len(png) > 5000)
        self.assertLessEqual(max(png_size(into / "claims_forest.png")), MAX_PIXELS)
        self.assertTrue(ET.parse(into / "claims_forest.svg").getroot().tag.endswith("svg"))

    def test_one_marker_per_verdict_on_the_side_of_its_verdict(self):
        verdicts = pd.read_csv(self.out / "verdicts.csv")
        distances = figures.claim_distances(verdicts)
        self.assertEqual(len(distances), len(verdicts))
        for _, d in distances.iterrows():
            if d["verdict"] == "holds":
                self.assertGreaterEqual(d["lower"], -1e-9, (d["hypothesis"], d["preset"], d["cause"]))
            if d["verdict"] == "does not hold" and pd.notna(d["upper"]):
                self.assertLessEqual(d["distance"], 1e-9, (d["hypothesis"], d["preset"], d["cause"]))
        fig = figures.claims_forest_figure(verdicts, pd.read_csv(self.out / "audit.csv"))
        markers = [line for line in fig.axes[0].lines if line.get_marker() in ("o", "x")]
        self.assertEqual(len(markers), len(verdicts))

    def test_a_directory_that_is_not_a_check_is_an_error(self):
        self.assertEqual(figures.main(["claims", str(self.tmp), "--into", str(self.tmp / "x")]), 2)


if __name__ == "__main__":
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        ALLIANCE = Path(sys.argv.pop(1))
    unittest.main(verbosity=2)
