#include "scenario/overrides.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "scenario/input_error.hpp"
#include "scenario/parameters.hpp"
#include "scenario/table_reader.hpp"
#include "scenario/toml_shape.hpp"

namespace alliance {

namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t dot = path.find('.', start);
    const std::size_t end = dot == std::string_view::npos ? path.size() : dot;
    parts.emplace_back(path.substr(start, end - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts;
}

// An element of an array of tables, by index or by its `code`/`id`.
toml::table* select_element(toml::array& arr, const std::string& selector) {
  std::size_t index = 0;
  auto [ptr, ec] = std::from_chars(selector.data(), selector.data() + selector.size(), index);
  if (ec == std::errc{} && ptr == selector.data() + selector.size())
    return index < arr.size() ? arr.get(index)->as_table() : nullptr;
  for (auto& element : arr) {
    toml::table* t = element.as_table();
    if (!t) continue;
    for (const char* name : {"code", "id"}) {
      if (auto v = t->get_as<std::string>(name); v && v->get() == selector) return t;
    }
  }
  return nullptr;
}

// The value is read as TOML when it parses as one, else taken as a string.
// Its shape is checked first, like a file's (scenario/toml_shape.hpp): a
// value too deep for the parser is an error, not a string.
void assign_value(toml::table& table, const std::string& key, const std::string& text) {
  const std::string line = "v = " + text;
  check_toml_shape(line, "--set");
  try {
    toml::table parsed = toml::parse(line);
    if (toml::node* v = parsed.get("v")) {
      v->visit([&](auto&& value) { table.insert_or_assign(key, value); });
      return;
    }
  } catch (const toml::parse_error&) {
  }
  table.insert_or_assign(key, text);
}

void apply_one(toml::table& root, const std::string& assignment, const std::string& source) {
  // A long assignment is cut in the message: it may be thousands of parts.
  const std::string shown = assignment.size() > 80 ? assignment.substr(0, 60) + "..." : assignment;
  auto fail = [&](std::string message) {
    throw InputError({{source, 0, 0, fmt::format("--set {}", shown), std::move(message)}});
  };
  const std::size_t eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0) fail("expected dotted.key=value");
  // The same limit as for a key in a file (scenario/toml_shape.hpp): each
  // part is a table nested in the one before.
  const auto dots = std::count(assignment.begin(), assignment.begin() + static_cast<std::ptrdiff_t>(eq), '.');
  if (dots + 1 > kMaxKeyParts)
    fail(fmt::format("a key path of {} parts; the limit is {} (no scenario key has more than a few)", dots + 1,
                     kMaxKeyParts));
  const std::vector<std::string> parts = split_path(assignment.substr(0, eq));
  toml::table* table = &root;
  std::string declared;  // the path without array elements, as parameters are declared
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    const std::string& part = parts[i];
    if (part.empty()) fail("empty key in the path");
    declared += part + ".";
    toml::node* next = table->get(part);
    if (!next) {
      table->insert(part, toml::table{});
      table = table->get(part)->as_table();
    } else if (toml::table* t = next->as_table()) {
      table = t;
    } else if (toml::array* arr = next->as_array(); arr && arr->is_array_of_tables()) {
      if (i + 2 >= parts.size()) fail(fmt::format("[[{}]] needs an element: {}.CODE.key or {}.INDEX.key", part, part, part));
      table = select_element(*arr, parts[++i]);
      if (!table) fail(fmt::format("no [[{}]] element with code, id or index \"{}\"", part, parts[i]));
    } else {
      fail(fmt::format("\"{}\" is not a table", part));
    }
  }
  if (parts.back().empty()) fail("empty key in the path");
  try {
    assign_value(*table, parts.back(), assignment.substr(eq + 1));
  } catch (const InputError& e) {  // the value's shape
    fail(fmt::format("the value: {}", e.issues().empty() ? e.what() : e.issues().front().message));
  }
  // A declared parameter is checked now, by its declaration and with the
  // reader's own checks, so that the message names the --set and not a line
  // of the file; any other key is checked when the file is read.
  if (const ParamInfo* info = find_parameter(declared + parts.back())) {
    Diagnostics diagnostics(source);
    TableReader reader(*table, "", diagnostics);
    check_parameter(reader, *info);
    if (!diagnostics.empty()) fail(diagnostics.issues().front().message);
  }
}

}  // namespace

void apply_overrides(toml::table& root, const std::vector<std::string>& overrides, const std::string& source) {
  for (const auto& assignment : overrides) apply_one(root, assignment, source);
}

}  // namespace alliance
