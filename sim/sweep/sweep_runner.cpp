#include "sweep/sweep_runner.hpp"

#include <atomic>
#include <exception>
#include <fstream>
#include <memory>
#include <mutex>

#include <oneapi/tbb/info.h>
#include <oneapi/tbb/task_arena.h>
#include <oneapi/tbb/task_group.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "scenario/input_file.hpp"
#include "io/output_directory.hpp"
#include "io/output_lock.hpp"
#include "io/output_target.hpp"
#include "io/run_metadata.hpp"
#include "sweep/run_executor.hpp"
#include "sweep/sweep_metadata.hpp"
#include "sweep/sweep_tables.hpp"
#include "version.hpp"

namespace alliance {

namespace fs = std::filesystem;

namespace {

// What makes two sweeps the same: the inputs' bytes, the shard, --keep-steps
// and the program's version. A resume must match it.
nlohmann::json identity_of(const PreparedSweep& sweep, const Shard& shard, bool keep_steps) {
  return {{"sweep_sha256", sha256_hex(sweep.sweep_bytes)},
          {"scenario_sha256", sha256_hex(sweep.scenario_bytes)},
          {"shard", fmt::format("{}/{}", shard.index + 1, shard.count)},
          {"keep_steps", keep_steps},
          {"version", kVersion}};
}

// A finished sweep's sweep.json, or null when there is none to read.
nlohmann::json read_sweep_json(const fs::path& dir) {
  const fs::path path = dir / std::string(OutputDirectory::kSweepMarker);
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(path, ec))) return {};
  try {
    return nlohmann::json::parse(read_input_file(path, kMetadataFile));
  } catch (const std::exception&) {  // InputError, or not JSON
    return {};
  }
}

// The identity (as identity_of) of the sweep whose sweep.json is in `dir`.
nlohmann::json identity_in(const fs::path& dir) {
  const nlohmann::json meta = read_sweep_json(dir);
  if (meta.is_null()) return {};
  try {
    const auto shard = meta.value("shard", nlohmann::json{{"index", 1}, {"count", 1}});
    return {{"sweep_sha256", meta.at("sweep_file").at("sha256")},
            {"scenario_sha256", meta.at("scenario_file").at("sha256")},
            {"shard", fmt::format("{}/{}", shard.at("index").get<std::size_t>(), shard.at("count").get<std::size_t>())},
            {"keep_steps", meta.at("keep_steps")},
            {"version", meta.at("program").at("version")}};
  } catch (const std::exception&) {
    return {};
  }
}

// The counts a finished sweep's sweep.json reports.
SweepOutcome outcome_in(const fs::path& dir) {
  const nlohmann::json meta = read_sweep_json(dir);
  SweepOutcome outcome;
  try {
    outcome.runs = meta.contains("shard") ? meta["shard"].at("runs").get<std::size_t>()
                                          : meta.at("runs").at("total").get<std::size_t>();
    outcome.ok = meta.at("runs").at("finished").get<std::size_t>();
    outcome.failed = meta.at("runs").at("failed").get<std::size_t>();
  } catch (const std::exception&) {
  }
  return outcome;
}

SweepOutcome finished_outcome(const fs::path& out) {
  SweepOutcome outcome = outcome_in(out);
  outcome.already_finished = true;
  return outcome;
}

// The state file: the identity of the sweep in progress and its phase,
// "running" (runs being done) or "committing" (every file written, being
// moved into place). It is written before the partial folder is made and
// removed after the output is in place, so every moment in between can be
// resumed.
struct SweepState {
  nlohmann::json identity;
  std::string phase;
};

std::optional<SweepState> read_state(const fs::path& path, const fs::path& staging) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(path, ec))) return std::nullopt;
  try {
    nlohmann::json j = nlohmann::json::parse(read_input_file(path, kMetadataFile));
    SweepState state{j.at("identity"), j.at("phase").get<std::string>()};
    if (state.phase != "running" && state.phase != "committing") throw std::runtime_error("unknown phase");
    return state;
  } catch (const std::exception&) {
    throw SweepStateError(fmt::format("{} is unreadable; delete it and {} to start the sweep over", path.string(),
                                      staging.string()));
  }
}

