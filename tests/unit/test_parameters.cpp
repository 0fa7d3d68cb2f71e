// The parameter declarations (core/parameter.hpp) and everything generated
// from them: the reader, --set, run.json's echo, the world and the key
// tables of scenarios/README.md and the parameter tables of sim/MODEL.md.
#include <doctest/doctest.h>

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "io/run_metadata.hpp"
#include "scenario/parameters.hpp"
#include "support/generated_docs.hpp"
#include "support/scenarios.hpp"

using namespace alliance;

namespace {

struct Probe {
  std::string literal;  // TOML text for --set
  nlohmann::json expected;
};

// A value the declaration accepts that differs from the default.
Probe accepted(const ParameterEntry& e) {
  const ParamInfo& p = e.info;
  switch (p.kind) {
    case ParamKind::number: {
      const Range r = p.range;
      double v = r.hi < kNoUpperLimit ? r.lo + 0.37 * (r.hi - r.lo) : r.lo + 1.37;
      if (fmt::format("{}", v) == e.fallback) v = r.hi < kNoUpperLimit ? r.lo + 0.61 * (r.hi - r.lo) : r.lo + 2.61;
      return {fmt::format("{}", v), v};
    }
    case ParamKind::integer: {
      const long long v = std::stoll(e.fallback) + 1;
      return {fmt::format("{}", v), v};
    }
    case ParamKind::boolean: return e.fallback == "true" ? Probe{"false", false} : Probe{"true", true};
    case ParamKind::step_unit: return {"\"quarter\"", "quarter"};
    case ParamKind::month: return {"\"2001-03\"", "2001-03"};
  }
  return {};
}

// A value of the right shape that the declaration refuses.
std::string refused(const ParamInfo& p) {
  switch (p.kind) {
    case ParamKind::number:
      if (p.range.hi < kNoUpperLimit) return fmt::format("{}", p.range.hi + 1.0);
      return fmt::format("{}", p.range.lo_open ? p.range.lo : p.range.lo - 1.0);
    case ParamKind::integer:
      return fmt::format("{}", p.max < std::numeric_limits<long long>::max() ? p.max + 1 : p.min - 1);
    case ParamKind::boolean: return "\"yes\"";
    case ParamKind::step_unit: return "\"week\"";
    case ParamKind::month: return "\"2001-13\"";
  }
  return "";
}

std::string set_path(const ParameterSection& s, const ParamInfo& p) {
  return fmt::format("{}{}.{}", s.path, s.array ? ".0" : "", p.key);
}

// `text` with each "parameters" block (support/generated_docs.hpp) written
// from the declarations of the section it names; when `every_section`, a
// section without a block is an error too (scenarios/README.md documents
// them all; sim/MODEL.md those of the mechanisms).
std::string with_generated_key_tables(std::string_view text, bool every_section = true) {
  std::vector<std::string> seen;
  const std::string out = test::with_generated_blocks(
      text, "parameters",
      [](const std::string& path) {
        for (const ParameterSection& s : parameter_sections())
          if (s.path == path) return parameter_table_markdown(s);
        throw std::runtime_error(fmt::format("a block names [{}], which declares no parameters", path));
      },
      &seen);
  if (every_section)
    for (const ParameterSection& s : parameter_sections())
      if (std::find(seen.begin(), seen.end(), s.path) == seen.end())
        throw std::runtime_error(fmt::format(
            "no block for [{}]: add the lines <!-- BEGIN parameters {} -->\n<!-- END parameters -->", s.path, s.path));
  return out;
}

nlohmann::json::json_pointer echo_pointer(const ParameterSection& s, const ParamInfo& p) {
  std::string pointer = "/parameters/";
  for (char c : s.path) pointer += c == '.' ? '/' : c;
  return nlohmann::json::json_pointer(fmt::format("{}{}/{}", pointer, s.array ? "/0" : "", p.key));
}

}  // namespace

TEST_CASE("every declared parameter is read, --set, range-checked and echoed in run.json under its key") {
  int count = 0;
  for (const ParameterSection& s : parameter_sections()) {
    for (const ParameterEntry& e : s.entries) {
      const std::string path = set_path(s, e.info);
      CAPTURE(path);
      CHECK(find_parameter(s.path + "." + std::string(e.info.key)) == &e.info);
      const Probe probe = accepted(e);
      const ScenarioDef def = test::line_scenario({path + "=" + probe.literal});
      const auto echo = nlohmann::json::parse(run_metadata_json(def, {}));
      REQUIRE(echo.contains(echo_pointer(s, e.info)));
      const nlohmann::json& value = echo.at(echo_pointer(s, e.info));
      if (probe.expected.is_number()) CHECK(value.get<double>() == probe.expected.get<double>());
      else CHECK(value == probe.expected);

      const std::string bad = path + "=" + refused(e.info);
      try {
        test::line_scenario({bad});
        FAIL("accepted --set " << bad);
      } catch (const InputError& error) {
        REQUIRE(error.issues().size() == 1);
        CHECK(error.issues()[0].key == "--set " + bad);
        CHECK(error.issues()[0].message.starts_with("expected "));
      }
      ++count;
    }
  }
  CHECK(count >= 40);
}

