#include "runner/run_scenario.hpp"

#include <array>
#include <atomic>
#include <chrono>
#include <mutex>

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for.h>
#include <spdlog/spdlog.h>

#include "core/rng.hpp"
#include "engine/step.hpp"
#include "io/columns.hpp"
#include "io/data_package.hpp"
#include "io/output_directory.hpp"
#include "io/run_metadata.hpp"
#include "io/summary_recorder.hpp"
#include "scenario/build_world.hpp"

namespace alliance {

ReplicateOutput run_one_replicate(const ScenarioDef& def, const World& initial, const RecordingContext& context,
                                  int replicate, std::uint64_t seed, const TableSelection& tables) {
  Rng rng(seed);
  ReplicateOutput output;
  SummaryRecorder summary(context, replicate, seed);
  CsvRecorder recorder(context, replicate, seed, tables);
  std::array<StepObserver*, 2> observers{&summary, &recorder};
  run_replicate(initial, def.simulation.steps, rng,
                std::span(observers).first(recorder.records_anything() ? 2 : 1));
  recorder.move_into(output.tables);
  output.summary = summary.row();
  if (tables.has(RunTable::summary)) output.tables[RunTable::summary] = csv_line(output.summary);
  return output;
}

RunResult run_scenario(const ScenarioDef& def, const RunPlan& plan, const ProgressCallback& progress) {
  RunResult result;
  result.tables = plan.tables;
  for (std::size_t r = 0; r < static_cast<std::size_t>(def.simulation.replicates); ++r)
    result.seeds.push_back(replicate_seed(def.simulation.seed, r));
  const std::size_t replicates = result.seeds.size();
  result.replicates.resize(replicates);

  const World initial = build_world(def);
  const RecordingContext context = RecordingContext::from(def);
  std::atomic<std::size_t> done{0};
  std::mutex progress_mutex;
  const int threads = plan.threads > 0 ? plan.threads : oneapi::tbb::info::default_concurrency();
  oneapi::tbb::global_control limit(oneapi::tbb::global_control::max_allowed_parallelism,
                                    static_cast<std::size_t>(threads));
  // Replicate r writes slot r only, so no two threads write the same place.
  oneapi::tbb::parallel_for(oneapi::tbb::blocked_range<std::size_t>(0, replicates), [&](const auto& range) {
    for (std::size_t r = range.begin(); r != range.end(); ++r) {
      const auto started = std::chrono::steady_clock::now();
      result.replicates[r] =
          run_one_replicate(def, initial, context, static_cast<int>(r), result.seeds[r], plan.tables);
      if (spdlog::should_log(spdlog::level::debug))
        spdlog::debug("replicate {} (seed {}): {} steps in {:.1f} ms", r, result.seeds[r], def.simulation.steps,
                      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
      const std::size_t finished = ++done;
      if (progress) {
        std::lock_guard lock(progress_mutex);
        progress(finished, replicates);
      }
    }
  });
  return result;
}

void emit_run_output(const ScenarioDef& def, const RunResult& result, const std::string& scenario_bytes,
                     const std::vector<std::string>& overrides, const RunFileSink& sink) {
  const auto tables = output_tables(def);
  for (std::size_t t = 0; t < tables.size(); ++t) {
    if (!result.tables.has(static_cast<RunTable>(t))) continue;
    const std::string header = csv_header(tables[t]);
    std::vector<std::string_view> parts{header};
    for (const auto& r : result.replicates) parts.emplace_back(r.tables.text[t]);
    sink(tables[t].file, parts);
  }
  const RunProvenance provenance{def.source, sha256_hex(scenario_bytes), overrides, result.seeds, result.tables};
  const std::string metadata = run_metadata_json(def, provenance);
  sink("datapackage.json", {data_package_json(def, provenance)});
  sink(std::string(OutputDirectory::kMarker), {metadata});
}

void write_run_output(const std::filesystem::path& out, const ScenarioDef& def, const RunResult& result,
                      const std::string& scenario_bytes, const std::vector<std::string>& overrides) {
  OutputDirectory dir(out, OutputKind::run);
  emit_run_output(def, result, scenario_bytes, overrides,
                  [&](const std::string& file, const std::vector<std::string_view>& parts) { dir.write_file(file, parts); });
  dir.commit();
}

}  // namespace alliance
