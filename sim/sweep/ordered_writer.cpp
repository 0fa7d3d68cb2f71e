#include "sweep/ordered_writer.hpp"

#include <cerrno>
#include <charconv>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "io/output_directory.hpp"

namespace alliance {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kJournalCompactBytes = 1 << 16;

[[noreturn]] void fail(const std::string& what, const fs::path& path) {
  throw OutputError(fmt::format("cannot {} {}: {}", what, path.string(), std::strerror(errno)));
}

std::string read_range(int fd, off_t from, std::size_t size, const fs::path& path) {
  std::string buffer(size, '\0');
  std::size_t got = 0;
  while (got < size) {
    const ssize_t n = ::pread(fd, buffer.data() + got, size - got, from + static_cast<off_t>(got));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail("read", path);
    got += static_cast<std::size_t>(n);
  }
  return buffer;
}

off_t size_of(int fd, const fs::path& path) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) fail("read", path);
  return st.st_size;
}

// The start of the line that ends at `end` (exclusive; the byte before `end` is its '\n').
off_t line_start(int fd, off_t end, off_t floor, const fs::path& path) {
  off_t pos = end - 1;  // skip the line's own '\n'
  while (pos > floor) {
    const off_t from = std::max(floor, pos - off_t{65536});
    const std::string chunk = read_range(fd, from, static_cast<std::size_t>(pos - from), path);
    const auto nl = chunk.rfind('\n');
    if (nl != std::string::npos) return from + static_cast<off_t>(nl) + 1;
    pos = from;
  }
  return floor;
}

// Opens a CSV file of the sweep: created with its header, or, resuming,
// kept up to its last complete line. Returns the descriptor, positioned at the end.
int open_csv(const fs::path& path, const std::string& header, bool resume) {
  if (!resume || !fs::exists(path)) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) fail("create", path);
    write_all(fd, header, path);
    return fd;
  }
  const int fd = ::open(path.c_str(), O_RDWR | O_APPEND | O_CLOEXEC);
  if (fd < 0) fail("open", path);
  const auto header_end = static_cast<off_t>(header.size());
  const off_t size = size_of(fd, path);
  if (size < header_end || read_range(fd, 0, header.size(), path) != header) {
    // Killed before the header was whole, or not this sweep's file.
    if (size > header_end)
      throw OutputError(fmt::format("{} does not start with this sweep's header; it cannot be resumed", path.string()));
    if (::ftruncate(fd, 0) != 0) fail("truncate", path);
    write_all(fd, header, path);
    return fd;
  }
  // Drop a torn last line (a kill during a write).
  off_t end = size;
  if (end > header_end && read_range(fd, end - 1, 1, path) != "\n") end = line_start(fd, end + 1, header_end, path);
  if (end != size && ::ftruncate(fd, end) != 0) fail("truncate", path);
  return fd;
}

// The run index of the last line of an open CSV file (after its header).
std::optional<std::size_t> last_run(int fd, std::size_t header_size, const fs::path& path) {
  const off_t end = size_of(fd, path);
  const auto floor = static_cast<off_t>(header_size);
  if (end <= floor) return std::nullopt;
  const off_t start = line_start(fd, end, floor, path);
  return leading_run(read_range(fd, start, static_cast<std::size_t>(end - start), path));
}

std::size_t count_lines(int fd, std::size_t header_size, const fs::path& path) {
  const off_t end = size_of(fd, path);
  std::size_t lines = 0;
  for (off_t pos = static_cast<off_t>(header_size); pos < end;) {
    const std::size_t n = static_cast<std::size_t>(std::min<off_t>(end - pos, 1 << 20));
    const std::string chunk = read_range(fd, pos, n, path);
    lines += static_cast<std::size_t>(std::count(chunk.begin(), chunk.end(), '\n'));
    pos += static_cast<off_t>(n);
  }
  return lines;
}

std::string journal_entry(const SweepRecord& r) {
  return fmt::format("{} {} {} {}\n{}{}", r.run, r.failed ? 1 : 0, r.row.size(), r.steps.size(), r.row, r.steps);
}

}  // namespace

std::optional<std::size_t> leading_run(std::string_view line) {
  std::size_t run = 0;
  const auto [end, ec] = std::from_chars(line.data(), line.data() + line.size(), run);
  if (ec != std::errc() || end == line.data() || end == line.data() + line.size() || (*end != ',' && *end != ' '))
    return std::nullopt;
  return run;
}

