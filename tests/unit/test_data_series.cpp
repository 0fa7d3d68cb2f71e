// [data]: states filled from annual tables (scenario/data_series.cpp).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/rng.hpp"
#include "engine/step.hpp"
#include "scenario/build_world.hpp"
#include "scenario/reader.hpp"

using namespace alliance;

namespace {

// A scratch folder holding a scenario and its tables; removed on scope exit.
struct Folder {
  std::filesystem::path path;
  Folder() {
    path = std::filesystem::temp_directory_path() /
           ("alliance_data_" + std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    std::filesystem::create_directories(path / "data");
  }
  ~Folder() { std::filesystem::remove_all(path); }
  void write(const std::string& name, const std::string& text) const { std::ofstream(path / name) << text; }
  ScenarioDef read(const std::string& scenario, const std::vector<std::string>& overrides = {}) const {
    write("s.toml", scenario);
    return read_scenario_file(path / "s.toml", overrides);
  }
};

const char* kSeries =
    "code,year,gdp,milex,defence_share,milper,polyarchy,adversary_pledges,adversary_rivalry\n"
    "AAA,1999,100,,0.02,,0.9,1,0\n"
    "AAA,2000,110,,0.03,,0.8,1,0\n"
    "AAA,2001,120,,,,0.7,1,0\n"
    "BBB,2000,50,,0.01,,0.6,3,0\n"
    "BBB,2001,55,,0.015,,0.65,3,0\n"
    "CCC,2001,20,,0.05,,0.5,4,1\n";

const char* kCapitals =
    "code,ccode,capital,latitude,longitude,valid_from,valid_to\n"
    "AAA,1,Aville,10,20,1900-01-01,2024-12-31\n"
    "BBB,2,Bville,11,21,1900-01-01,2024-12-31\n"
    "CCC,3,Cville,12,22,2001-06-01,2024-12-31\n";

std::string scenario(const std::string& extra_state_keys = "", const std::string& data_extra = "") {
  return R"(
[simulation]
steps = 30
start = "2000-03"

[data]
series = "data/series.csv"
capitals = "data/capitals.csv"
)" + data_extra + R"(

[[state]]
code = "AAA"
)" + extra_state_keys + R"(

[[state]]
code = "BBB"

[[state]]
code = "CCC"

[alliance]
members = ["AAA", "BBB"]

[adversary]
capability = 10
latitude = 0
longitude = 0
)";
}

const StateDef& state(const ScenarioDef& def, const std::string& code) {
  for (const auto& s : def.states)
    if (s.code == code) return s;
  FAIL("no state " << code);
  return def.states.front();
}

}  // namespace

TEST_CASE("a state's omitted keys come from the tables at the start, and its given keys win") {
  Folder f;
  f.write("data/series.csv", kSeries);
  f.write("data/capitals.csv", kCapitals);
  const ScenarioDef def = f.read(scenario("gdp = 999.0\ndemocracy = 0.55"));
  const StateDef& a = state(def, "AAA");
  CHECK(a.gdp == 999.0);             // given
  CHECK(a.democracy == 0.55);        // given
  CHECK(a.defence_share == 0.03);    // the start year, 2000
  CHECK(a.position.latitude == 10.0);
  CHECK(a.democracy_baseline == 0.7);  // the last value within the run (2001)
  CHECK(a.capability == doctest::Approx(10.0 * 999.0 * 0.03));
  const StateDef& c = state(def, "CCC");  // its series begins after the start: its first values
  CHECK(c.gdp == 20.0);
  CHECK(c.defence_share == 0.05);
  CHECK(c.position.latitude == 12.0);
  REQUIRE(def.data.files.size() == 2);
}

