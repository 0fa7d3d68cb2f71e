#pragma once
// Runs a scenario's replicates (in parallel, one generator each) and writes
// the output directory. Output bytes depend on (scenario, seed) only, never
// on the thread count: replicates are recorded apart and joined in order.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "io/csv_recorder.hpp"
#include "scenario/scenario_def.hpp"

namespace alliance {

struct RunPlan {
  int threads = 0;  // 0 = every core
};

struct RunResult {
  std::vector<std::uint64_t> seeds;
  std::vector<ReplicateTables> tables;  // by replicate
};

using ProgressCallback = std::function<void(std::size_t done, std::size_t total)>;

RunResult run_scenario(const ScenarioDef& def, const RunPlan& plan, const ProgressCallback& progress = {});

// summary.csv's rows only, typed, by replicate: the same numbers
// as run_scenario, without keeping the per-step tables (`alliance check`).
std::vector<SummaryRow> run_summaries(const ScenarioDef& def, const RunPlan& plan);

// One replicate of a scenario whose world is built already (a sweep point):
// what `alliance run --seed scenario_seed --replicates 1` computes, as its
// summary.csv row and, when `keep_steps`, its steps.csv rows (no headers).
struct ReplicateRows {
  SummaryRow summary;
  std::string steps;  // steps.csv's rows, when kept
};
ReplicateRows run_single_replicate(const ScenarioDef& def, const World& initial, const RecordingContext& context,
                                   std::uint64_t scenario_seed, bool keep_steps);

// Writes every table and run.json into `out`, atomically.
void write_run_output(const std::filesystem::path& out, const ScenarioDef& def, const RunResult& result,
                      const std::string& scenario_bytes, const std::vector<std::string>& overrides);

}  // namespace alliance
