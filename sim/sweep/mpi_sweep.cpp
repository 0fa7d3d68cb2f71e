#include "sweep/mpi_sweep.hpp"

#include <fmt/format.h>

#ifdef ALLIANCE_WITH_MPI
#include <exception>

#include <mpi.h>
#include <spdlog/spdlog.h>

#include <optional>

#include "io/output_directory.hpp"
#include "io/output_lock.hpp"
#include "io/output_target.hpp"
#include "sweep/merge_shards.hpp"
#endif

namespace alliance {

#ifndef ALLIANCE_WITH_MPI

SweepOutcome run_sweep_mpi(const PreparedSweep&, const SweepPlan&) {
  throw SweepStateError(
      "this alliance was built without MPI: configure with -DALLIANCE_MPI=ON (Debian: libopenmpi-dev), or use "
      "--shard i/n and alliance merge");
}

#else

namespace {

struct MpiSession {
  bool owns = false;
  MpiSession() {
    int initialized = 0;
    MPI_Initialized(&initialized);
    if (!initialized) {
      MPI_Init(nullptr, nullptr);
      owns = true;
    }
  }
  ~MpiSession() {
    int finalized = 0;
    MPI_Finalized(&finalized);
    if (owns && !finalized) MPI_Finalize();
  }
};

// Every rank learns whether every rank succeeded.
bool all_ok(bool ok) {
  int mine = ok ? 1 : 0, all = 0;
  MPI_Allreduce(&mine, &all, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  return all == 1;
}

}  // namespace

SweepOutcome run_sweep_mpi(const PreparedSweep& sweep, const SweepPlan& plan) {
  MpiSession session;
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  const auto rank_dir = [&](int r) {
    const std::filesystem::path parent = plan.out.has_parent_path() ? plan.out.parent_path() : ".";
    return parent / fmt::format(".{}.rank-{}-of-{}", plan.out.filename().string(), r + 1, size);
  };
  SweepPlan mine = plan;
  mine.out = rank_dir(rank);
  mine.shard = Shard{static_cast<std::size_t>(rank), static_cast<std::size_t>(size)};
  if (rank != 0) mine.progress = nullptr;  // one progress report: the first rank's share

  // The first rank holds the output's lock throughout; each rank's own
  // run_sweep locks its rank folder.
  std::exception_ptr error;
  std::optional<OutputLock> lock;
  int finished = 0;
  try {
    if (rank == 0) {
      check_output_directory(plan.out, OutputKind::sweep);
      lock.emplace(plan.out);
      finished = plan.resume && sweep_already_finished(sweep, plan.out, Shard{}, plan.keep_steps) ? 1 : 0;
    }
  } catch (...) {
    error = std::current_exception();
  }
  MPI_Bcast(&finished, 1, MPI_INT, 0, MPI_COMM_WORLD);
  if (!all_ok(!error)) {
    if (error) std::rethrow_exception(error);
    throw OutputError(fmt::format("rank {} of {}: the first rank could not take the output", rank + 1, size));
  }
  if (finished) {
    SweepOutcome outcome;
    outcome.written = false;
    if (rank == 0) spdlog::warn("{} is already finished; nothing was run", plan.out.string());
    return outcome;
  }
  try {
    run_sweep(sweep, mine);
  } catch (...) {
    error = std::current_exception();
  }
  if (!all_ok(!error)) {
    if (error) std::rethrow_exception(error);
    throw OutputError(fmt::format("rank {} of {}: another rank failed (see its message); rerun with --resume",
                                  rank + 1, size));
  }
  SweepOutcome outcome;
  outcome.written = false;
  if (rank == 0) {
    std::vector<std::filesystem::path> dirs;
    for (int r = 0; r < size; ++r) dirs.push_back(rank_dir(r));
    try {
      outcome = merge_shards(dirs, plan.out);
      for (const auto& d : dirs) std::filesystem::remove_all(d);
    } catch (...) {
      error = std::current_exception();
    }
  }
  if (!all_ok(!error) && error) std::rethrow_exception(error);
  return outcome;
}

#endif

}  // namespace alliance
