#include "io/output_lock.hpp"

#include <cerrno>
#include <cstring>
#include <string>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "io/output_directory.hpp"

namespace alliance {

namespace fs = std::filesystem;

namespace {

std::string holder_of(const fs::path& path) {
  char text[256] = {};
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0) return "another process";
  const ssize_t n = ::read(fd, text, sizeof text - 1);
  ::close(fd);
  std::string s(text, n > 0 ? static_cast<std::size_t>(n) : 0);
  while (!s.empty() && (s.back() == '\n' || s.back() == '\0')) s.pop_back();
  return s.empty() ? "another process" : s;
}

}  // namespace

fs::path OutputLock::lock_path(const fs::path& final_dir) {
  std::string name = final_dir.string();
  while (name.size() > 1 && name.back() == '/') name.pop_back();  // "results/x/" is results/x
  const fs::path dir = name;
  const fs::path parent = dir.has_parent_path() ? dir.parent_path() : fs::path(".");
  return parent / fmt::format(".{}.lock", dir.filename().string());
}

OutputLock::OutputLock(const fs::path& final_dir) : path_(lock_path(final_dir)) {
  std::error_code ec;
  fs::create_directories(path_.parent_path(), ec);
  // Another process may unlink the lock file between our open and flock (it
  // does so on release); then the inode we hold is no longer the file at
  // the path, and we try again.
  for (int attempt = 0; attempt < 100; ++attempt) {
    const int fd = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0644);
    if (fd < 0)
      throw OutputPathError(fmt::format("cannot create the lock {}: {}", path_.string(), std::strerror(errno)));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int error = errno;
      ::close(fd);
      if (error == EWOULDBLOCK)
        throw OutputBusyError(fmt::format(
            "{} is being written by {}; wait for it to finish or stop it (a lock is never left behind by a "
            "process that has ended)", final_dir.string(), holder_of(path_)));
      if (error == EINTR) continue;
      // A file system without locks (some cluster mounts): go on unguarded, and say so.
      spdlog::warn("cannot lock {} ({}); make sure no other process writes {} at the same time", path_.string(),
                   std::strerror(error), final_dir.string());
      return;
    }
    struct stat held {}, named {};
    if (::fstat(fd, &held) == 0 && ::stat(path_.c_str(), &named) == 0 && held.st_ino == named.st_ino &&
        held.st_dev == named.st_dev) {
      char host[256] = {};
      if (::gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
      const std::string who = fmt::format("process {} on {}\n", ::getpid(), host);
      if (::ftruncate(fd, 0) == 0 && ::pwrite(fd, who.data(), who.size(), 0) < 0) {
        // The holder's name is a courtesy for the message above; the lock holds without it.
      }
      fd_ = fd;
      spdlog::debug("locked {}", path_.string());
      return;
    }
    ::close(fd);
  }
  throw OutputBusyError(fmt::format("{} is being locked and unlocked by other processes; try again",
                                    final_dir.string()));
}

OutputLock::~OutputLock() {
  if (fd_ < 0) return;
  // Unlinked while still held: a process that opened it meanwhile finds the
  // inode gone from the path after its flock, and retries (see above).
  ::unlink(path_.c_str());
  ::close(fd_);
}

}  // namespace alliance
