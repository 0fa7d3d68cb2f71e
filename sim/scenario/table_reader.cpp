#include "scenario/table_reader.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "scenario/toml_shape.hpp"

namespace alliance {

namespace {

std::string_view type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    default: return "nothing";
  }
}

std::string describe(Range r) {
  if (r.hi >= kNoUpperLimit) return r.lo_open ? fmt::format("a number > {}", r.lo) : fmt::format("a number >= {}", r.lo);
  return fmt::format("a number in {}{}, {}]", r.lo_open ? "(" : "[", r.lo, r.hi);
}

}  // namespace

toml::table parse_toml(std::string_view text, const std::string& source) {
  check_toml_shape(text, source);  // before toml++ can overflow its stack on it
  try {
    return toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    throw InputError({{source, static_cast<int>(e.source().begin.line),
                       static_cast<int>(e.source().begin.column), "",
                       fmt::format("TOML syntax error: {}", e.description())}});
  }
}

TableReader::TableReader(const toml::table& table, std::string path, Diagnostics& diagnostics)
    : table_(table), path_(std::move(path)), diagnostics_(diagnostics) {}

std::string TableReader::key_path(std::string_view key) const {
  return path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key);
}

void TableReader::error_at(const toml::node* where, std::string_view key, std::string message) {
  const auto& src = where ? where->source() : table_.source();
  diagnostics_.add_at(src.path.get(), static_cast<int>(src.begin.line), static_cast<int>(src.begin.column),
                      key_path(key), std::move(message));
}

const toml::node* TableReader::find(std::string_view key) {
  known_.emplace_back(key);
  return table_.get(key);
}

const toml::node* TableReader::node(std::string_view key) { return find(key); }

std::optional<double> TableReader::required_number(std::string_view key, Range range) {
  const toml::node* n = find(key);
  if (!n) {
    error_at(nullptr, key, fmt::format("missing; expected {}", describe(range)));
    return std::nullopt;
  }
  std::optional<double> value;
  if (auto i = n->as_integer()) value = static_cast<double>(i->get());
  else if (auto f = n->as_floating_point()) value = f->get();
  if (!value) {
    error_at(n, key, fmt::format("expected {}, got {}", describe(range), type_name(*n)));
    return std::nullopt;
  }
  if (!std::isfinite(*value)) {
    error_at(n, key, fmt::format("expected {}, got {}", describe(range), *value));
    return std::nullopt;
  }
  const bool below = range.lo_open ? *value <= range.lo : *value < range.lo;
  if (below || *value > range.hi) {
    error_at(n, key, fmt::format("expected {}, got {}", describe(range), *value));
    return std::nullopt;
  }
  return value;
}

double TableReader::number(std::string_view key, double fallback, Range range) {
  if (!table_.get(key)) {
    known_.emplace_back(key);
    return fallback;
  }
  return required_number(key, range).value_or(fallback);
}

long long TableReader::integer(std::string_view key, long long fallback, long long lo, long long hi,
                               std::string_view above_hi) {
  const toml::node* n = find(key);
  if (!n) return fallback;
  auto i = n->as_integer();
  if (!i) {
    error_at(n, key, fmt::format("expected an integer in [{}, {}], got {}", lo, hi, type_name(*n)));
    return fallback;
  }
  if (i->get() < lo || i->get() > hi) {
    const std::string why = i->get() > hi && !above_hi.empty() ? fmt::format(" ({})", above_hi) : "";
    error_at(n, key, fmt::format("expected an integer in [{}, {}], got {}{}", lo, hi, i->get(), why));
    return fallback;
  }
  return i->get();
}

bool TableReader::boolean(std::string_view key, bool fallback) {
  const toml::node* n = find(key);
  if (!n) return fallback;
  if (auto b = n->as_boolean()) return b->get();
  error_at(n, key, fmt::format("expected true or false, got {}", type_name(*n)));
  return fallback;
}

std::optional<std::string> TableReader::required_string(std::string_view key) {
  const toml::node* n = find(key);
  if (!n) {
    error_at(nullptr, key, "missing; expected a string");
    return std::nullopt;
  }
  if (auto s = n->as_string()) return s->get();
  error_at(n, key, fmt::format("expected a string, got {}", type_name(*n)));
  return std::nullopt;
}

std::string TableReader::string(std::string_view key, std::string fallback) {
  if (!table_.get(key)) {
    known_.emplace_back(key);
    return fallback;
  }
  return required_string(key).value_or(std::move(fallback));
}

std::vector<std::string> TableReader::strings(std::string_view key) {
  std::vector<std::string> out;
  const toml::node* n = find(key);
  if (!n) return out;
  const toml::array* arr = n->as_array();
  if (!arr) {
    error_at(n, key, fmt::format("expected an array of strings, got {}", type_name(*n)));
    return out;
  }
  for (const auto& element : *arr) {
    if (auto s = element.as_string()) out.push_back(s->get());
    else error_at(&element, key, fmt::format("expected an array of strings, found {}", type_name(element)));
  }
  return out;
}

const toml::table* TableReader::table(std::string_view key) {
  const toml::node* n = find(key);
  if (!n) return nullptr;
  if (auto t = n->as_table()) return t;
  error_at(n, key, fmt::format("expected a table, got {}", type_name(*n)));
  return nullptr;
}

const toml::array* TableReader::array_of_tables(std::string_view key) {
  const toml::node* n = find(key);
  if (!n) return nullptr;
  const toml::array* arr = n->as_array();
  if (!arr || !arr->is_array_of_tables()) {
    error_at(n, key, fmt::format("expected an array of tables ([[{}]]), got {}", key, type_name(*n)));
    return nullptr;
  }
  return arr;
}

void TableReader::finish() {
  for (const auto& [key, value] : table_) {
    const std::string_view name = key.str();
    if (std::find(known_.begin(), known_.end(), name) != known_.end()) continue;
    const std::string suggestion = nearest_key(name, known_);
    const auto& src = value.source();
    diagnostics_.add_at(src.path.get(), static_cast<int>(src.begin.line), static_cast<int>(src.begin.column),
                        key_path(name),
                     suggestion.empty() ? std::string("unknown key")
                                        : fmt::format("unknown key; did you mean '{}'?", suggestion));
  }
}

std::optional<int> read_step(TableReader& r, std::string_view key, const RunCalendar& calendar, bool required) {
  const toml::node* n = r.node(key);
  if (!n) {
    if (required) r.error_at(nullptr, key, "missing; expected a step number or a \"YYYY-MM\" date");
    return std::nullopt;
  }
  return read_point_in_time(r, key, *n, calendar);
}

GeoPoint read_position(TableReader& r) {
  static constexpr Range kLatitude{-90.0, 90.0};
  static constexpr Range kLongitude{-180.0, 180.0};
  GeoPoint p;
  p.latitude = r.required_number("latitude", kLatitude).value_or(0.0);
  p.longitude = r.required_number("longitude", kLongitude).value_or(0.0);
  return p;
}

std::optional<int> read_point_in_time(TableReader& reader, std::string_view key, const toml::node& node,
                                      const RunCalendar& calendar) {
  StepOfPoint point;
  if (auto i = node.as_integer()) point = step_of_point(i->get(), calendar);
  else if (auto s = node.as_string()) point = step_of_point(std::string_view(s->get()), calendar);
  else point.error = fmt::format("expected a step number or a \"YYYY-MM\" date, got {}", type_name(node));
  if (!point.step) reader.error_at(&node, key, std::move(point.error));
  return point.step;
}

}  // namespace alliance
