#include "scenario/input_error.hpp"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>

namespace alliance {

std::string InputIssue::to_string() const {
  const std::string where = line > 0 ? fmt::format("{}:{}:{}", file, line, column)
                                     : fmt::format("{}", file);
  return key.empty() ? fmt::format("{}: error: {}", where, message)
                     : fmt::format("{}: error: {}: {}", where, key, message);
}

static std::string join_issues(const std::vector<InputIssue>& issues) {
  std::string text;
  for (const auto& issue : issues) {
    if (!text.empty()) text += '\n';
    text += issue.to_string();
  }
  return text;
}

InputError::InputError(std::vector<InputIssue> issues)
    : BadInput(join_issues(issues)), issues_(std::move(issues)) {}

void Diagnostics::add(int line, int column, std::string key, std::string message) {
  issues_.push_back({file_, line, column, std::move(key), std::move(message)});
}

bool Diagnostics::from_argument(const std::string* source_path) const {
  return source_path &&
         std::find(argument_sources_.begin(), argument_sources_.end(), *source_path) != argument_sources_.end();
}

void Diagnostics::add_at(const std::string* source_path, int line, int column, std::string key, std::string message) {
  if (from_argument(source_path)) issues_.push_back({*source_path, 0, 0, std::move(key), std::move(message)});
  else add(line, column, std::move(key), std::move(message));
}

void Diagnostics::throw_if_any() const {
  if (!issues_.empty()) throw InputError(issues_);
}

static std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

std::string nearest_key(std::string_view word, const std::vector<std::string>& candidates) {
  return nearest_key(word, candidates, std::max<std::size_t>(3, word.size() / 2));
}

std::string nearest_key(std::string_view word, const std::vector<std::string>& candidates, std::size_t max_distance) {
  std::string best;
  std::size_t best_distance = max_distance + 1;
  for (const auto& candidate : candidates) {
    const std::size_t d = edit_distance(word, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

}  // namespace alliance
