#pragma once
// Errors at the input boundary: each names the file, line, column and key.
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace alliance {

struct InputIssue {
  std::string file;
  int line = 0;    // 0 = not from a line of the file (a --set override, a missing table)
  int column = 0;
  std::string key; // dotted path, e.g. "alliance.rule" or "state[2].gdp"
  std::string message;

  std::string to_string() const;  // "file:line:col: key: message"
};

// Thrown once input checking is done, carrying every issue found.
class InputError : public BadInput {
 public:
  explicit InputError(std::vector<InputIssue> issues);
  const std::vector<InputIssue>& issues() const { return issues_; }

 private:
  std::vector<InputIssue> issues_;
};

// Collects issues while a file is read, so that one run reports them all.
class Diagnostics {
 public:
  explicit Diagnostics(std::string file) : file_(std::move(file)) {}
  void add(int line, int column, std::string key, std::string message);
  // The sources of values that came from the command line rather than the
  // file: each names its argument ("--set #2 alliance.rule=majorty"), and
  // toml++ keeps it as the value's source path (scenario/overrides.hpp).
  void set_argument_sources(std::vector<std::string> sources) { argument_sources_ = std::move(sources); }
  bool from_argument(const std::string* source_path) const;
  // An issue at a value whose source path is `source_path` (nullptr when it
  // has none): at the argument it came from, with no line, or else at the
  // file's `line` and `column`.
  void add_at(const std::string* source_path, int line, int column, std::string key, std::string message);
  bool empty() const { return issues_.empty(); }
  const std::string& file() const { return file_; }
  const std::vector<InputIssue>& issues() const { return issues_; }
  void throw_if_any() const;

 private:
  std::string file_;
  std::vector<InputIssue> issues_;
  std::vector<std::string> argument_sources_;
};

// The candidate closest to `word` by edit distance ("" when none is close).
std::string nearest_key(std::string_view word, const std::vector<std::string>& candidates);
// The same, within `max_distance` edits: for short words such as state
// codes, where any code is three edits from any other.
std::string nearest_key(std::string_view word, const std::vector<std::string>& candidates, std::size_t max_distance);

}  // namespace alliance
