#include "cli/progress.hpp"

#include <cstdio>

#include <unistd.h>

#include <fmt/format.h>

namespace alliance {

ProgressLine::ProgressLine(std::string unit, bool enabled)
    : unit_(std::move(unit)), enabled_(enabled && ::isatty(STDERR_FILENO)),
      start_(std::chrono::steady_clock::now()), last_(start_) {}

void ProgressLine::update(std::size_t done, std::size_t total) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (done < total && now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double rate = elapsed > 0 ? double(done) / elapsed : 0.0;
  const double eta = rate > 0 ? double(total - done) / rate : 0.0;
  fmt::print(stderr, "\r{}/{} {}  {:.1f}/s  ETA {:.0f}s   ", done, total, unit_, rate, eta);
  std::fflush(stderr);
  printed_ = true;
}

void ProgressLine::finish() {
  if (printed_) fmt::print(stderr, "\n");
  printed_ = false;
}

}  // namespace alliance