TEST_CASE("a --set of a declared parameter gets the reader's message, naming the --set") {
  try {
    test::line_scenario({"alliance.credibility.reinforcement=abc"});
    FAIL("a string was accepted as a number");
  } catch (const InputError& e) {
    REQUIRE(e.issues().size() == 1);
    CHECK(e.issues()[0].to_string() ==
          "line.toml: error: --set alliance.credibility.reinforcement=abc: expected a number in [0, 1], got a string");
  }
  try {
    test::line_scenario({"simulation.steps=20000"});
    FAIL("20000 steps were accepted");
  } catch (const InputError& e) {
    REQUIRE(e.issues().size() == 1);
    CHECK(e.issues()[0].message.find("expected an integer in [1, 12000], got 20000 (the limit is 1000 years") == 0);
  }
  CHECK(find_parameter("crisis.perception_noise") != nullptr);
  CHECK(find_parameter("alliance.rule") == nullptr);  // not a scalar parameter: the reader checks it
  CHECK(find_parameter("alliance.credibility") == nullptr);
}

TEST_CASE("the world holds each mechanism's parameters whole, as the scenario gave them") {
  const ScenarioDef def = test::line_scenario({"alliance.credibility.tripwire_scale=2.5", "alliance.burden.spillover=0.2",
                                               "alliance.democracy.drift=0.4", "alliance.enlargement.cost=1.5",
                                               "alliance.socialisation=0.3", "adversary.build_rate=0.7",
                                               "crisis.test.escalation_sd=0.2"});
  const World w = build_world(def);
  CHECK(w.params.credibility == def.alliance.credibility);
  CHECK(w.params.burden == def.alliance.burden);
  CHECK(w.params.democracy == def.alliance.democracy);
  CHECK(w.params.enlargement == def.alliance.enlargement);
  CHECK(w.params.alliance == def.alliance.params);
  CHECK(w.adversary.params == def.adversary.params);
  CHECK(w.crises[0].params == def.crises[0].params);
  CHECK(w.params.credibility.tripwire_scale == 2.5);
  CHECK(w.adversary.params.build_rate == 0.7);
}

TEST_CASE("types and defaults are described as the README shows them") {
  const ParamInfo* steps = find_parameter("simulation.steps");
  REQUIRE(steps);
  CHECK(describe_type(*steps) == "integer 1..12000");
  CHECK(describe_type(*find_parameter("simulation.seed")) == "integer ≥ 0");
  CHECK(describe_type(*find_parameter("alliance.credibility.hold_steepness")) == "number in (0, 100]");
  CHECK(describe_type(*find_parameter("adversary.reach_km")) == "number > 0");
  CHECK(describe_type(*find_parameter("alliance.accession_capability")) == "number ≥ 0");
  const std::string table = parameter_table_markdown(parameter_sections().front());
  CHECK(table.find("| `steps` | integer 1..12000 | 12 | steps to run |") != std::string::npos);
  CHECK(table.find("| `start` | `\"YYYY-MM\"` | `\"2000-01\"` |") != std::string::npos);
}

TEST_CASE("scenarios/README.md's key tables and sim/MODEL.md's parameter tables are generated from the declarations") {
  const char* from = "the parameter declarations (sim/mechanisms/*_params.hpp, sim/scenario/scenario_def.hpp)";
  test::check_generated_file(
      "scenarios/README.md", [](std::string_view text) { return with_generated_key_tables(text); }, from,
      "test_parameters");
  test::check_generated_file(
      "sim/MODEL.md", [](std::string_view text) { return with_generated_key_tables(text, false); }, from,
      "test_parameters");
}

TEST_CASE("a generated block must name a declared table, be closed, and every table needs one") {
  std::string blocks;
  for (const ParameterSection& s : parameter_sections())
    blocks += fmt::format("<!-- BEGIN parameters {} -->\n<!-- END parameters -->\n", s.path);
  const std::string filled = with_generated_key_tables("# Keys\n" + blocks);
  CHECK(filled.find("| `hold_steepness` |") != std::string::npos);
  CHECK(with_generated_key_tables(filled) == filled);
  CHECK_THROWS_WITH_AS(with_generated_key_tables(blocks + "<!-- BEGIN parameters alliance.nope -->\n"),
                       doctest::Contains("declares no parameters"), std::runtime_error);
  CHECK_THROWS_WITH_AS(with_generated_key_tables("<!-- BEGIN parameters simulation -->\n"),
                       doctest::Contains("not closed"), std::runtime_error);
  CHECK_THROWS_WITH_AS(with_generated_key_tables("# Keys\n"), doctest::Contains("no block for [simulation]"),
                       std::runtime_error);
  CHECK_THROWS_WITH_AS(with_generated_key_tables(blocks + blocks), doctest::Contains("[simulation] has two blocks"),
                       std::runtime_error);
  CHECK(with_generated_key_tables("# Model\n", false) == "# Model\n");  // sim/MODEL.md: the mechanisms' only
}
