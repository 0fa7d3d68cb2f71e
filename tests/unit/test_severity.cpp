// Severity from measured values (sim/MODEL.md, "M3 Severity from measured
// values"): the one mapping, its interpolation, the reader's errors, and
// that no shipped scenario tunes the mapping.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "mechanisms/severity.hpp"
#include "scenario/build_world.hpp"
#include "scenario/reader.hpp"
#include "support/scenarios.hpp"

using namespace alliance;

namespace {

std::vector<InputIssue> issues_of(const std::string& text) {
  try {
    read_scenario_text(text, "t.toml", {});
  } catch (const InputError& e) {
    return e.issues();
  }
  return {};
}

// kLine with its 0-1 path replaced by `crisis_tail` (the [[crisis.*]] tables).
std::string with_crisis_tail(const std::string& crisis_tail, const std::string& top = "") {
  std::string text = test::kLine;
  const auto at = text.find("  [[crisis.severity]]");
  REQUIRE(at != std::string::npos);
  return top + text.substr(0, at) + crisis_tail;
}

const char* kMeasures = R"(
  [[crisis.measure]]
  at = 1
  kind = "displaced"
  value = 10000
  source = "test"
  [[crisis.measure]]
  at = 3
  kind = "displaced"
  value = 30000
  source = "test"
)";

}  // namespace

TEST_CASE("the mapping: 0 at 0, 1 at x1, increasing, log(1 + x/x0) / log(1 + x1/x0) by hand") {
  const SeverityParams p;
  for (MeasureKind k : kMeasureKinds) {
    CAPTURE(measure_kind_name(k));
    CHECK(measured_severity(k, 0.0, p) == 0.0);
    CHECK(measured_severity(k, -5.0, p) == 0.0);
    CHECK(measured_severity(k, measure_full(k, p), p) == doctest::Approx(1.0));
    double last = 0.0;
    for (double x = measure_notice(k, p) / 100.0; x < 100.0 * measure_full(k, p); x *= 1.7) {
      const double s = measured_severity(k, x, p);
      CHECK(s > last);
      last = s;
    }
    CHECK(last > 1.0);  // past x1 severity goes on rising, as the 0-1 path may (it allows up to 100)
  }
  // Displaced, defaults x0 = 10 000, x1 = 1 000 000: 100 000 -> ln 11 / ln 101.
  CHECK(measured_severity(MeasureKind::displaced, 100000.0, p) == doctest::Approx(std::log(11.0) / std::log(101.0)));
  CHECK(measured_severity(MeasureKind::displaced, 100000.0, p) == doctest::Approx(0.5196).epsilon(1e-3));
  // Deaths at x0 = 25: ln 2 / ln 41.
  CHECK(measured_severity(MeasureKind::deaths, 25.0, p) == doctest::Approx(std::log(2.0) / std::log(41.0)));
}

TEST_CASE("measures are interpolated in time and held flat beyond their points; kinds combine by the largest") {
  const std::vector<MeasurePoint> points = {{MeasureKind::displaced, 2, 100.0}, {MeasureKind::displaced, 6, 500.0},
                                            {MeasureKind::deaths, 4, 1000.0}};
  CHECK(*measure_at(points, MeasureKind::displaced, 0) == 100.0);
  CHECK(*measure_at(points, MeasureKind::displaced, 4) == doctest::Approx(300.0));
  CHECK(*measure_at(points, MeasureKind::displaced, 9) == 500.0);
  CHECK(*measure_at(points, MeasureKind::deaths, 0) == 1000.0);
  CHECK_FALSE(measure_at(points, MeasureKind::attacks, 3).has_value());

  const SeverityParams p;
  const SeverityPath path = severity_path_from_measures(points, p);
  REQUIRE(path.steps == std::vector<int>{2, 3, 4, 5, 6});
  // Deaths at 1000 = x1 give 1; displaced in the hundreds give little.
  for (double s : path.values) CHECK(s == doctest::Approx(1.0));
  // The interpolation runs over the measure: step 4 maps 300, not the mean of the mapped ends.
  const std::vector<MeasurePoint> only = {points[0], points[1]};
  const SeverityPath d = severity_path_from_measures(only, p);
  CHECK(d.values[2] == doctest::Approx(measured_severity(MeasureKind::displaced, 300.0, p)));
}

