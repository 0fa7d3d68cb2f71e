#pragma once
// What each fuzz target does with one input, shared by the libFuzzer
// entry points (fuzz_*.cpp, built with -DALLIANCE_FUZZ=ON and clang) and by
// the regression test that replays the seed and regression corpora in the
// normal test suite (test_fuzz_corpus.cpp). An input may be rejected as
// bad input (InputError); anything else escaping is a finding.
#include <algorithm>
#include <array>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "check/claim_reader.hpp"
#include "core/rng.hpp"
#include "engine/step.hpp"
#include "io/csv_recorder.hpp"
#include "runner/run_scenario.hpp"
#include "scenario/build_world.hpp"
#include "scenario/input_error.hpp"
#include "scenario/reader.hpp"
#include "sweep/design.hpp"
#include "sweep/sweep_reader.hpp"

namespace alliance::fuzz {

// A scenario the reader accepts must also build, run and record a few steps
// without a fault (NaN reaching a file throws NonFiniteOutput: a finding).
inline void run_briefly(const ScenarioDef& def) {
  const World world = build_world(def);
  const RecordingContext context = RecordingContext::from(def);
  ScenarioDef brief = def;  // the same world, run for 4 steps at most
  brief.simulation.steps = std::min(def.simulation.steps, 4);
  run_one_replicate(brief, world, context, 0, replicate_seed(def.simulation.seed, 0), TableSelection::all());
}

// Target `scenario`: the bytes are a scenario file.
inline void scenario_input(std::string_view bytes) {
  try {
    run_briefly(read_scenario_text(bytes, "fuzz.toml"));
  } catch (const InputError&) {
    // Rejected with a message: what bad input must get.
  }
}

// Target `overrides`: each line of the bytes is one `--set` applied to a
// valid base scenario.
inline void overrides_input(std::string_view base_scenario, std::string_view bytes) {
  std::vector<std::string> overrides;
  std::istringstream lines{std::string(bytes)};
  for (std::string line; std::getline(lines, line);) overrides.push_back(line);
  try {
    run_briefly(read_scenario_text(base_scenario, "base.toml", overrides));
  } catch (const InputError&) {
  }
}

// Target `claim`: the bytes are a claim file (`alliance check`). Only the
// reader: the scenario a claim names is a path, not part of the input.
inline void claim_input(std::string_view bytes) {
  try {
    static_cast<void>(read_claim_text(bytes, "claims/fuzz.toml"));
  } catch (const InputError&) {
  }
}

// A sweep file read as if it were `source` (a path in scenarios/sweeps/, so
// that "../kosovo_1998.toml" names a shipped scenario), checked against its
// base scenario, and the values of its first and last points computed.
inline void sweep_input(std::string_view bytes, const std::string& source) {
  try {
    PreparedSweep sweep = prepare_sweep(read_sweep_text(bytes, source), std::string(bytes));
    const Design design(sweep.def);
    for (std::size_t k = 0; k < std::min<std::size_t>(design.size(), 20); ++k) static_cast<void>(design.values(k));
    if (design.size() > 0) static_cast<void>(design.values(design.size() - 1));
  } catch (const InputError&) {
  }
}

}  // namespace alliance::fuzz
