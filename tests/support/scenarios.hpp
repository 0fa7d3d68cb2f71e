#pragma once
// Small scenarios for tests, as TOML text, varied with --set style overrides.
#include <string>
#include <vector>

#include "core/rng.hpp"
#include "state/world.hpp"
#include "engine/step.hpp"
#include "scenario/build_world.hpp"
#include "scenario/reader.hpp"

namespace alliance::test {

// Four states in a line west to east, the adversary beyond the east end;
// A, B, C are members; D (closest to the adversary) is not. One crisis.
inline const char* kLine = R"(
[simulation]
steps = 6
seed = 7

[[state]]
code = "AAA"
gdp = 1000.0
capability = 300.0
latitude = 50.0
longitude = 0.0
nuclear = true

[[state]]
code = "BBB"
gdp = 500.0
capability = 150.0
latitude = 50.0
longitude = 8.0

[[state]]
code = "CCC"
gdp = 300.0
capability = 90.0
latitude = 50.0
longitude = 15.0

[[state]]
code = "DDD"
gdp = 100.0
capability = 20.0
latitude = 50.0
longitude = 24.0

[alliance]
members = ["AAA", "BBB", "CCC"]
rule = "consensus"
directorate = ["AAA", "BBB"]

[adversary]
capability = 400.0
latitude = 52.0
longitude = 35.0

[[crisis]]
id = "test"
latitude = 45.0
longitude = 20.0
  [[crisis.severity]]
  at = 0
  value = 0.5
  [[crisis.severity]]
  at = 5
  value = 1.5
)";

inline ScenarioDef line_scenario(const std::vector<std::string>& overrides = {}) {
  return read_scenario_text(kLine, "line.toml", overrides);
}

inline std::string with_event(const std::string& event_toml) { return std::string(kLine) + event_toml; }

inline StateId id(const World& w, const std::string& code) {
  for (std::size_t i = 0; i < w.states.size(); ++i)
    if (w.states[i].code == code) return StateId{static_cast<std::uint32_t>(i)};
  throw std::runtime_error("no state " + code);
}

// The world after `steps` steps of `def`, drawing from a generator seeded with
// `seed`: the engine's own loop (run_replicate), with no observers.
inline World after_steps(const ScenarioDef& def, int steps, std::uint64_t seed) {
  Rng rng(seed);
  return run_replicate(build_world(def), steps, rng, {});
}

}  // namespace alliance::test
