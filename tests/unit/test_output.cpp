#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/events.hpp"
#include "support/files.hpp"
#include "support/generated_docs.hpp"
#include "check/check_output.hpp"
#include "io/columns.hpp"
#include "io/output_directory.hpp"
#include "runner/run_scenario.hpp"
#include "support/scenarios.hpp"

using namespace alliance;
namespace fs = std::filesystem;
using alliance::test::slurp;

namespace {

std::size_t fields(const std::string& line) { return static_cast<std::size_t>(std::count(line.begin(), line.end(), ',')) + 1; }

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("alliance-test-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  return dir;
}

const char* kWithWave = R"(
[[event]]
at = 2
kind = "accession"
state = "DDD"
)";

// The README's reference of an output table, from its column declarations
// (sim/io/*_table.cpp); a '|' in a meaning is escaped, as a markdown table needs.
std::string column_table_markdown(const TableSpec& table) {
  std::string out = "| column | type | unit | meaning |\n|---|---|---|---|\n";
  for (const Column& c : table.columns) {
    std::string meaning;
    for (char ch : c.description) meaning += ch == '|' ? std::string("\\|") : std::string(1, ch);
    out += fmt::format("| `{}` | {} | {} | {} |\n", c.name, c.type, c.unit, meaning);
  }
  return out;
}

}  // namespace

TEST_CASE("README.md's reference of the run's tables is generated from their declarations") {
  // A scenario with one crisis ("test"), one accession wave and one aspirant
  // (DDD): summary.csv's groups per crisis, wave and aspirant are shown as
  // <crisis>_…, wave<k>_… and <aspirant>_….
  std::vector<TableSpec> tables =
      output_tables(read_scenario_text(test::with_event(kWithWave), "t.toml", {"alliance.aspirants=[\"DDD\"]"}));
  for (TableSpec& t : tables)
    for (Column& c : t.columns) {
      if (c.name.rfind("test_", 0) == 0) c.name = "<crisis>_" + c.name.substr(5);
      if (c.name.rfind("wave1_", 0) == 0) c.name = "wave<k>_" + c.name.substr(6);
      if (c.name.rfind("DDD_", 0) == 0) c.name = "<aspirant>_" + c.name.substr(4);
    }
  test::check_generated_file(
      "README.md",
      [&](std::string_view text) {
        return test::with_generated_blocks(text, "columns", [&](const std::string& file) {
          for (const TableSpec& t : tables)
            if (t.file == file) return column_table_markdown(t);
          throw std::runtime_error(fmt::format("a block names [{}], not an output table", file));
        });
      },
      "the column declarations (sim/io/*_table.cpp) and the event names (sim/core/events.hpp)", "test_output");
  // events.csv's `kind` lists the one event name table.
  const std::string kinds = fmt::format("| `kind` | string |  | {} |", fmt::join(kEventRecordNames, " \\| "));
  CHECK_MESSAGE(slurp(fs::path(ALLIANCE_SOURCE_DIR) / "README.md").find(kinds) != std::string::npos, kinds);
}

TEST_CASE("every row of every table has as many fields as its header") {
  const ScenarioDef def = read_scenario_text(test::with_event(kWithWave), "t.toml", {"simulation.replicates=3"});
  const RunResult result = run_scenario(def, RunPlan{1});
  const auto tables = output_tables(def);
  for (const auto& replicate : result.replicates) {
    for (std::size_t t = 0; t < tables.size(); ++t) {
      const std::size_t expected = tables[t].columns.size();
      std::istringstream lines(replicate.tables.text[t]);
      std::string line;
      int rows = 0;
      while (std::getline(lines, line)) {
        CHECK_MESSAGE(fields(line) == expected, tables[t].file, ": ", line);
        ++rows;
      }
      CHECK_MESSAGE(rows > 0, tables[t].file);
    }
  }
}

TEST_CASE("every summary cell has its column's declared type") {
  const ScenarioDef def = read_scenario_text(test::with_event(kWithWave), "t.toml", {"simulation.replicates=3"});
  const auto columns = summary_table_columns(def);
  for (const auto& replicate : run_scenario(def, RunPlan{1, TableSelection::summary_only()}).replicates) {
    const SummaryRow& row = replicate.summary;
    REQUIRE(row.size() == columns.size());
    for (std::size_t i = 0; i < row.size(); ++i) {
      CAPTURE(columns[i].name);
      CHECK(cell_fits(row[i], columns[i].type));
    }
  }
}

