#include "io/output_directory.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <fmt/format.h>

namespace alliance {

namespace fs = std::filesystem;

namespace {

std::string errno_text() { return std::strerror(errno); }

void write_all(int fd, std::string_view data, const fs::path& path) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      throw OutputError(fmt::format("cannot write {}: {}", path.string(), errno_text()));
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
}

void fsync_path(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// ".<name>.tmp-<host>-": the host, so that on a file system shared by a
// cluster's nodes a run only ever clears what a process of its own host left.
std::string staging_prefix(const std::string& name) {
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return fmt::format(".{}.tmp-{}-", name, host);
}

// A run killed (SIGKILL, power loss) while writing leaves its staging
// directory; the next run into the same place removes those of processes
// of this host that no longer exist.
void remove_stale_staging(const fs::path& parent, const std::string& name) {
  const std::string prefix = staging_prefix(name);
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(parent, ec)) {
    const std::string file = entry.path().filename().string();
    if (file.rfind(prefix, 0) != 0) continue;
    const std::string pid_text = file.substr(prefix.size());
    if (pid_text.empty() || pid_text.find_first_not_of("0123456789") != std::string::npos) continue;
    const auto pid = static_cast<pid_t>(std::stol(pid_text));
    if (pid != ::getpid() && ::kill(pid, 0) != 0 && errno == ESRCH) fs::remove_all(entry.path(), ec);
  }
}

}  // namespace

void write_file_atomically(const fs::path& path, std::string_view bytes) {
  std::error_code ec;
  const auto status = fs::symlink_status(path, ec);
  if (fs::exists(status) && !fs::is_regular_file(status))
    throw OutputPathError(fmt::format("{} exists and is not a regular file; it is left alone", path.string()));
  const fs::path parent = path.has_parent_path() ? path.parent_path() : fs::path(".");
  const fs::path temp = parent / fmt::format(".{}.tmp-{}", path.filename().string(), ::getpid());
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw OutputError(fmt::format("cannot create {}: {}", temp.string(), errno_text()));
  try {
    write_all(fd, bytes, temp);
    if (::fsync(fd) != 0 && errno != EINVAL)
      throw OutputError(fmt::format("cannot write {}: {}", temp.string(), errno_text()));
    const int closing = fd;
    fd = -1;
    if (::close(closing) != 0) throw OutputError(fmt::format("cannot write {}: {}", temp.string(), errno_text()));
  } catch (...) {
    if (fd >= 0) ::close(fd);
    ::unlink(temp.c_str());
    throw;
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string why = errno_text();
    ::unlink(temp.c_str());
    throw OutputError(fmt::format("cannot move {} into place: {}", path.string(), why));
  }
  fsync_path(parent);
}

void OutputDirectory::check_target(const fs::path& final_dir) {
  std::error_code ec;
  const auto status = fs::status(final_dir, ec);
  if (fs::exists(status)) {
    if (!fs::is_directory(status))
      throw OutputPathError(fmt::format("output path {} exists and is not a directory", final_dir.string()));
    const bool empty = fs::is_empty(final_dir, ec);
    if (!empty && !fs::exists(final_dir / kMarker) && !fs::exists(final_dir / kSweepMarker))
      throw OutputPathError(fmt::format(
          "output directory {} is not empty and holds no {} or {}: it was not written by alliance, so it is "
          "left alone; choose another --out", final_dir.string(), kMarker, kSweepMarker));
  }
}

OutputDirectory::OutputDirectory(fs::path final_dir) : final_(std::move(final_dir)) {
  check_target(final_);
  const fs::path parent = final_.has_parent_path() ? final_.parent_path() : fs::path(".");
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) throw OutputError(fmt::format("cannot create {}: {}", parent.string(), ec.message()));
  remove_stale_staging(parent, final_.filename().string());
  staging_ = parent / fmt::format("{}{}", staging_prefix(final_.filename().string()), ::getpid());
  fs::remove_all(staging_, ec);
  if (!fs::create_directory(staging_, ec) || ec)
    throw OutputError(fmt::format("cannot create {}: {}", staging_.string(), ec ? ec.message() : "exists"));
}

OutputDirectory::OutputDirectory(fs::path final_dir, fs::path kept_staging)
    : final_(std::move(final_dir)), staging_(std::move(kept_staging)), keep_staging_(true) {
  check_target(final_);
}

OutputDirectory::~OutputDirectory() {
  if (committed_ || keep_staging_) return;
  std::error_code ec;
  fs::remove_all(staging_, ec);
}

void OutputDirectory::write_file(const std::string& name, const std::vector<std::string_view>& parts) {
  const fs::path path = staging_ / name;
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw OutputError(fmt::format("cannot create {}: {}", path.string(), errno_text()));
  try {
    for (std::string_view part : parts) write_all(fd, part, path);
    if (::fsync(fd) != 0 && errno != EINVAL)
      throw OutputError(fmt::format("cannot write {}: {}", path.string(), errno_text()));
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0) throw OutputError(fmt::format("cannot write {}: {}", path.string(), errno_text()));
}

void OutputDirectory::commit() {
  fsync_path(staging_);
  std::error_code ec;
  if (!fs::exists(final_, ec)) {
    if (::rename(staging_.c_str(), final_.c_str()) != 0)
      throw OutputError(fmt::format("cannot move output into {}: {}", final_.string(), errno_text()));
  } else {
    check_target(final_);  // still ours to replace?
    if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, final_.c_str(), RENAME_EXCHANGE) != 0)
      throw OutputError(fmt::format("cannot replace {}: {}", final_.string(), errno_text()));
    fs::remove_all(staging_, ec);  // now holds the previous output
  }
  committed_ = true;
  fsync_path(final_.has_parent_path() ? final_.parent_path() : fs::path("."));
}

}  // namespace alliance
