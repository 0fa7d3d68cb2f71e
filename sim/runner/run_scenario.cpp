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

RunResult run_scenario(const ScenarioDef& def, const RunPlan& plan, const ProgressCallback& progress) {
  const auto replicates = static_cast<std::size_t>(def.simulation.replicates);
  RunResult result;
  result.tables.resize(replicates);
  for (std::size_t r = 0; r < replicates; ++r) result.seeds.push_back(replicate_seed(def.simulation.seed, r));

  const World initial = build_world(def);
  const RecordingContext context = RecordingContext::from(def);
  std::atomic<std::size_t> done{0};
  std::mutex progress_mutex;

  const int threads = plan.threads > 0 ? plan.threads : oneapi::tbb::info::default_concurrency();
  oneapi::tbb::global_control limit(oneapi::tbb::global_control::max_allowed_parallelism,
                                    static_cast<std::size_t>(threads));
  oneapi::tbb::parallel_for(oneapi::tbb::blocked_range<std::size_t>(0, replicates), [&](const auto& range) {
    for (std::size_t r = range.begin(); r != range.end(); ++r) {
      Rng rng(result.seeds[r]);
      CsvRecorder recorder(context, static_cast<int>(r), result.seeds[r]);
      SummaryRecorder summary(context, static_cast<int>(r), result.seeds[r]);
      const std::array<StepObserver*, 2> observers{&recorder, &summary};
      run_replicate(initial, def.simulation.steps, rng, observers);
      recorder.move_into(result.tables[r]);
      result.tables[r].summary = summary.row();
      const std::size_t finished = ++done;
      if (progress) {
        std::lock_guard lock(progress_mutex);
        progress(finished, replicates);
      }
    }
  });
  return result;
}

void write_run_output(const std::filesystem::path& out, const ScenarioDef& def, const RunResult& result,
                      const std::string& scenario_bytes, const std::vector<std::string>& overrides) {
  OutputDirectory dir(out);
  const auto tables = output_tables(def);
  using Field = std::string ReplicateTables::*;
  const std::array<Field, 6> fields = {&ReplicateTables::steps,  &ReplicateTables::members,
                                       &ReplicateTables::crises, &ReplicateTables::votes,
                                       &ReplicateTables::events, &ReplicateTables::summary};
  for (std::size_t t = 0; t < tables.size(); ++t) {
    const std::string header = csv_header(tables[t]);
    std::vector<std::string_view> parts{header};
    for (const auto& r : result.tables) parts.emplace_back(r.*fields[t]);
    dir.write_file(tables[t].file, parts);
  }
  const RunProvenance provenance{def.source, sha256_hex(scenario_bytes), overrides, result.seeds};
  const std::string metadata = run_metadata_json(def, provenance);
  dir.write_file("datapackage.json", {data_package_json(def, provenance)});
  dir.write_file(std::string(OutputDirectory::kMarker), {metadata});
  dir.commit();
}

}  // namespace alliance