void write_state(const fs::path& path, const nlohmann::json& identity, std::string_view phase) {
  write_file_atomically(path, nlohmann::json{{"identity", identity}, {"phase", phase}}.dump(2) + "\n");
}

// A partial folder from a version of alliance that kept its state inside it.
void adopt_legacy_partial(const fs::path& staging, const fs::path& state_file) {
  std::error_code ec;
  const fs::path inner = staging / "state.json";
  if (fs::exists(fs::symlink_status(inner, ec))) {
    nlohmann::json identity;
    try {
      identity = nlohmann::json::parse(read_input_file(inner, kMetadataFile));
    } catch (const std::exception&) {
      throw SweepStateError(fmt::format("{} is unreadable; delete {} to start over", inner.string(), staging.string()));
    }
    write_state(state_file, identity, "running");
    fs::remove(inner, ec);
    return;
  }
  if (const nlohmann::json identity = identity_in(staging); !identity.is_null()) {
    write_state(state_file, identity, "committing");
    return;
  }
  if (fs::is_empty(staging, ec)) {
    fs::remove(staging, ec);
    return;
  }
  throw SweepStateError(fmt::format("{} holds an interrupted sweep but no state to resume it by; delete it to start over",
                                    staging.string()));
}

// The temporary file a writer of `file` killed before its rename left beside it.
void remove_stale_temporary(const fs::path& file) {
  const std::string prefix = fmt::format(".{}.tmp-", file.filename().string());
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(file.parent_path().empty() ? fs::path(".") : file.parent_path(), ec))
    if (entry.path().filename().string().rfind(prefix, 0) == 0) fs::remove(entry.path(), ec);
}

// Moves a folder out of the way under this process's own staging name (which
// a later run clears if this one dies meanwhile) and deletes it.
void discard(const fs::path& dir, const fs::path& out) {
  std::error_code ec;
  const fs::path trash = own_staging_path(out);
  fs::remove_all(trash, ec);
  if (::rename(dir.c_str(), trash.c_str()) == 0) fs::remove_all(trash, ec);
  else fs::remove_all(dir, ec);
}

}  // namespace

fs::path sweep_staging_path(const fs::path& out) {
  const fs::path parent = out.has_parent_path() ? out.parent_path() : fs::path(".");
  return parent / fmt::format(".{}.sweep-partial", out.filename().string());
}

fs::path sweep_state_path(const fs::path& out) {
  const fs::path parent = out.has_parent_path() ? out.parent_path() : fs::path(".");
  return parent / fmt::format(".{}.sweep-state.json", out.filename().string());
}

bool sweep_already_finished(const PreparedSweep& sweep, const fs::path& out, const Shard& shard, bool keep_steps) {
  std::error_code ec;
  if (fs::exists(fs::symlink_status(sweep_state_path(out), ec))) return false;
  return identity_in(out) == identity_of(sweep, shard, keep_steps) && !why_not_replaceable(out, OutputKind::sweep);
}

