// Limits checked before a run starts, and the guard that keeps NaN and
// infinity out of every file.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <limits>

#include "io/cell.hpp"
#include "io/csv_recorder.hpp"
#include "runner/resource_limits.hpp"
#include "runner/run_scenario.hpp"
#include "support/scenarios.hpp"

using namespace alliance;
namespace fs = std::filesystem;

TEST_CASE("the output estimate is within 50% of what shipped scenarios write") {
  for (const char* file : {"teaching_triad.toml", "kosovo_1998.toml"}) {
    CAPTURE(file);
    const ScenarioDef def =
        read_scenario_file(fs::path(ALLIANCE_SOURCE_DIR) / "scenarios" / file, {"simulation.replicates=20"});
    const RunResult result = run_scenario(def, RunPlan{1});
    double written = 0.0;
    for (const auto& r : result.replicates)
      for (const auto& text : r.tables.text) written += static_cast<double>(text.size());
    const double estimate = static_cast<double>(estimated_output_bytes(def));
    CHECK(estimate > 0.5 * written);
    CHECK(estimate < 1.5 * written);
  }
}

TEST_CASE("a run over the output limit is refused, naming the limit and the option that raises it") {
  const ScenarioDef def = test::line_scenario({"simulation.replicates=1000"});
  CHECK_FALSE(check_resources(def, fs::temp_directory_path() / "x", ResourceLimits{8.0}));
  const auto refused = check_resources(def, fs::temp_directory_path() / "x", ResourceLimits{1e-6});
  REQUIRE(refused);
  CHECK(refused->message.find("--max-output-gb") != std::string::npos);
  CHECK(refused->message.find("1000 replicates") != std::string::npos);
  CHECK_FALSE(refused->machine);
}

TEST_CASE("the largest scenario the reader accepts is refused before it runs") {
  const ScenarioDef def = test::line_scenario({"simulation.replicates=100000", "simulation.steps=12000"});
  CHECK(estimated_output_bytes(def) > 100'000'000'000ULL);
  CHECK(check_resources(def, fs::temp_directory_path() / "x", ResourceLimits{}));
}

TEST_CASE("NaN and infinity never reach a file: writing one is an error") {
  fmt::memory_buffer out;
  append_number(out, 0.25);
  CHECK(fmt::to_string(out) == "0.25");
  CHECK_THROWS_AS(append_number(out, std::numeric_limits<double>::quiet_NaN()), NonFiniteOutput);
  CHECK_THROWS_AS(append_number(out, std::numeric_limits<double>::infinity()), NonFiniteOutput);
  CHECK_THROWS_AS(append_number(out, -std::numeric_limits<double>::infinity()), NonFiniteOutput);
}
