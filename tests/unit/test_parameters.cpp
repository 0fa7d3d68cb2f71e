// The parameter declarations (core/parameter.hpp) and everything generated
// from them: the reader, --set, run.json's echo and the world.
#include <doctest/doctest.h>

#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "io/run_metadata.hpp"
#include "scenario/parameters.hpp"
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

std::string set_path(const ParameterSection& s, const ParamInfo& p) {
  return fmt::format("{}{}.{}", s.path, s.array ? ".0" : "", p.key);
}

nlohmann::json::json_pointer echo_pointer(const ParameterSection& s, const ParamInfo& p) {
  std::string pointer = "/parameters/";
  for (char c : s.path) pointer += c == '.' ? '/' : c;
  return nlohmann::json::json_pointer(fmt::format("{}{}/{}", pointer, s.array ? "/0" : "", p.key));
}

}  // namespace

TEST_CASE("every declared parameter is read, can be --set and is echoed in run.json under its key") {
  int count = 0;
  for (const ParameterSection& s : parameter_sections()) {
    for (const ParameterEntry& e : s.entries) {
      const std::string path = set_path(s, e.info);
      CAPTURE(path);
      const Probe probe = accepted(e);
      const ScenarioDef def = test::line_scenario({path + "=" + probe.literal});
      const auto echo = nlohmann::json::parse(run_metadata_json(def, {}));
      REQUIRE(echo.contains(echo_pointer(s, e.info)));
      const nlohmann::json& value = echo.at(echo_pointer(s, e.info));
      if (probe.expected.is_number()) CHECK(value.get<double>() == probe.expected.get<double>());
      else CHECK(value == probe.expected);
      ++count;
    }
  }
  CHECK(count >= 40);
}

TEST_CASE("the world holds each mechanism's parameters whole, as the scenario gave them") {
  const ScenarioDef def = test::line_scenario({"alliance.credibility.tripwire_scale=2.5", "alliance.burden.spillover=0.2",
                                               "alliance.democracy.drift=0.4", "alliance.enlargement.cost=1.5",
                                               "alliance.socialisation=0.3", "adversary.build_rate=0.7",
                                               "crisis.test.escalation_sd=0.2"});
  const World w = build_world(def);
  CHECK(w.credibility_params == def.alliance.credibility);
  CHECK(w.burden == def.alliance.burden);
  CHECK(w.democracy_params == def.alliance.democracy);
  CHECK(w.enlargement == def.alliance.enlargement);
  CHECK(w.alliance == def.alliance.params);
  CHECK(w.adversary.params == def.adversary.params);
  CHECK(w.crises[0].params == def.crises[0].params);
  CHECK(w.credibility_params.tripwire_scale == 2.5);
  CHECK(w.adversary.params.build_rate == 0.7);
}
