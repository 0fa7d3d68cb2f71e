#pragma once
// An output directory that appears whole or not at all.
//
// Files are written (and fsync'ed) into a staging directory beside the
// final one, ".<out>.tmp-<host>-<pid>"; commit() then swaps it into place with one
// rename (renameat2 RENAME_EXCHANGE when <out> already holds an earlier
// run), so a reader, a crash or a kill -9 never sees a half-written output
// under the final name. Its last file is manifest.json (io/output_manifest.hpp),
// which is what later lets alliance replace it, and nothing else.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "io/output_manifest.hpp"

#include "core/error.hpp"

namespace alliance {

// The output cannot be written (disk full, permission, ...): exit code 1.
class OutputError : public RunFailure {
 public:
  using RunFailure::RunFailure;
};

// The output path is unusable as given (names a file, a link, or a folder
// that is not an earlier output of the same kind): exit code 2, nothing touched.
class OutputPathError : public BadInput {
 public:
  using BadInput::BadInput;
};

// Writes all of `data` to the open descriptor `fd` (retrying short writes and
// EINTR); OutputError naming `path` otherwise.
void write_all(int fd, std::string_view data, const std::filesystem::path& path);

// Writes one file whole or not at all: into "<dir>/.<name>.tmp-<pid>",
// fsync'ed, then renamed over `path`. Throws OutputError, or OutputPathError
// if `path` exists and is not a regular file (a device, a directory).
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

// One file of an output directory written piece by piece (a run's table,
// streamed as its replicates finish). finish() fsyncs and closes it; a file
// never finished is closed, incomplete, with its directory never committed.
class OutputFile {
 public:
  explicit OutputFile(std::filesystem::path path);  // creates (truncates) it
  ~OutputFile();
  OutputFile(OutputFile&& other) noexcept;
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  OutputFile& operator=(OutputFile&&) = delete;

  void append(std::string_view bytes);
  void finish();

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

class OutputDirectory {
 public:
  // The metadata files of a run or check, and of a sweep.
  static constexpr std::string_view kMarker = "run.json";
  static constexpr std::string_view kSweepMarker = "sweep.json";

  // Checks `final_dir` (check_output_directory) and makes a staging folder.
  OutputDirectory(std::filesystem::path final_dir, OutputKind kind);
  // Takes over a staging directory that outlives this process (a sweep's,
  // which `--resume` continues): it is kept, not removed, if never committed.
  OutputDirectory(std::filesystem::path final_dir, OutputKind kind, std::filesystem::path kept_staging);
  ~OutputDirectory();
  OutputDirectory(const OutputDirectory&) = delete;
  OutputDirectory& operator=(const OutputDirectory&) = delete;

  // Writes `name` as the concatenation of `parts`.
  void write_file(const std::string& name, const std::vector<std::string_view>& parts);
  // Creates `name`, to be written piece by piece.
  OutputFile open_file(const std::string& name) const;
  // Removes stray temporary files, writes manifest.json, and moves the
  // staging folder into place (swapping out an earlier output, then deleting it).
  void commit();

  const std::filesystem::path& final_path() const { return final_; }
  const std::filesystem::path& staging_path() const { return staging_; }

 private:
  std::filesystem::path final_;
  OutputKind kind_;
  std::filesystem::path staging_;
  bool committed_ = false;
  bool keep_staging_ = false;
};

// ".<name>.tmp-<host>-<pid>" beside `final_dir`: this process's staging name.
std::filesystem::path own_staging_path(const std::filesystem::path& final_dir);

// Removes staging folders beside `final_dir` left by processes of this host
// that no longer exist.
void remove_stale_staging(const std::filesystem::path& final_dir);

// Removes the temporary files a killed writer leaves (".<name>.tmp-<pid>",
// ".<name>.tmp") anywhere under `dir`.
void remove_temporary_files(const std::filesystem::path& dir);

}  // namespace alliance
