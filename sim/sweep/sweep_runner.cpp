#include "sweep/sweep_runner.hpp"

#include <atomic>
#include <exception>
#include <fstream>
#include <mutex>

#include <oneapi/tbb/info.h>
#include <oneapi/tbb/task_arena.h>
#include <oneapi/tbb/task_group.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "io/output_directory.hpp"
#include "io/run_metadata.hpp"
#include "sweep/run_executor.hpp"
#include "sweep/sweep_metadata.hpp"
#include "sweep/sweep_tables.hpp"
#include "version.hpp"

namespace alliance {

namespace fs = std::filesystem;

namespace {

nlohmann::json state_of(const PreparedSweep& sweep, const SweepPlan& plan) {
  return {{"sweep_sha256", sha256_hex(sweep.sweep_bytes)},
          {"scenario_sha256", sha256_hex(sweep.scenario_bytes)},
          {"shard", fmt::format("{}/{}", plan.shard.index + 1, plan.shard.count)},
          {"keep_steps", plan.keep_steps},
          {"version", kVersion}};
}

// Makes the staging directory, or checks that the one there is this sweep's.
void open_staging(const fs::path& staging, const PreparedSweep& sweep, const SweepPlan& plan, bool& resuming) {
  const nlohmann::json state = state_of(sweep, plan);
  const fs::path state_file = staging / "state.json";
  std::error_code ec;
  resuming = false;
  if (fs::exists(staging, ec)) {
    if (!plan.resume)
      throw SweepStateError(fmt::format(
          "an interrupted sweep is in {}: continue it with --resume, or delete that folder to start over",
          staging.string()));
    nlohmann::json found;
    try {
      if (fs::exists(state_file)) {
        std::ifstream in(state_file);
        found = nlohmann::json::parse(in);
      } else {  // killed after the last run, between the summary and the final rename
        std::ifstream in(staging / "sweep.json");
        const auto meta = nlohmann::json::parse(in);
        const auto shard = meta.value("shard", nlohmann::json{{"index", 1}, {"count", 1}});
        found = {{"sweep_sha256", meta.at("sweep_file").at("sha256")},
                 {"scenario_sha256", meta.at("scenario_file").at("sha256")},
                 {"shard", fmt::format("{}/{}", shard.at("index").get<std::size_t>(), shard.at("count").get<std::size_t>())},
                 {"keep_steps", meta.at("keep_steps")},
                 {"version", meta.at("program").at("version")}};
      }
    } catch (const std::exception&) {
      throw SweepStateError(fmt::format("{} is unreadable; delete {} to start over", state_file.string(),
                                        staging.string()));
    }
    for (const auto& key : {"sweep_sha256", "scenario_sha256", "shard", "keep_steps", "version"})
      if (found.value(key, nlohmann::json()) != state[key])
        throw SweepStateError(fmt::format(
            "the interrupted sweep in {} was started with a different {} ({} then, {} now); resume it with the "
            "same inputs and options, or delete that folder to start over",
            staging.string(), key, found.value(key, nlohmann::json()).dump(), state[key].dump()));
    resuming = true;
    return;
  }
  if (plan.resume) spdlog::info("nothing to resume in {}; starting the sweep", staging.string());
  fs::create_directories(staging, ec);
  if (ec) throw OutputError(fmt::format("cannot create {}: {}", staging.string(), ec.message()));
  write_file_atomically(state_file, state.dump(2) + "\n");
}

}  // namespace

fs::path sweep_staging_path(const fs::path& out) {
  const fs::path parent = out.has_parent_path() ? out.parent_path() : fs::path(".");
  return parent / fmt::format(".{}.sweep-partial", out.filename().string());
}

SweepOutcome run_sweep(const PreparedSweep& sweep, const SweepPlan& plan) {
  OutputDirectory::check_target(plan.out);
  const fs::path staging = sweep_staging_path(plan.out);
  bool resuming = false;
  open_staging(staging, sweep, plan, resuming);

  const SweepTables tables = sweep_tables(sweep, plan.keep_steps ? step_columns(sweep) : std::vector<Column>{});
  SweepHeaders headers{csv_header(tables.runs), csv_header(tables.failures),
                       plan.keep_steps ? csv_header(tables.steps) : std::string()};
  OrderedWriter writer(staging, plan.shard, sweep.runs(), headers, resuming);
  if (resuming)
    spdlog::info("resuming {}: {} of {} runs were done", staging.string(), writer.done(), writer.owned());

  const int threads = plan.threads > 0 ? plan.threads : oneapi::tbb::info::default_concurrency();
  // A thread takes a point's replicates together, so that it reads and builds
  // the point's scenario once; finished runs still go to the writer one by one.
  const std::size_t chunk =
      std::max<std::size_t>(1, static_cast<std::size_t>(sweep.def.replicates) / plan.shard.count);
  std::atomic<std::size_t> next{writer.first_unwritten()};
  std::atomic<bool> stop{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  std::mutex progress_mutex;
  auto work = [&] {
    RunExecutor executor(sweep, plan.keep_steps);
    try {
      while (!stop.load(std::memory_order_relaxed)) {
        const std::size_t first = next.fetch_add(chunk);
        if (first >= writer.owned()) break;
        for (std::size_t ordinal = first; ordinal < std::min(first + chunk, writer.owned()); ++ordinal) {
          if (writer.finished_before(ordinal)) continue;
          writer.record(executor.execute(plan.shard.run(ordinal)));
          if (plan.progress) {
            std::lock_guard lock(progress_mutex);
            plan.progress(writer.done(), writer.owned());
          }
        }
      }
    } catch (...) {
      std::lock_guard lock(error_mutex);
      if (!error) error = std::current_exception();
      stop = true;
    }
  };
  if (plan.progress) plan.progress(writer.done(), writer.owned());
  oneapi::tbb::task_arena arena(threads);
  arena.execute([&] {
    oneapi::tbb::task_group group;
    for (int t = 0; t < threads; ++t) group.run(work);
    group.wait();
  });
  if (error) std::rethrow_exception(error);
  writer.finish();

  const SweepProvenance provenance{sweep.def.source, sweep.def.scenario.lexically_normal().string()};
  const auto metadata = sweep_metadata(sweep, provenance, plan.shard, plan.keep_steps, writer.ok(), writer.failed());
  write_sweep_summary(staging, sweep, metadata, plan.shard, plan.keep_steps);
  fs::remove(staging / "state.json");
  OutputDirectory dir(plan.out, staging);
  dir.commit();
  return {writer.owned(), writer.ok(), writer.failed()};
}

}  // namespace alliance