TEST_CASE("output bytes do not depend on the number of threads") {
  const ScenarioDef def = read_scenario_text(test::with_event(kWithWave), "t.toml", {"simulation.replicates=8"});
  const RunResult one = run_scenario(def, RunPlan{1});
  const RunResult two = run_scenario(def, RunPlan{2});
  for (std::size_t r = 0; r < one.replicates.size(); ++r) {
    CHECK(one.replicates[r].tables.text == two.replicates[r].tables.text);
  }
}

TEST_CASE("an output directory appears whole, replaces an earlier run, and spares foreign directories") {
  const ScenarioDef def = test::line_scenario();
  const RunResult result = run_scenario(def, RunPlan{1});
  const fs::path out = fresh_dir("atomic");
  write_run_output(out, def, result, "bytes", {});
  for (const char* f : {"steps.csv", "members.csv", "crises.csv", "votes.csv", "events.csv", "summary.csv", "run.json"})
    CHECK(fs::exists(out / f));
  const std::string first = slurp(out / "run.json");
  write_run_output(out, def, result, "other bytes", {});
  CHECK(slurp(out / "run.json") != first);
  // No staging directory is left beside it.
  for (const auto& entry : fs::directory_iterator(out.parent_path()))
    CHECK(entry.path().filename().string().find("." + out.filename().string() + ".tmp") == std::string::npos);

  const fs::path foreign = fresh_dir("foreign");
  fs::create_directories(foreign);
  std::ofstream(foreign / "thesis.tex") << "precious";
  CHECK_THROWS_AS(write_run_output(foreign, def, result, "b", {}), OutputPathError);
  CHECK(slurp(foreign / "thesis.tex") == "precious");
  fs::remove_all(out);
  fs::remove_all(foreign);
}

TEST_CASE("run.json names the scenario's hash and every replicate seed") {
  const ScenarioDef def = test::line_scenario({"simulation.replicates=2"});
  const RunResult result = run_scenario(def, RunPlan{1});
  const fs::path out = fresh_dir("meta");
  write_run_output(out, def, result, "abc", {"simulation.replicates=2"});
  const std::string json = slurp(out / "run.json");
  // SHA-256("abc")
  CHECK(json.find("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad") != std::string::npos);
  CHECK(json.find(std::to_string(result.seeds[1])) != std::string::npos);
  CHECK(json.find("\"hold_steepness\"") != std::string::npos);
  fs::remove_all(out);
}

TEST_CASE("alliance check's tables are documented in the README with their type and unit") {
  // The run's tables are generated into the README (above); alliance check's
  // tables are written by hand beside its prose, and checked here.
  const std::string readme = slurp(fs::path(ALLIANCE_SOURCE_DIR) / "README.md");
  for (const TableSpec& table : check_tables()) {
    CHECK_MESSAGE(readme.find("### `" + table.file + "`") != std::string::npos, table.file);
    for (const auto& column : table.columns) {
      const std::string row =
          "| `" + column.name + "` | " + column.type + " | " + column.unit + " | " + column.description + " |";
      CHECK_MESSAGE(readme.find(row) != std::string::npos, table.file, ": ", row);
    }
  }
}

TEST_CASE("--tables writes the chosen tables only, with the same summary as a full run") {
  std::string why;
  CHECK_FALSE(TableSelection::parse("steps,vote", why));
  CHECK(why.find("\"vote\"") != std::string::npos);
  const auto chosen = TableSelection::parse("votes", why);
  REQUIRE(chosen);
  CHECK(chosen->has(RunTable::summary));  // always
  CHECK_FALSE(chosen->has(RunTable::members));

  const ScenarioDef def = read_scenario_text(test::with_event(kWithWave), "t.toml", {"simulation.replicates=3"});
  const RunResult full = run_scenario(def, RunPlan{1});
  const RunResult some = run_scenario(def, RunPlan{1, *chosen});
  for (std::size_t r = 0; r < full.replicates.size(); ++r) {
    CHECK(some.replicates[r].tables[RunTable::summary] == full.replicates[r].tables[RunTable::summary]);
    CHECK(some.replicates[r].tables[RunTable::votes] == full.replicates[r].tables[RunTable::votes]);
    CHECK(some.replicates[r].tables[RunTable::members].empty());
  }
  const fs::path out = fresh_dir("tables");
  write_run_output(out, def, some, "bytes", {});
  CHECK(fs::exists(out / "summary.csv"));
  CHECK(fs::exists(out / "votes.csv"));
  CHECK_FALSE(fs::exists(out / "members.csv"));
  const std::string package = slurp(out / "datapackage.json");
  CHECK(package.find("\"votes.csv\"") != std::string::npos);
  CHECK(package.find("\"members.csv\"") == std::string::npos);
  fs::remove_all(out);
}