TEST_CASE("each January brings the year's values as economy events, before the file's own") {
  Folder f;
  f.write("data/series.csv", kSeries);
  f.write("data/capitals.csv", kCapitals);
  const ScenarioDef def = f.read(scenario() + R"(
[[event]]
at = "2001-01"
kind = "economy"
state = "BBB"
gdp = 77.0
)");
  // Start 2000-03, monthly: January 2001 is step 10; January 2002 (step 22)
  // has no row, so nothing.
  std::vector<const EventDef*> at10;
  for (const auto& e : def.events) {
    CHECK(e.step == 10);
    at10.push_back(&e);
  }
  REQUIRE(at10.size() == 4);  // AAA, BBB, CCC from the data, then the file's
  CHECK(at10[0]->state == "AAA");
  CHECK(at10[0]->gdp == 120.0);
  CHECK(at10[0]->defence_share < 0.0);  // missing in 2001: unchanged
  CHECK(at10[3]->from_data == false);
  CHECK(at10[3]->gdp == 77.0);
  // And the world applies them: the file's GDP wins for BBB.
  World w = build_world(def);
  Rng rng(1);
  for (int t = 0; t <= 10; ++t) {
    w.step = t;
    step(w, rng);
  }
  CHECK(w.states[1].gdp == 77.0);
  CHECK(w.states[1].defence_share == 0.015);
  CHECK(w.states[0].gdp == 120.0);
  CHECK(w.states[2].democracy == 0.5);  // outside the alliance: its democracy follows the data
}

TEST_CASE("affinity from ATOP: pledges beyond the founders' floor, none while rivals, replacing the file's") {
  Folder f;
  f.write("data/series.csv", kSeries);
  f.write("data/capitals.csv", kCapitals);
  const ScenarioDef def = f.read(scenario("adversary_affinity = 0.9", "affinity = \"atop_pledges\""));
  CHECK(state(def, "AAA").adversary_affinity == 0.0);  // the floor (1 pledge) itself
  CHECK(state(def, "BBB").adversary_affinity == doctest::Approx(0.4));  // 3 - 1 of 5
  CHECK(state(def, "CCC").adversary_affinity == 0.0);  // a rival
  const ScenarioDef judged = f.read(scenario("adversary_affinity = 0.9"));
  CHECK(state(judged, "AAA").adversary_affinity == 0.9);
}

TEST_CASE("what the tables lack, or cannot give, is an error naming the state, the file and the line") {
  Folder f;
  f.write("data/capitals.csv", kCapitals);
  auto message = [&](const std::string& series, const std::string& text) {
    f.write("data/series.csv", series);
    try {
      f.read(text);
    } catch (const InputError& e) {
      std::string all;
      for (const auto& issue : e.issues()) all += issue.to_string() + "\n";
      return all;
    }
    return std::string("no error");
  };
  // A state the series does not have.
  std::string m = message("code,year,gdp,defence_share\nAAA,2000,1,0.01\nBBB,2000,1,0.01\n", scenario());
  CHECK(m.find("state[2].gdp") != std::string::npos);
  CHECK(m.find("CCC") != std::string::npos);
  // A malformed number, a share above 1, a missing column: file and line.
  m = message("code,year,gdp,defence_share\nAAA,2000,x,0.01\n", scenario());
  CHECK(m.find("series.csv:2:3") != std::string::npos);
  m = message("code,year,gdp,defence_share\nAAA,2000,1,1.5\n", scenario());
  CHECK(m.find("series.csv:2:4") != std::string::npos);
  m = message("code,year,gdp\nAAA,2000,1\n", scenario());
  CHECK(m.find("defence_share") != std::string::npos);
  m = message("code,year,gdp,defence_share\nAAA,2000,1\n", scenario());
  CHECK(m.find("series.csv:2") != std::string::npos);
  // A table that is not there.
  m = message(kSeries, scenario() + "\n");
  CHECK(m == "no error");
  std::filesystem::remove(f.path / "data" / "series.csv");
  try {
    f.read(scenario());
    FAIL("expected an error");
  } catch (const InputError& e) {
    CHECK(e.issues().front().to_string().find("series.csv") != std::string::npos);
  }
}

