// Limits checked before a run starts, the guard that keeps NaN and
// infinity out of every file, and how numbers are written.
#include <doctest/doctest.h>

#include <bit>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <limits>
#include <random>
#include <string_view>
#include <vector>

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

TEST_CASE("numbers are written byte for byte as printf's %.8g, by the fast route as by the exact one") {
  // write_number takes the shortest round-trip digits where they decide the
  // rounding (issue 19); std::to_chars with a precision is printf's
  // conversion. Random doubles of every magnitude, values near rounding
  // midpoints of the 8th and 9th digit, subnormals and the edges of %g's
  // switch to exponents.
  std::mt19937_64 bits(19);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<double> values{0.5, 1.0, 1e-5, 1e-4, 9.99999995e-5, 9.999999949e-5, 99999999.5, 99999999.4,
                             999999995.0, 12345678.5, 1e8, 1e7, 123456785.0, 0.000123456785, 1e300, 1e-300,
                             5e-324, 2.5e-310, std::numeric_limits<double>::max(), 0.1, 100.0, 123456789.0};
  for (int i = 0; i < 300000; ++i) {
    const double scale = std::pow(10.0, static_cast<int>(bits() % 40) - 20);
    switch (i % 5) {
      case 0: values.push_back(unit(bits) * scale); break;
      case 1: values.push_back(std::bit_cast<double>(bits() >> 1)); break;  // any finite or not: filtered below
      case 2: values.push_back((std::floor(unit(bits) * 1e8) + 0.5) * scale); break;   // 9th digit 5
      case 3: values.push_back((std::round(unit(bits) * 1e9) + 0.5) / 1e9 * scale); break;
      default: values.push_back(std::nextafter((std::floor(unit(bits) * 1e8) + 0.5) * scale, 0.0));
    }
  }
  int differ = 0;
  for (double v : values) {
    for (double x : {v, -v}) {
      if (!std::isfinite(x) || x == 0.0) continue;
      char fast[kNumberTextMax], exact[kNumberTextMax];
      const std::string_view a(fast, static_cast<std::size_t>(write_number(fast, x) - fast));
      const std::string_view b(
          exact, static_cast<std::size_t>(std::to_chars(exact, exact + sizeof exact, x, std::chars_format::general, 8).ptr - exact));
      if (a != b && ++differ < 5) FAIL_CHECK(fmt::format("{:.17g}: {} but printf gives {}", x, a, b));
    }
  }
  CHECK(differ == 0);
  char text[kNumberTextMax];
  CHECK(std::string_view(text, static_cast<std::size_t>(write_number(text, -0.0) - text)) == "0");
}

TEST_CASE("a remembered number is copied only when it is the very same number") {
  NumberMemo memo;
  fmt::memory_buffer out;
  Cell(0.1).append_to(out, memo);
  out.push_back(',');
  Cell(0.1).append_to(out, memo);
  out.push_back(',');
  Cell(0.30000000000000004).append_to(out, memo);
  out.push_back(',');
  Cell(-0.0).append_to(out, memo);
  out.push_back(',');
  Cell(7).append_to(out, memo);
  out.push_back(',');
  Cell().append_to(out, memo);
  CHECK(fmt::to_string(out) == "0.1,0.1,0.3,0,7,");
  CHECK_THROWS_AS(Cell(std::numeric_limits<double>::quiet_NaN()).append_to(out, memo), NonFiniteOutput);
}