SweepOutcome run_sweep(const PreparedSweep& sweep, const SweepPlan& plan) {
  const fs::path out = check_output_directory(plan.out, OutputKind::sweep);
  const OutputLock output_lock(out);  // from here on, no other process touches these names
  remove_stale_staging(out);
  const fs::path staging = sweep_staging_path(out);
  const fs::path state_file = sweep_state_path(out);
  const nlohmann::json identity = identity_of(sweep, plan.shard, plan.keep_steps);
  std::error_code ec;
  remove_stale_temporary(state_file);

  if (!fs::exists(fs::symlink_status(state_file, ec)) && fs::exists(fs::symlink_status(staging, ec)))
    adopt_legacy_partial(staging, state_file);
  std::optional<SweepState> state = read_state(state_file, staging);
  bool resuming = false;
  if (state) {
    if (!plan.resume)
      throw SweepStateError(fmt::format(
          "an interrupted sweep of {} is in {}: continue it with --resume, or delete {} and {} to start over",
          out.string(), staging.string(), staging.string(), state_file.string()));
    for (const auto& key : {"sweep_sha256", "scenario_sha256", "shard", "keep_steps", "version"})
      if (state->identity.value(key, nlohmann::json()) != identity[key])
        throw SweepStateError(fmt::format(
            "the interrupted sweep in {} was started with a different {} ({} then, {} now); resume it with the "
            "same inputs and options, or delete {} and {} to start over",
            staging.string(), key, state->identity.value(key, nlohmann::json()).dump(), identity[key].dump(),
            staging.string(), state_file.string()));
    const bool partial = fs::exists(fs::symlink_status(staging, ec));
    if (state->phase == "committing") {
      if (identity_in(out) == identity) {
        // Killed after the output went into place: only the clean-up was left.
        if (partial) discard(staging, out);
        fs::remove(state_file, ec);
        spdlog::warn("{} was already finished; nothing was run", out.string());
        return finished_outcome(out);
      }
      if (partial) {
        spdlog::info("{}: every run was done; moving the output into place", staging.string());
        remove_temporary_files(staging);
        OutputDirectory dir(out, OutputKind::sweep, staging);
        dir.commit();
        fs::remove(state_file, ec);
        return outcome_in(out);
      }
      fs::remove(state_file, ec);  // neither output nor partial: start over below
      state.reset();
    } else if (partial) {
      remove_temporary_files(staging);
      resuming = true;
    }
  } else if (plan.resume && sweep_already_finished(sweep, out, plan.shard, plan.keep_steps)) {
    spdlog::warn("{} is already finished (same sweep file, scenario and options); nothing was run", out.string());
    return finished_outcome(out);
  }
  if (!resuming) {
    if (plan.resume) spdlog::info("nothing to resume in {}; starting the sweep", staging.string());
    fs::create_directories(out.has_parent_path() ? out.parent_path() : fs::path("."), ec);
    write_state(state_file, identity, "running");
    fs::remove_all(staging, ec);  // the start of a run killed before its first file
    if (!fs::create_directory(staging, ec) || ec)
      throw OutputError(fmt::format("cannot create {}: {}", staging.string(), ec ? ec.message() : "exists"));
  }

  const SweepTables tables = sweep_tables(sweep, plan.keep_steps ? step_columns(sweep) : std::vector<Column>{});
  SweepHeaders headers{csv_header(tables.runs), csv_header(tables.failures),
                       plan.keep_steps ? csv_header(tables.steps) : std::string()};
  // points.csv as the runs go to runs.csv, unless the sweep is a shard (the
  // merge writes it) or resumed (the runs before the kill are only in the
  // files: write_sweep_summary reads them back).
  std::unique_ptr<PointsStream> points;
  if (plan.shard.count == 1 && !resuming) points = std::make_unique<PointsStream>(sweep, staging / "points.csv");
  OrderedWriter::Written written;
  if (points) written = [&points](const SweepRecord& r) { points->add(r.run, r.failed, r.row); };
  OrderedWriter writer(staging, plan.shard, sweep.runs(), headers, resuming, std::move(written));
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
  if (points) points->finish();

  const SweepProvenance provenance{sweep.def.source, sweep.def.scenario.lexically_normal().string()};
  const auto metadata = sweep_metadata(sweep, provenance, plan.shard, plan.keep_steps, writer.ok(), writer.failed());
  write_sweep_summary(staging, sweep, metadata, plan.shard, plan.keep_steps, points != nullptr);
  write_state(state_file, identity, "committing");
  OutputDirectory dir(out, OutputKind::sweep, staging);
  dir.commit();
  fs::remove(state_file, ec);
  return {writer.owned(), writer.ok(), writer.failed()};
}

}  // namespace alliance
