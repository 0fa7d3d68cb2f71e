#include "scenario/input_file.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "scenario/input_error.hpp"

namespace alliance {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void refuse(const fs::path& path, std::string message) {
  throw InputError({{path.string(), 0, 0, "", std::move(message)}});
}

// Why a file of this type is not read ("" for a regular file).
std::string_view not_regular(mode_t mode) {
  if (S_ISREG(mode)) return "";
  if (S_ISDIR(mode)) return "it is a directory";
  if (S_ISFIFO(mode)) return "it is a FIFO (named pipe), not a regular file";
  if (S_ISCHR(mode)) return "it is a device (like /dev/zero), not a regular file";
  if (S_ISBLK(mode)) return "it is a block device, not a regular file";
  if (S_ISSOCK(mode)) return "it is a socket, not a regular file";
  return "it is not a regular file";
}

// Why stat or open failed, in words.
std::string failure(const fs::path& path, int error) {
  if (error == ENOENT) {
    struct stat link {};
    if (::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode))
      return "it is a symbolic link to a file that does not exist";
    return "it does not exist";
  }
  return std::strerror(error);
}

// The file's type, following symbolic links; refuses all but a regular file.
struct stat regular_file_status(const fs::path& path, std::string_view what) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) refuse(path, fmt::format("cannot open the {}: {}", what, failure(path, errno)));
  if (const auto why = not_regular(st.st_mode); !why.empty()) refuse(path, fmt::format("cannot open the {}: {}", what, why));
  return st;
}

class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() { ::close(fd_); }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

std::string read_input_file(const fs::path& path, const InputKind& kind) {
  const auto started = std::chrono::steady_clock::now();
  auto cannot_open = [&](std::string_view why) { refuse(path, fmt::format("cannot open the {}: {}", kind.what, why)); };
  auto too_large = [&] {
    refuse(path, fmt::format("cannot read the {}: it is larger than the limit of {} MB ({}); is it the right file?",
                             kind.what, kind.max_bytes >> 20, kind.why_limit));
  };
  // stat first, so that a device is refused without being opened (opening
  // one can have effects, such as rewinding a tape).
  struct stat st = regular_file_status(path, kind.what);
  // O_NONBLOCK: should the path have become a FIFO since, open returns at
  // once instead of waiting for a writer; fstat then refuses it.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) cannot_open(failure(path, errno));
  const Descriptor file(fd);
  if (::fstat(fd, &st) != 0) cannot_open(std::strerror(errno));
  if (const auto why = not_regular(st.st_mode); !why.empty()) cannot_open(why);
  if (static_cast<std::uintmax_t>(st.st_size) > kind.max_bytes) too_large();

  // At most one byte past the limit: the file may grow while it is read.
  std::string bytes;
  bytes.reserve(static_cast<std::size_t>(st.st_size));
  char chunk[1 << 16];
  while (bytes.size() <= kind.max_bytes) {
    const std::size_t want = std::min(sizeof chunk, kind.max_bytes + 1 - bytes.size());
    const ssize_t got = ::read(fd, chunk, want);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) refuse(path, fmt::format("cannot read the {}: {}", kind.what, std::strerror(errno)));
    if (got == 0) break;
    bytes.append(chunk, static_cast<std::size_t>(got));
  }
  if (bytes.size() > kind.max_bytes) too_large();
  // -v shows the files a command reads; at -vv only, a data table (a sweep
  // reads it again for every point; data_series.cpp says at -v when it is
  // parsed) and alliance's own metadata (read to check an output folder).
  spdlog::log(kind.what == "data table" || &kind == &kMetadataFile ? spdlog::level::debug : spdlog::level::info,
              "read {} ({}, {} bytes) in {:.1f} ms", path.string(), kind.what, bytes.size(),
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
  return bytes;
}

void require_regular_file(const fs::path& path, std::string_view what) { regular_file_status(path, what); }

}  // namespace alliance
