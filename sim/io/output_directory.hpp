#pragma once
// An output directory that appears whole or not at all.
//
// Files are written (and fsync'ed) into a staging directory beside the
// final one, ".<out>.tmp-<host>-<pid>"; commit() then swaps it into place with one
// rename (renameat2 RENAME_EXCHANGE when <out> already holds an earlier
// run), so a reader, a crash or a kill -9 never sees a half-written output
// under the final name.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace alliance {

// The output cannot be written (disk full, permission, ...): exit code 1.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The output path is unusable as given (names a file, or a directory this
// program did not write): exit code 2, nothing touched.
class OutputPathError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Writes one file whole or not at all: into "<dir>/.<name>.tmp-<pid>",
// fsync'ed, then renamed over `path`. Throws OutputError, or OutputPathError
// if `path` exists and is not a regular file (a device, a directory).
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

class OutputDirectory {
 public:
  // The markers that say a directory was written by `alliance` and may be
  // replaced: a run's or a sweep's metadata.
  static constexpr std::string_view kMarker = "run.json";
  static constexpr std::string_view kSweepMarker = "sweep.json";

  // Checks the path without creating anything.
  static void check_target(const std::filesystem::path& final_dir);

  explicit OutputDirectory(std::filesystem::path final_dir);
  // Takes over a staging directory that outlives this process (a sweep's,
  // which `--resume` continues): it is kept, not removed, if never committed.
  OutputDirectory(std::filesystem::path final_dir, std::filesystem::path kept_staging);
  ~OutputDirectory();
  OutputDirectory(const OutputDirectory&) = delete;
  OutputDirectory& operator=(const OutputDirectory&) = delete;

  // Writes `name` as the concatenation of `parts`.
  void write_file(const std::string& name, const std::vector<std::string_view>& parts);
  void commit();

  const std::filesystem::path& final_path() const { return final_; }
  const std::filesystem::path& staging_path() const { return staging_; }

 private:
  std::filesystem::path final_;
  std::filesystem::path staging_;
  bool committed_ = false;
  bool keep_staging_ = false;
};

}  // namespace alliance
