#include "runner/run_scenario.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include <oneapi/tbb/info.h>
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
                                  int replicate, std::uint64_t seed, const TableSelection& tables, World* scratch) {
  Rng rng(seed);
  ReplicateOutput output;
  SummaryRecorder summary(context, replicate, seed);
  CsvRecorder recorder(context, replicate, seed, tables);
  std::array<StepObserver*, 2> observers{&summary, &recorder};
  const auto observing = std::span(observers).first(recorder.records_anything() ? 2 : 1);
  if (scratch) {
    *scratch = initial;  // copy-assignment keeps the scratch world's buffers: nothing is allocated
    run_steps(*scratch, def.simulation.steps, rng, observing);
  } else {
    run_replicate(initial, def.simulation.steps, rng, observing);
  }
  recorder.move_into(output.tables);
  output.summary = summary.row();
  if (tables.has(RunTable::summary)) output.tables[RunTable::summary] = csv_line(output.summary);
  return output;
}

namespace {

// What the threads of run_replicates share, under `mutex`.
struct ReplicateQueue {
  std::mutex mutex;
  std::condition_variable handed;  // next_to_hand moved, or stop
  std::size_t next_to_take = 0;
  std::size_t next_to_hand = 0;
  std::map<std::size_t, ReplicateOutput> finished;  // waiting for an earlier replicate
  bool handing = false;                             // a thread is handing replicates to the sink
  bool stop = false;                                // a thread failed
  std::size_t done = 0;
  std::exception_ptr failure;
};

}  // namespace

std::vector<std::uint64_t> run_replicates(const ScenarioDef& def, const RunPlan& plan, const ReplicateSink& sink,
                                          const ProgressCallback& progress) {
  std::vector<std::uint64_t> seeds;
  for (std::size_t r = 0; r < static_cast<std::size_t>(def.simulation.replicates); ++r)
    seeds.push_back(replicate_seed(def.simulation.seed, r));
  const std::size_t replicates = seeds.size();
  const World initial = build_world(def);
  const RecordingContext context = RecordingContext::from(def);
  const int threads = std::max(1, plan.threads > 0 ? plan.threads : oneapi::tbb::info::default_concurrency());
  // How far past the oldest replicate not yet handed on a thread may start:
  // bounds what is held while a slow replicate holds up the others.
  const std::size_t ahead = 4 * static_cast<std::size_t>(threads);
  ReplicateQueue q;

  auto work = [&] {
    World scratch;  // this thread's world, reused by each of its replicates
    std::unique_lock lock(q.mutex);
    for (;;) {
      q.handed.wait(lock, [&] { return q.stop || q.next_to_take >= replicates || q.next_to_take < q.next_to_hand + ahead; });
      if (q.stop || q.next_to_take >= replicates) return;
      const std::size_t r = q.next_to_take++;
      lock.unlock();
      const auto started = std::chrono::steady_clock::now();
      ReplicateOutput output =
          run_one_replicate(def, initial, context, static_cast<int>(r), seeds[r], plan.tables, &scratch);
      if (spdlog::should_log(spdlog::level::debug))
        spdlog::debug("replicate {} (seed {}): {} steps in {:.1f} ms", r, seeds[r], def.simulation.steps,
                      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
      lock.lock();
      ++q.done;
      if (progress) progress(q.done, replicates);
      q.finished.emplace(r, std::move(output));
      if (q.handing) continue;  // the thread handing them on takes this one too
      q.handing = true;
      // Hand on every replicate that is next in order, outside the lock.
      for (auto next = q.finished.begin(); !q.stop && next != q.finished.end() && next->first == q.next_to_hand;
           next = q.finished.begin()) {
        ReplicateOutput ready = std::move(next->second);
        q.finished.erase(next);
        lock.unlock();
        sink(q.next_to_hand, std::move(ready));  // next_to_hand moves only here, and only this thread is here
        lock.lock();
        ++q.next_to_hand;
        q.handed.notify_all();
      }
      q.handing = false;
    }
  };
  auto guarded = [&] {
    try {
      work();
    } catch (...) {
      std::lock_guard lock(q.mutex);
      if (!q.failure) q.failure = std::current_exception();
      q.stop = true;
      q.handing = false;
      q.handed.notify_all();
    }
  };
  std::vector<std::thread> helpers;
  const std::size_t workers = std::min<std::size_t>(static_cast<std::size_t>(threads), std::max<std::size_t>(replicates, 1));
  for (std::size_t t = 1; t < workers; ++t)
    helpers.emplace_back(guarded);
  guarded();
  for (std::thread& h : helpers) h.join();
  if (q.failure) std::rethrow_exception(q.failure);
  return seeds;
}

RunResult run_scenario(const ScenarioDef& def, const RunPlan& plan, const ProgressCallback& progress) {
  RunResult result;
  result.tables = plan.tables;
  result.replicates.resize(static_cast<std::size_t>(std::max(0, def.simulation.replicates)));
  result.seeds = run_replicates(
      def, plan, [&](std::size_t r, ReplicateOutput&& output) { result.replicates[r] = std::move(output); }, progress);
  return result;
}

namespace {

// datapackage.json and run.json, after the tables.
void emit_metadata(const ScenarioDef& def, const std::vector<std::uint64_t>& seeds, const TableSelection& tables,
                   const std::string& scenario_bytes, const std::vector<std::string>& overrides,
                   const RunFileSink& sink) {
  const RunProvenance provenance{def.source, sha256_hex(scenario_bytes), overrides, seeds, tables};
  const std::string metadata = run_metadata_json(def, provenance);
  sink("datapackage.json", {data_package_json(def, provenance)});
  sink(std::string(OutputDirectory::kMarker), {metadata});
}

}  // namespace

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
  emit_metadata(def, result.seeds, result.tables, scenario_bytes, overrides, sink);
}