TEST_CASE("the NATO scenario: in December 2020 every member spends what the data record for 2020, none zero") {
  const ScenarioDef def = read_scenario_file(std::filesystem::path(ALLIANCE_SOURCE_DIR) / "scenarios/nato_1949_2020.toml",
                                             {"simulation.replicates=1"});
  World w = build_world(def);
  Rng rng(def.simulation.seed);
  for (int t = 0; t < def.simulation.steps; ++t) {
    w.step = t;
    step(w, rng);
  }
  // The 2020 row of each member in the committed table, read independently.
  std::ifstream table(std::filesystem::path(ALLIANCE_SOURCE_DIR) / "scenarios/data/series_annual.csv");
  std::map<std::string, double> share_2020;
  for (std::string line; std::getline(table, line);) {
    std::vector<std::string> f;
    std::stringstream fields(line);
    for (std::string cell; std::getline(fields, cell, ',');) f.push_back(cell);
    if (f.size() >= 5 && f[1] == "2020" && !f[4].empty()) share_2020[f[0]] = std::stod(f[4]);
  }
  int members = 0;
  for (StateId m : w.members()) {
    const State& s = w.states[m.value];
    CAPTURE(s.code);
    REQUIRE(share_2020.count(s.code) == 1);
    CHECK(s.spending > 0.0);
    CHECK(s.spending / s.gdp == doctest::Approx(share_2020[s.code]).epsilon(1e-9));
    CHECK(s.security_weight >= s.defence_share);
    ++members;
  }
  CHECK(members == 30);
}

TEST_CASE("the NATO scenario's rivalries come from Thompson and Dreyer, ongoing where the data end") {
  const ScenarioDef def = read_scenario_file(std::filesystem::path(ALLIANCE_SOURCE_DIR) / "scenarios/nato_1949_2020.toml",
                                             {"simulation.replicates=1"});
  std::map<std::string, const RivalryDef*> by_pair;
  for (const RivalryDef& r : def.rivalries) {
    CHECK(r.from_data);
    CHECK(r.source.find("Thompson and Dreyer (2012)") != std::string::npos);
    by_pair[r.a + "-" + r.b] = &r;
  }
  // Both sides states of the scenario and running in 1949-2020 (Hungary-Romania ended 1948; Russia is the adversary).
  CHECK(by_pair.size() == 4);
  REQUIRE(by_pair.count("GRC-TUR") == 1);
  CHECK(by_pair["GRC-TUR"]->since == 1955);
  CHECK(by_pair["GRC-TUR"]->until == 0);  // 2010 is where the data end
  REQUIRE(by_pair.count("FRA-DEU") == 1);
  CHECK(by_pair["FRA-DEU"]->until == 1955);
  CHECK(by_pair.count("ALB-GRC") == 1);
  CHECK(by_pair.count("BGR-TUR") == 1);
  // On the graph, with their steps: Greece-Turkey from January 1955 (step 69 of a run from April 1949).
  const World w = build_world(def);
  bool found = false;
  for (const Rivalry& r : w.cache.rivalries)
    if (w.states[r.a.value].code == "GRC" && w.states[r.b.value].code == "TUR") {
      found = true;
      CHECK(r.first_step == 69);
      CHECK(r.last_step == kForever);
    }
  CHECK(found);
}

TEST_CASE("a rivalry the file declares wins over the data's for the same pair") {
  const ScenarioDef def = read_scenario_file(std::filesystem::path(ALLIANCE_SOURCE_DIR) / "scenarios/nato_1949_2020.toml",
                                             {"simulation.replicates=1", "rivalry=[{a=\"TUR\", b=\"GRC\", since=1974, source=\"Cyprus\"}]"});
  int greece_turkey = 0;
  for (const RivalryDef& r : def.rivalries)
    if ((r.a == "GRC" && r.b == "TUR") || (r.a == "TUR" && r.b == "GRC")) {
      ++greece_turkey;
      CHECK(r.since == 1974);
      CHECK_FALSE(r.from_data);
    }
  CHECK(greece_turkey == 1);
}
