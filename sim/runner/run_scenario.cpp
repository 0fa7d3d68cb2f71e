#include "runner/run_scenario.hpp"

#include <array>
#include <atomic>
#include <mutex>

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for.h>

#include "core/rng.hpp"
#include "engine/step.hpp"
#include "io/columns.hpp"
#include "io/data_package.hpp"
#include "io/output_directory.hpp"
#include "io/run_metadata.hpp"
#include "io/summary_recorder.hpp"
#include "scenario/build_world.hpp"

namespace alliance {

namespace {


// Calls `record(r, initial_world, context)` for every replicate r, in
// parallel; `record` runs replicate r and keeps its results in slot r, so no
// two threads write the same place.
template <typename RecordReplicate>
void for_each_replicate(const ScenarioDef& def, const std::vector<std::uint64_t>& seeds, const RunPlan& plan,
                        const ProgressCallback& progress, RecordReplicate record) {
  const World initial = build_world(def);
  const RecordingContext context = RecordingContext::from(def);
  std::atomic<std::size_t> done{0};
  std::mutex progress_mutex;
  const std::size_t replicates = seeds.size();

  const int threads = plan.threads > 0 ? plan.threads : oneapi::tbb::info::default_concurrency();
  oneapi::tbb::global_control limit(oneapi::tbb::global_control::max_allowed_parallelism,
                                    static_cast<std::size_t>(threads));
  oneapi::tbb::parallel_for(oneapi::tbb::blocked_range<std::size_t>(0, replicates), [&](const auto& range) {
    for (std::size_t r = range.begin(); r != range.end(); ++r) {
      record(r, initial, context);
      const std::size_t finished = ++done;
      if (progress) {
        std::lock_guard lock(progress_mutex);
        progress(finished, replicates);
      }
    }
  });
}

std::vector<std::uint64_t> seeds_of(const ScenarioDef& def) {
  std::vector<std::uint64_t> seeds;
  for (std::size_t r = 0; r < static_cast<std::size_t>(def.simulation.replicates); ++r)
    seeds.push_back(replicate_seed(def.simulation.seed, r));
  return seeds;
}

}  // namespace

RunResult run_scenario(const ScenarioDef& def, const RunPlan& plan, const ProgressCallback& progress) {
  RunResult result;
  result.seeds = seeds_of(def);
  result.tables.resize(result.seeds.size());
  for_each_replicate(def, result.seeds, plan, progress,
                     [&](std::size_t r, const World& initial, const RecordingContext& context) {
                       Rng rng(result.seeds[r]);
                       CsvRecorder recorder(context, static_cast<int>(r), result.seeds[r]);
                       SummaryRecorder summary(context, static_cast<int>(r), result.seeds[r]);
                       const std::array<StepObserver*, 2> observers{&recorder, &summary};
                       run_replicate(initial, def.simulation.steps, rng, observers);
                       recorder.move_into(result.tables[r]);
                       result.tables[r][RunTable::summary] = csv_line(summary.row());
                     });
  return result;
}

std::vector<SummaryRow> run_summaries(const ScenarioDef& def, const RunPlan& plan) {
  const auto seeds = seeds_of(def);
  std::vector<SummaryRow> rows(seeds.size());
  for_each_replicate(def, seeds, plan, {}, [&](std::size_t r, const World& initial, const RecordingContext& context) {
    Rng rng(seeds[r]);
    SummaryRecorder summary(context, static_cast<int>(r), seeds[r]);
    const std::array<StepObserver*, 1> observers{&summary};
    run_replicate(initial, def.simulation.steps, rng, observers);
    rows[r] = summary.row();
  });
  return rows;
}

ReplicateRows run_single_replicate(const ScenarioDef& def, const World& initial, const RecordingContext& context,
                                   std::uint64_t scenario_seed, bool keep_steps) {
  const std::uint64_t seed = replicate_seed(scenario_seed, 0);
  Rng rng(seed);
  SummaryRecorder summary(context, 0, seed);
  ReplicateRows rows;
  if (keep_steps) {
    CsvRecorder recorder(context, 0, seed);
    const std::array<StepObserver*, 2> observers{&recorder, &summary};
    run_replicate(initial, def.simulation.steps, rng, observers);
    ReplicateTables tables;
    recorder.move_into(tables);
    rows.steps = std::move(tables[RunTable::steps]);
  } else {
    const std::array<StepObserver*, 1> observers{&summary};
    run_replicate(initial, def.simulation.steps, rng, observers);
  }
  rows.summary = summary.row();
  return rows;
}

void write_run_output(const std::filesystem::path& out, const ScenarioDef& def, const RunResult& result,
                      const std::string& scenario_bytes, const std::vector<std::string>& overrides) {
  OutputDirectory dir(out, OutputKind::run);
  const auto tables = output_tables(def);
  for (std::size_t t = 0; t < tables.size(); ++t) {
    const std::string header = csv_header(tables[t]);
    std::vector<std::string_view> parts{header};
    for (const auto& r : result.tables) parts.emplace_back(r.text[t]);
    dir.write_file(tables[t].file, parts);
  }
  const RunProvenance provenance{def.source, sha256_hex(scenario_bytes), overrides, result.seeds};
  const std::string metadata = run_metadata_json(def, provenance);
  dir.write_file("datapackage.json", {data_package_json(def, provenance)});
  dir.write_file(std::string(OutputDirectory::kMarker), {metadata});
  dir.commit();
}

}  // namespace alliance