OrderedWriter::OrderedWriter(fs::path dir, Shard shard, std::size_t total_runs, SweepHeaders headers, bool resume,
                             Written written)
    : dir_(std::move(dir)), shard_(shard), owned_(shard.runs_of(total_runs)), keep_steps_(!headers.steps.empty()),
      written_(std::move(written)) {
  runs_fd_ = open_csv(dir_ / "runs.csv", headers.runs, resume);
  failures_fd_ = open_csv(dir_ / "failures.csv", headers.failures, resume);
  if (keep_steps_) steps_fd_ = open_csv(dir_ / "steps.csv", headers.steps, resume);

  // Where the written prefix ends: after the later of the last run and the last failure.
  const auto last_ok = last_run(runs_fd_, headers.runs.size(), dir_ / "runs.csv");
  const auto last_failed = last_run(failures_fd_, headers.failures.size(), dir_ / "failures.csv");
  for (const auto& last : {last_ok, last_failed})
    if (last) next_ = std::max(next_, shard_.ordinal(*last) + 1);
  ok_ = count_lines(runs_fd_, headers.runs.size(), dir_ / "runs.csv");
  failed_ = count_lines(failures_fd_, headers.failures.size(), dir_ / "failures.csv");
  if (ok_ + failed_ != next_)
    throw OutputError(fmt::format("{} holds {} runs and failures where {} were expected; it cannot be resumed",
                                  dir_.string(), ok_ + failed_, next_));
  if (keep_steps_) {  // steps of runs after the prefix (a kill between a run's steps and its row) go
    const fs::path path = dir_ / "steps.csv";
    const auto floor = static_cast<off_t>(headers.steps.size());
    off_t end = size_of(steps_fd_, path);
    while (end > floor) {
      const off_t start = line_start(steps_fd_, end, floor, path);
      const auto run = leading_run(read_range(steps_fd_, start, static_cast<std::size_t>(end - start), path));
      if (run && shard_.ordinal(*run) < next_) break;
      end = start;
    }
    if (::ftruncate(steps_fd_, end) != 0) fail("truncate", path);
  }

  // The journal: runs finished out of order before a kill come back from it.
  const fs::path journal = dir_ / "journal";
  std::string kept;
  if (resume && fs::exists(journal)) {
    const int fd = ::open(journal.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) fail("open", journal);
    const std::string text = read_range(fd, 0, static_cast<std::size_t>(size_of(fd, journal)), journal);
    ::close(fd);
    std::size_t pos = 0;
    while (true) {
      const auto nl = text.find('\n', pos);
      if (nl == std::string::npos) break;
      SweepRecord r;
      int failed = 0;
      std::size_t row_size = 0, steps_size = 0;
      if (std::sscanf(text.substr(pos, nl - pos).c_str(), "%zu %d %zu %zu", &r.run, &failed, &row_size,
                      &steps_size) != 4 || nl + 1 + row_size + steps_size > text.size())
        break;  // a torn last entry
      r.failed = failed != 0;
      r.row = text.substr(nl + 1, row_size);
      r.steps = text.substr(nl + 1 + row_size, steps_size);
      pos = nl + 1 + row_size + steps_size;
      const std::size_t ordinal = shard_.ordinal(r.run);
      if (ordinal < next_ || ordinal >= owned_ || waiting_.count(ordinal)) continue;
      kept += journal_entry(r);
      resumed_.insert(ordinal);
      waiting_.emplace(ordinal, std::move(r));
    }
  }
  journal_fd_ = ::open(journal.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
  if (journal_fd_ < 0) fail("create", journal);
  write_all(journal_fd_, kept, journal);
  journal_bytes_ = kept.size();
  // The journal may hold the very next runs.
  std::lock_guard lock(mutex_);
  while (!waiting_.empty() && waiting_.begin()->first == next_) {
    write_in_order(waiting_.begin()->second);
    waiting_.erase(waiting_.begin());
  }
}

OrderedWriter::~OrderedWriter() {
  for (int fd : {runs_fd_, failures_fd_, steps_fd_, journal_fd_})
    if (fd >= 0) ::close(fd);
}

void OrderedWriter::write_in_order(const SweepRecord& r) {
  if (keep_steps_ && !r.steps.empty()) write_all(steps_fd_, r.steps, dir_ / "steps.csv");
  if (r.failed) {
    write_all(failures_fd_, r.row, dir_ / "failures.csv");
    ++failed_;
  } else {
    write_all(runs_fd_, r.row, dir_ / "runs.csv");
    ++ok_;
  }
  ++next_;
  if (written_) written_(r);
}

void OrderedWriter::append_journal(const SweepRecord& r) {
  const std::string entry = journal_entry(r);
  write_all(journal_fd_, entry, dir_ / "journal");
  journal_bytes_ += entry.size();
}

void OrderedWriter::record(SweepRecord r) {
  std::lock_guard lock(mutex_);
  const std::size_t ordinal = shard_.ordinal(r.run);
  if (ordinal != next_) {
    append_journal(r);
    waiting_.emplace(ordinal, std::move(r));
    return;
  }
  write_in_order(r);
  while (!waiting_.empty() && waiting_.begin()->first == next_) {
    write_in_order(waiting_.begin()->second);
    waiting_.erase(waiting_.begin());
  }
  // Everything finished is in the CSV files now: the journal can start over.
  if (waiting_.empty() && journal_bytes_ > kJournalCompactBytes) {
    if (::ftruncate(journal_fd_, 0) != 0) fail("truncate", dir_ / "journal");
    journal_bytes_ = 0;
  }
}

std::size_t OrderedWriter::done() const {
  std::lock_guard lock(mutex_);
  return next_ + waiting_.size();
}

std::size_t OrderedWriter::ok() const {
  std::lock_guard lock(mutex_);
  return ok_;
}

std::size_t OrderedWriter::failed() const {
  std::lock_guard lock(mutex_);
  return failed_;
}

void OrderedWriter::finish() {
  std::lock_guard lock(mutex_);
  if (next_ != owned_ || !waiting_.empty())
    throw OutputError(fmt::format("internal: {} of {} runs written", next_, owned_));
  for (int* fd : {&runs_fd_, &failures_fd_, &steps_fd_}) {
    if (*fd < 0) continue;
    if (::fsync(*fd) != 0 && errno != EINVAL) fail("write", dir_);
    if (::close(*fd) != 0) fail("write", dir_);
    *fd = -1;
  }
  ::close(journal_fd_);
  journal_fd_ = -1;
  fs::remove(dir_ / "journal");
}

}  // namespace alliance
