#pragma once
// A progress line with rate and ETA on a terminal; silent otherwise.
#include <chrono>
#include <string>

namespace alliance {

class ProgressLine {
 public:
  // Shown only when `enabled` and standard error is a terminal.
  ProgressLine(std::string unit, bool enabled);
  // Ends the line, so that an error message after it starts on its own.
  ~ProgressLine() { finish(); }
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;
  void update(std::size_t done, std::size_t total);
  void finish();

 private:
  std::string unit_;
  bool enabled_;
  bool printed_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

// One JSON object per line on standard error, at most once a second and at
// the end, terminal or not: {"done":..,"total":..,"rate":..,"eta_s":..,"elapsed_s":..}
// for cluster logs and dashboards.
class ProgressJson {
 public:
  explicit ProgressJson(std::string unit);
  void update(std::size_t done, std::size_t total);

 private:
  std::string unit_;
  std::chrono::steady_clock::time_point start_, last_;
  bool printed_any_ = false;
  std::size_t start_done_ = 0;
};

}  // namespace alliance
