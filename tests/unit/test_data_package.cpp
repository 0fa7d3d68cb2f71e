// datapackage.json must describe exactly what the program writes: one
// resource per CSV, its fields in header order, and every value of the
// right type and within its constraints.
#include <doctest/doctest.h>

#include <charconv>
#include <filesystem>
#include <regex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/files.hpp"
#include "runner/run_scenario.hpp"
#include "io/data_package.hpp"
#include "scenario/reader.hpp"
#include "support/scenarios.hpp"

using namespace alliance;
namespace fs = std::filesystem;
using alliance::test::slurp;
using nlohmann::json;

namespace {

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, ',')) out.push_back(cell);
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

bool conforms(const json& f, const std::string& v) {
  if (v.empty()) return true;  // missingValues: [""]
  const std::string type = f["type"];
  double number = 0.0;
  if (type == "integer") {
    long long i = 0;
    const auto r = std::from_chars(v.data(), v.data() + v.size(), i);
    if (r.ec != std::errc() || r.ptr != v.data() + v.size()) return false;
    number = static_cast<double>(i);
  } else if (type == "number") {
    const auto r = std::from_chars(v.data(), v.data() + v.size(), number);
    if (r.ec != std::errc() || r.ptr != v.data() + v.size()) return false;
  } else if (type == "boolean") {
    return v == f["trueValues"][0] || v == f["falseValues"][0];
  } else if (type == "yearmonth") {
    return std::regex_match(v, std::regex("[0-9]{4}-(0[1-9]|1[0-2])"));
  } else if (type == "string") {
    if (f.contains("constraints") && f["constraints"].contains("pattern"))
      return std::regex_match(v, std::regex(f["constraints"]["pattern"].get<std::string>()));
    return true;
  } else {
    return false;
  }
  if (f.contains("constraints")) {
    const auto& c = f["constraints"];
    if (c.contains("minimum") && number < c["minimum"].get<double>()) return false;
    if (c.contains("maximum") && number > c["maximum"].get<double>()) return false;
  }
  return true;
}

void check_package(const fs::path& out) {
  const json package = json::parse(slurp(out / "datapackage.json"));
  CHECK(package["profile"] == "tabular-data-package");
  std::set<std::string> described;
  for (const auto& resource : package["resources"]) {
    const std::string path = resource["path"];
    described.insert(path);
    CAPTURE(path);
    REQUIRE(fs::exists(out / path));
    std::istringstream lines(slurp(out / path));
    std::string line;
    REQUIRE(std::getline(lines, line));
    const auto& fields = resource["schema"]["fields"];
    std::vector<std::string> names;
    for (const auto& f : fields) names.push_back(f["name"]);
    CHECK(split(line) == names);
    for (const auto& key : resource["schema"].value("primaryKey", json::array()))
      CHECK(std::find(names.begin(), names.end(), key.get<std::string>()) != names.end());
    int rows = 0;
    while (std::getline(lines, line)) {
      const auto cells = split(line);
      REQUIRE(cells.size() == names.size());
      for (std::size_t k = 0; k < cells.size(); ++k)
        CHECK_MESSAGE(conforms(fields[k], cells[k]), path, ": ", names[k], " = '", cells[k], "'");
      ++rows;
    }
    CHECK(rows > 0);
  }
  for (const auto& entry : fs::directory_iterator(out))
    if (entry.path().extension() == ".csv")
      CHECK_MESSAGE(described.count(entry.path().filename().string()) == 1, entry.path());
}

void run_and_check(const ScenarioDef& def, const std::string& name) {
  const RunResult result = run_scenario(def, RunPlan{1});
  const fs::path out = fs::temp_directory_path() / ("alliance-test-dp-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(out);
  write_run_output(out, def, result, "bytes", {});
  check_package(out);
  fs::remove_all(out);
}

}  // namespace

TEST_CASE("the data package describes every file written for the test scenario") {
  run_and_check(read_scenario_text(test::with_event(R"(
[[event]]
at = 2
kind = "accession"
state = "DDD"
)"), "t.toml", {"simulation.replicates=3"}), "line");
}

TEST_CASE("the data package describes every file written for each shipped scenario") {
  for (const char* file : {"teaching_triad.toml", "kosovo_1998.toml", "reference.toml"}) {
    CAPTURE(file);
    const ScenarioDef def =
        read_scenario_file(fs::path(ALLIANCE_SOURCE_DIR) / "scenarios" / file, {"simulation.replicates=2"});
    run_and_check(def, file);
  }
}

TEST_CASE("the package name is lower case and safe") {
  const ScenarioDef def = read_scenario_text(test::with_event(""), "Some Dir/My Scenario.v2.toml");
  const json package = json::parse(data_package_json(def, RunProvenance{"Some Dir/My Scenario.v2.toml", "x", {}, {}}));
  CHECK(package["name"] == "alliance-run-my-scenario.v2");
}