void write_run_output(const std::filesystem::path& out, const ScenarioDef& def, const RunResult& result,
                      const std::string& scenario_bytes, const std::vector<std::string>& overrides) {
  OutputDirectory dir(out, OutputKind::run);
  emit_run_output(def, result, scenario_bytes, overrides,
                  [&](const std::string& file, const std::vector<std::string_view>& parts) { dir.write_file(file, parts); });
  dir.commit();
}

void run_and_write(const std::filesystem::path& out, const ScenarioDef& def, const RunPlan& plan,
                   const std::string& scenario_bytes, const std::vector<std::string>& overrides,
                   const ProgressCallback& progress) {
  OutputDirectory dir(out, OutputKind::run);
  const auto tables = output_tables(def);
  // Each selected table, and what is waiting to be written to it: the rows of
  // several replicates go out in one write of about a megabyte.
  constexpr std::size_t kWriteBytes = std::size_t{1} << 20;
  struct Table {
    OutputFile file;
    std::string pending;
  };
  std::vector<std::optional<Table>> files(tables.size());
  for (std::size_t t = 0; t < tables.size(); ++t) {
    if (!plan.tables.has(static_cast<RunTable>(t))) continue;
    files[t].emplace(Table{dir.open_file(tables[t].file), csv_header(tables[t])});
  }
  const std::vector<std::uint64_t> seeds = run_replicates(
      def, plan,
      [&](std::size_t, ReplicateOutput&& output) {
        for (std::size_t t = 0; t < files.size(); ++t) {
          if (!files[t]) continue;
          files[t]->pending += output.tables.text[t];
          if (files[t]->pending.size() < kWriteBytes) continue;
          files[t]->file.append(files[t]->pending);
          files[t]->pending.clear();
        }
      },
      progress);
  for (auto& table : files) {
    if (!table) continue;
    table->file.append(table->pending);
    table->file.finish();
  }
  emit_metadata(def, seeds, plan.tables, scenario_bytes, overrides,
                [&](const std::string& file, const std::vector<std::string_view>& parts) { dir.write_file(file, parts); });
  dir.commit();
}

}  // namespace alliance
