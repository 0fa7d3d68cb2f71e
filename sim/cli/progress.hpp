#pragma once
// A progress line with rate and ETA on a terminal; silent otherwise.
#include <chrono>
#include <string>

namespace alliance {

class ProgressLine {
 public:
  // Shown only when `enabled` and standard error is a terminal.
  ProgressLine(std::string unit, bool enabled);
  void update(std::size_t done, std::size_t total);
  void finish();

 private:
  std::string unit_;
  bool enabled_;
  bool printed_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace alliance
