#include "io/output_directory.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "io/output_target.hpp"

namespace alliance {

namespace fs = std::filesystem;

namespace {

std::string errno_text() { return std::strerror(errno); }

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

}  // namespace

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

fs::path own_staging_path(const fs::path& final_dir) {
  const fs::path parent = final_dir.has_parent_path() ? final_dir.parent_path() : fs::path(".");
  return parent / fmt::format("{}{}", staging_prefix(final_dir.filename().string()), ::getpid());
}

// A run killed (SIGKILL, power loss) while writing leaves its staging
// directory; the next run into the same place removes those of processes
// of this host that no longer exist.
void remove_stale_staging(const fs::path& final_dir) {
  const fs::path parent = final_dir.has_parent_path() ? final_dir.parent_path() : fs::path(".");
  const std::string prefix = staging_prefix(final_dir.filename().string());
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(parent, ec)) {
    const std::string file = entry.path().filename().string();
    if (file.rfind(prefix, 0) != 0) continue;
    const std::string pid_text = file.substr(prefix.size());
    if (pid_text.empty() || pid_text.size() > 9 || pid_text.find_first_not_of("0123456789") != std::string::npos)
      continue;
    const auto pid = static_cast<pid_t>(std::stol(pid_text));
    if (pid != ::getpid() && ::kill(pid, 0) != 0 && errno == ESRCH) {
      spdlog::debug("removing {}, left by process {} which has ended", entry.path().string(), pid);
      fs::remove_all(entry.path(), ec);
    }
  }
}

void remove_temporary_files(const fs::path& dir) {
  std::error_code ec;
  std::vector<fs::path> stray;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const bool temporary = name.find(".tmp-") != std::string::npos ||
                           (name.size() > 4 && name.compare(name.size() - 4, 4, ".tmp") == 0);
    if (name.size() > 1 && name[0] == '.' && temporary &&
        fs::is_regular_file(it->symlink_status(ec)))
      stray.push_back(it->path());
  }
  for (const auto& p : stray) {
    spdlog::debug("removing {}, a temporary file of a process that was stopped", p.string());
    fs::remove(p, ec);
  }
}

OutputDirectory::OutputDirectory(fs::path final_dir, OutputKind kind)
    : final_(check_output_directory(final_dir, kind)), kind_(kind) {
  const fs::path parent = final_.has_parent_path() ? final_.parent_path() : fs::path(".");
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) throw OutputError(fmt::format("cannot create {}: {}", parent.string(), ec.message()));
  remove_stale_staging(final_);
  staging_ = own_staging_path(final_);
  fs::remove_all(staging_, ec);
  if (!fs::create_directory(staging_, ec) || ec)
    throw OutputError(fmt::format("cannot create {}: {}", staging_.string(), ec ? ec.message() : "exists"));
}

OutputDirectory::OutputDirectory(fs::path final_dir, OutputKind kind, fs::path kept_staging)
    : final_(check_output_directory(final_dir, kind)), kind_(kind), staging_(std::move(kept_staging)),
      keep_staging_(true) {}

OutputDirectory::~OutputDirectory() {
  if (committed_ || keep_staging_) return;
  std::error_code ec;
  fs::remove_all(staging_, ec);
}

OutputFile::OutputFile(fs::path path) : path_(std::move(path)) {
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0) throw OutputError(fmt::format("cannot create {}: {}", path_.string(), errno_text()));
}

OutputFile::OutputFile(OutputFile&& other) noexcept : path_(std::move(other.path_)), fd_(other.fd_) { other.fd_ = -1; }

OutputFile::~OutputFile() {
  if (fd_ >= 0) ::close(fd_);
}

void OutputFile::append(std::string_view bytes) { write_all(fd_, bytes, path_); }

void OutputFile::finish() {
  if (::fsync(fd_) != 0 && errno != EINVAL)
    throw OutputError(fmt::format("cannot write {}: {}", path_.string(), errno_text()));
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) throw OutputError(fmt::format("cannot write {}: {}", path_.string(), errno_text()));
}

OutputFile OutputDirectory::open_file(const std::string& name) const { return OutputFile(staging_ / name); }

void OutputDirectory::write_file(const std::string& name, const std::vector<std::string_view>& parts) {
  OutputFile file = open_file(name);
  for (std::string_view part : parts) file.append(part);
  file.finish();
}

void OutputDirectory::commit() {
  remove_temporary_files(staging_);
  write_manifest(staging_, kind_);
  fsync_path(staging_);
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(final_, ec))) {
    if (::rename(staging_.c_str(), final_.c_str()) != 0)
      throw OutputError(fmt::format("cannot move output into {}: {}", final_.string(), errno_text()));
    spdlog::debug("moved {} into place as {}", staging_.string(), final_.string());
  } else {
    check_output_directory(final_, kind_);  // still ours to replace?
    if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, final_.c_str(), RENAME_EXCHANGE) != 0)
      throw OutputError(fmt::format("cannot replace {}: {}", final_.string(), errno_text()));
    // The staging name now holds the earlier output. A kept staging folder
    // (a sweep's) has a name `--resume` looks at, so the earlier output is
    // first moved to this process's own staging name, which a later run
    // clears if this one is killed while deleting it.
    fs::path previous = staging_;
    if (keep_staging_) {
      previous = own_staging_path(final_);
      fs::remove_all(previous, ec);
      if (::rename(staging_.c_str(), previous.c_str()) != 0) previous = staging_;
    }
    spdlog::debug("replaced the earlier output in {}; deleting it", final_.string());
    fs::remove_all(previous, ec);
  }
  committed_ = true;
  fsync_path(final_.has_parent_path() ? final_.parent_path() : fs::path("."));
}

}  // namespace alliance
