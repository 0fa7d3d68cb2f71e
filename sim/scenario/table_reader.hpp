#pragma once
// Reads one TOML table key by key, checking types and ranges, and reports
// every key it was never asked about as unknown (a typo never passes).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <toml++/toml.h>

#include "core/calendar.hpp"
#include "core/geo.hpp"
#include "core/parameter.hpp"  // Range, kUnit, kNonNegative, kPositive
#include "scenario/input_file.hpp"  // read_input_file: each reader reads its file with it, then parse_toml
#include "scenario/input_error.hpp"

namespace alliance {

// Parses TOML text; a syntax error, or a key or nesting deeper than the
// limits of scenario/toml_shape.hpp, becomes an InputError naming the line.
toml::table parse_toml(std::string_view text, const std::string& source);

class TableReader {
 public:
  TableReader(const toml::table& table, std::string path, Diagnostics& diagnostics);

  double number(std::string_view key, double fallback, Range range);
  std::optional<double> required_number(std::string_view key, Range range);
  // `above_hi`, if given, is appended when the value exceeds `hi`: why the
  // limit exists and how to go beyond it.
  long long integer(std::string_view key, long long fallback, long long lo, long long hi,
                    std::string_view above_hi = {});
  bool boolean(std::string_view key, bool fallback);
  std::string string(std::string_view key, std::string fallback);
  std::optional<std::string> required_string(std::string_view key);
  std::vector<std::string> strings(std::string_view key);
  // The node under `key`, or nullptr; marks the key known. For values whose
  // type varies (a step number or a "YYYY-MM" date).
  const toml::node* node(std::string_view key);
  const toml::table* table(std::string_view key);
  const toml::array* array_of_tables(std::string_view key);

  // Report unknown keys; call once all known keys were read.
  void finish();

  std::string key_path(std::string_view key) const;
  void error_at(const toml::node* where, std::string_view key, std::string message);
  Diagnostics& diagnostics() { return diagnostics_; }

 private:
  const toml::node* find(std::string_view key);

  const toml::table& table_;
  std::string path_;
  Diagnostics& diagnostics_;
  std::vector<std::string> known_;
};

// A point in time (core/calendar.hpp, step_of_point): an integer step or a
// "YYYY-MM" date, a step of the run; nullopt (and an error) when not.
std::optional<int> read_point_in_time(TableReader& reader, std::string_view key, const toml::node& node,
                                      const RunCalendar& calendar);

// `key` as a point in time; absent: nullopt (an error when `required`).
std::optional<int> read_step(TableReader& r, std::string_view key, const RunCalendar& calendar, bool required);

// A place: `latitude` and `longitude`, both required, in degrees.
GeoPoint read_position(TableReader& r);

// A choice among fixed words; `fallback` when absent or wrong (after an error).
template <typename Enum>
Enum read_choice(TableReader& r, std::string_view key, Enum fallback,
                 const std::vector<std::pair<std::string, Enum>>& choices) {
  const toml::node* n = r.node(key);
  if (!n) return fallback;
  std::vector<std::string> words;
  for (const auto& [word, value] : choices) words.push_back(word);
  if (const auto s = n->value<std::string>()) {
    for (const auto& [word, value] : choices)
      if (*s == word) return value;
    const std::string near = nearest_key(*s, words);
    r.error_at(n, key, fmt::format("unknown value \"{}\"; expected one of {}{}", *s, fmt::join(words, ", "),
                                   near.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", near)));
  } else {
    r.error_at(n, key, fmt::format("expected a string, one of {}", fmt::join(words, ", ")));
  }
  return fallback;
}

}  // namespace alliance