TEST_CASE("a crisis of measured values reads, and the world's path is the mapping of them") {
  const ScenarioDef def = read_scenario_text(with_crisis_tail(kMeasures), "t.toml", {});
  REQUIRE(def.crises[0].measures.size() == 2);
  CHECK(def.crises[0].severity.empty());
  CHECK(def.crises[0].measures[1].value == 30000.0);
  CHECK(def.crises[0].measures[1].source == "test");
  const World w = build_world(def);
  const Crisis& c = w.crises[0];
  REQUIRE(c.path_steps == std::vector<int>{1, 2, 3});
  const SeverityParams p;
  CHECK(c.path_values[0] == doctest::Approx(measured_severity(MeasureKind::displaced, 10000.0, p)));
  CHECK(c.path_values[1] == doctest::Approx(measured_severity(MeasureKind::displaced, 20000.0, p)));
  CHECK(c.path_values[2] == doctest::Approx(measured_severity(MeasureKind::displaced, 30000.0, p)));

  // [severity] changes the mapping for every crisis (calibration and sweeps may vary it).
  const ScenarioDef tuned =
      read_scenario_text(with_crisis_tail(kMeasures, "[severity]\ndisplaced_full = 30000\n"), "t.toml", {});
  CHECK(tuned.severity.displaced_full == 30000.0);
  CHECK(build_world(tuned).crises[0].path_values[2] == doctest::Approx(1.0));
}

TEST_CASE("the reader names the file's line and key for a bad measure") {
  SUBCASE("a 0-1 path and measures in one crisis") {
    const auto issues = issues_of(std::string(test::kLine) + kMeasures);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].key == "crisis[0].measure");
    CHECK(issues[0].line > 40);
    CHECK(issues[0].message.find("not both") != std::string::npos);
  }
  SUBCASE("an unknown kind") {
    const auto issues = issues_of(with_crisis_tail("  [[crisis.measure]]\n  at = 1\n  kind = \"refugees\"\n  value = 5\n  source = \"x\"\n"));
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].key == "crisis[0].measure[0].kind");
    CHECK(issues[0].line > 40);
    CHECK(issues[0].message.find("deaths, displaced, attacks") != std::string::npos);
  }
  SUBCASE("no source") {
    const auto issues = issues_of(with_crisis_tail("  [[crisis.measure]]\n  at = 1\n  kind = \"deaths\"\n  value = 5\n"));
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].key == "crisis[0].measure[0].source");
  }
  SUBCASE("a negative value") {
    const auto issues = issues_of(with_crisis_tail("  [[crisis.measure]]\n  at = 1\n  kind = \"deaths\"\n  value = -5\n  source = \"x\"\n"));
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].key == "crisis[0].measure[0].value");
  }
  SUBCASE("one kind's values out of order in time (other kinds may interleave)") {
    const std::string m = "  [[crisis.measure]]\n  at = 3\n  kind = \"deaths\"\n  value = 5\n  source = \"x\"\n"
                          "  [[crisis.measure]]\n  at = 1\n  kind = \"displaced\"\n  value = 5\n  source = \"x\"\n"
                          "  [[crisis.measure]]\n  at = 2\n  kind = \"deaths\"\n  value = 9\n  source = \"x\"\n";
    const auto issues = issues_of(with_crisis_tail(m));
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].key == "crisis[0].measure[2].at");
    CHECK(issues[0].message.find("increasing order") != std::string::npos);
  }
  SUBCASE("neither a path nor measures") {
    const auto issues = issues_of(with_crisis_tail(""));
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].key == "crisis[0].severity");
    CHECK(issues[0].message.find("[[crisis.measure]]") != std::string::npos);
  }
  SUBCASE("a misspelt [severity] key") {
    const auto misspelt = issues_of(with_crisis_tail(kMeasures, "[severity]\ndeath_full = 20\n"));
    REQUIRE(misspelt.size() == 1);
    CHECK(misspelt[0].key == "severity.death_full");
    CHECK(misspelt[0].line == 2);
  }
}

// One mapping for every crisis: the shipped scenarios and claims keep the
// declared defaults; only calibrations and sweeps (and a user's --set) may
// vary them.
TEST_CASE("no shipped scenario or claim tunes the severity mapping") {
  namespace fs = std::filesystem;
  const fs::path root = fs::path(ALLIANCE_SOURCE_DIR) / "scenarios";
  int scenarios = 0;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (entry.path().extension() != ".toml") continue;
    CAPTURE(entry.path().string());
    const ScenarioDef def = read_scenario_file(entry.path(), {"simulation.replicates=2"});
    CHECK(def.severity == SeverityParams{});
    ++scenarios;
  }
  CHECK(scenarios >= 6);
  for (const auto& entry : fs::directory_iterator(root / "claims")) {
    if (entry.path().extension() != ".toml") continue;
    CAPTURE(entry.path().string());
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    CHECK(text.str().find("severity.") == std::string::npos);
    CHECK(text.str().find("[severity]") == std::string::npos);
  }
}
