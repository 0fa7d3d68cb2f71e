#pragma once
// One writer per output at a time. A process that is about to write an
// output (run, sweep, --resume, check, merge, analyze into a sweep) holds an
// exclusive flock(2) on "<parent>/.<name>.lock" from before its first check
// until its output is in place; a second one exits at once with the holder's
// process id. The kernel drops the lock when its process dies, so a lock
// left by a kill -9 never blocks: only a live holder does.
#include <filesystem>
#include <stdexcept>

#include "core/error.hpp"

namespace alliance {

// Another live process is writing the same output: exit code 2.
class OutputBusyError : public BadInput {
 public:
  using BadInput::BadInput;
};

class OutputLock {
 public:
  // Takes the lock of the output `final_dir`, or throws OutputBusyError (held
  // by another process) or OutputPathError (the lock cannot be made there).
  explicit OutputLock(const std::filesystem::path& final_dir);
  ~OutputLock();
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;

  static std::filesystem::path lock_path(const std::filesystem::path& final_dir);

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

}  // namespace alliance
