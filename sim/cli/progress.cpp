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

ProgressJson::ProgressJson(std::string unit)
    : unit_(std::move(unit)), start_(std::chrono::steady_clock::now()), last_(start_) {}

void ProgressJson::update(std::size_t done, std::size_t total) {
  const auto now = std::chrono::steady_clock::now();
  if (!printed_any_) start_done_ = done;  // runs done before a resume do not count towards the rate
  if (printed_any_ && done < total && now - last_ < std::chrono::seconds(1)) return;
  last_ = now;
  printed_any_ = true;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double rate = elapsed > 0 ? double(done - start_done_) / elapsed : 0.0;
  const double eta = rate > 0 ? double(total - done) / rate : 0.0;
  fmt::print(stderr, "{{\"unit\":\"{}\",\"done\":{},\"total\":{},\"rate\":{:.1f},\"eta_s\":{:.0f},\"elapsed_s\":{:.1f}}}\n",
             unit_, done, total, rate, eta, elapsed);
  std::fflush(stderr);
}

}  // namespace alliance
