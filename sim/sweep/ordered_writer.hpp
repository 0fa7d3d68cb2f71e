#pragma once
// Writes a sweep's results in run order while they finish in any order, so
// that runs.csv is the same bytes for any thread count; and survives a kill.
//
// Each finished run is handed over once, whole. If it is the next run in
// order it goes straight to its file (runs.csv or failures.csv, after its
// steps.csv rows), each with a single write(2), so the files always hold a
// prefix of the sweep in order. A run that finishes early waits in memory
// and, so that a kill loses nothing finished, is also appended to a journal.
// Resuming truncates any torn last line, finds where the prefix ends and
// takes the journal's waiting runs back: no finished run is run again.
// Runs are dispatched in order, so few ever wait (about one per thread).
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace alliance {

// The runs this process does: those with run % count == index.
struct Shard {
  std::size_t index = 0;
  std::size_t count = 1;

  std::size_t runs_of(std::size_t total) const { return total > index ? (total - index + count - 1) / count : 0; }
  std::size_t run(std::size_t ordinal) const { return index + ordinal * count; }
  std::size_t ordinal(std::size_t run) const { return (run - index) / count; }
};

struct SweepRecord {
  std::size_t run = 0;
  bool failed = false;
  std::string row;    // a line of runs.csv (or of failures.csv when failed), ending in '\n'
  std::string steps;  // lines of steps.csv (with --keep-steps)
};

struct SweepHeaders {
  std::string runs, failures, steps;  // steps empty: no steps.csv
};

class OrderedWriter {
 public:
  // Creates the files in `dir`, or, when `resume`, recovers those there.
  // `written`, when given, sees every run as it goes to its file, in run
  // order, with the writer's lock held (run_sweep: points.csv as it goes).
  using Written = std::function<void(const SweepRecord&)>;
  OrderedWriter(std::filesystem::path dir, Shard shard, std::size_t total_runs, SweepHeaders headers, bool resume,
                Written written = {});
  ~OrderedWriter();
  OrderedWriter(const OrderedWriter&) = delete;
  OrderedWriter& operator=(const OrderedWriter&) = delete;

  std::size_t owned() const { return owned_; }
  const Shard& shard() const { return shard_; }
  // Where work starts, and whether an ordinal after it finished before a kill.
  std::size_t first_unwritten() const { return next_; }
  bool finished_before(std::size_t ordinal) const { return resumed_.count(ordinal) != 0; }

  // Thread-safe. Throws OutputError when a file cannot be written.
  void record(SweepRecord record);

  std::size_t done() const;
  std::size_t ok() const;
  std::size_t failed() const;

  // Every run recorded and written: closes the files and removes the journal.
  void finish();

 private:
  void write_in_order(const SweepRecord& r);  // with mutex_ held
  void append_journal(const SweepRecord& r);

  std::filesystem::path dir_;
  Shard shard_;
  std::size_t owned_;
  bool keep_steps_;
  int runs_fd_ = -1, failures_fd_ = -1, steps_fd_ = -1, journal_fd_ = -1;
  mutable std::mutex mutex_;
  std::size_t next_ = 0;  // ordinal of the next run to write
  std::map<std::size_t, SweepRecord> waiting_;  // by ordinal
  std::set<std::size_t> resumed_;         // ordinals taken back from the journal
  std::size_t journal_bytes_ = 0;
  std::size_t ok_ = 0, failed_ = 0;
  Written written_;
};

// The run index a CSV line starts with (the `run` column); nullopt if none.
std::optional<std::size_t> leading_run(std::string_view line);

}  // namespace alliance
