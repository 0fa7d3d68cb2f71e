#include "scenario/overrides.hpp"

#include <algorithm>
#include <charconv>
#include <span>

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

// The codes and ids of an array's elements, for a suggestion.
std::vector<std::string> element_names(const toml::array& arr) {
  std::vector<std::string> names;
  for (const auto& element : arr)
    if (const toml::table* t = element.as_table())
      for (const char* name : {"code", "id"})
        if (auto v = t->get_as<std::string>(name)) names.push_back(v->get());
  return names;
}

// The tables `parts` leads to from `table`; false, with `out.error`, when
// the path cannot be followed.
bool walk(toml::table& table, std::span<const std::string> parts, std::string declared, TomlPathTargets& out,
          const std::string& origin) {
  const std::string& part = parts.front();
  if (part.empty()) {
    out.error = "empty key in the path";
    return false;
  }
  declared += part;
  if (parts.size() == 1) {
    out.tables.push_back(&table);
    out.key = part;
    out.declared = declared;
    return true;
  }
  declared += '.';
  auto fail = [&](std::string why) {
    out.error = std::move(why);
    return false;
  };
  auto no_element = [&] {
    return fail(fmt::format("[[{}]] needs an element: {}.CODE.key, {}.INDEX.key or {}.*.key", part, part, part, part));
  };
  const std::string& selector = parts[1];
  toml::node* next = table.get(part);
  if (selector == "*") {  // every element of an array of tables
    toml::array* arr = next ? next->as_array() : nullptr;
    if (!arr) return fail(next ? fmt::format("\"{}\" is not an array of tables", part)
                               : fmt::format("no [[{}]] for \"*\"", part));
    if (parts.size() == 2) return no_element();
    for (auto& element : *arr)
      if (toml::table* t = element.as_table())
        if (!walk(*t, parts.subspan(2), declared, out, origin)) return false;
    return true;
  }
  if (!next) {
    if (origin.empty()) {
      table.insert(part, toml::table{});
    } else {
      // Made with the argument as its source, so that a misspelt table name
      // is reported against the argument (overrides.hpp).
      toml::table parsed = toml::parse("v = {}", origin);
      table.insert(part, std::move(*parsed.get("v")->as_table()));
      table.get(part)->as_table()->is_inline(false);
    }
    return walk(*table.get(part)->as_table(), parts.subspan(1), declared, out, origin);
  }
  if (toml::table* t = next->as_table()) return walk(*t, parts.subspan(1), declared, out, origin);
  if (toml::array* arr = next->as_array(); arr && arr->is_array_of_tables()) {
    if (parts.size() == 2) return no_element();
    toml::table* element = select_element(*arr, selector);
    if (!element) {
      // One edit for a code of three letters ("GRX" for "GRC"), more for longer ids.
      const std::string near = nearest_key(selector, element_names(*arr), std::max<std::size_t>(1, selector.size() / 3));
      return fail(fmt::format("no [[{}]] element with code, id or index \"{}\"{}", part, selector,
                              near.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", near)));
    }
    return walk(*element, parts.subspan(2), declared, out, origin);
  }
  return fail(fmt::format("\"{}\" is not a table", part));
}

// `text` as a TOML basic string: "..." with its quotes, backslashes and
// control characters escaped.
std::string toml_string_literal(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u == 0x7f) {
      out += fmt::format("\\u{:04X}", u);
    } else {
      out += c;
    }
  }
  return out + '"';
}

// The value is read as TOML when it parses as one, else taken as a string.
// Its shape is checked first, like a file's (scenario/toml_shape.hpp): a
// value too deep for the parser is an error, not a string. With an `origin`
// the value is parsed under it as its source path, and moved in with it
// (toml++ keeps a node's source when moved, drops it when copied): the
// reader then reports a problem with the value against the argument
// (Diagnostics::add_at). Without, it is copied in with no source (line 0).
void assign_value(toml::table& table, const std::string& key, const std::string& text, const std::string& origin) {
  const std::string line = "v = " + text;
  check_toml_shape(line, "--set");
  auto insert = [&](toml::table& parsed) {
    toml::node* v = parsed.get("v");
    if (!v) return false;
    if (origin.empty()) v->visit([&](auto&& value) { table.insert_or_assign(key, value); });
    else v->visit([&](auto&& value) { table.insert_or_assign(key, std::move(value)); });
    return true;
  };
  try {
    toml::table parsed = origin.empty() ? toml::parse(line) : toml::parse(line, origin);
    if (insert(parsed)) return;
  } catch (const toml::parse_error&) {
  }
  if (origin.empty()) {
    table.insert_or_assign(key, text);
    return;
  }
  try {
    toml::table parsed = toml::parse("v = " + toml_string_literal(text), origin);
    insert(parsed);
  } catch (const toml::parse_error&) {  // not even text: bytes that are not UTF-8
    throw InputError({{origin, 0, 0, key, "not UTF-8 text"}});
  }
}

// One override; its problems name `origin` (the argument) when there is
// one, else the file and the assignment as the key.
void apply_one(toml::table& root, const std::string& assignment, const std::string& source, const std::string& origin) {
  // A long assignment is cut in the message: it may be thousands of parts.
  const std::string shown = assignment.size() > 80 ? assignment.substr(0, 60) + "..." : assignment;
  const std::size_t eq = assignment.find('=');
  auto fail = [&](std::string message) {
    if (origin.empty()) throw InputError({{source, 0, 0, fmt::format("--set {}", shown), std::move(message)}});
    const std::string path = eq == std::string::npos ? std::string() : assignment.substr(0, eq);
    const std::string key = path.size() > 80 ? path.substr(0, 60) + "..." : path;
    throw InputError({{origin, 0, 0, key, std::move(message)}});
  };
  if (eq == std::string::npos || eq == 0) fail("expected dotted.key=value, e.g. alliance.rule=majority");
  const TomlPathTargets at = walk_toml_path(root, std::string_view(assignment).substr(0, eq), origin);
  if (!at.error.empty()) fail(at.error);
  const ParamInfo* info = find_parameter(at.declared);
  for (toml::table* table : at.tables) {
    try {
      assign_value(*table, at.key, assignment.substr(eq + 1), origin);
    } catch (const InputError& e) {  // the value's shape
      fail(fmt::format("the value: {}", e.issues().empty() ? e.what() : e.issues().front().message));
    }
    // A declared parameter is checked now, by its declaration and with the
    // reader's own checks, so that the message names the --set and not a line
    // of the file; any other key is checked when the file is read.
    if (info) {
      Diagnostics diagnostics(source);
      TableReader reader(*table, "", diagnostics);
      check_parameter(reader, *info);
      if (!diagnostics.empty()) fail(diagnostics.issues().front().message);
    }
  }
}

}  // namespace

TomlPathTargets walk_toml_path(toml::table& root, std::string_view path, const std::string& origin) {
  TomlPathTargets out;
  // The same limit as for a key in a file (scenario/toml_shape.hpp): each
  // part is a table nested in the one before.
  const auto parts = std::count(path.begin(), path.end(), '.') + 1;
  if (parts > kMaxKeyParts) {
    out.error = fmt::format("a key path of {} parts; the limit is {} (no scenario key has more than a few)", parts,
                            kMaxKeyParts);
    return out;
  }
  if (!walk(root, split_path(path), "", out, origin)) out.tables.clear();
  return out;
}

void apply_overrides(toml::table& root, const std::vector<std::string>& overrides, const std::string& source,
                     const std::vector<std::string>& origins) {
  if (origins.empty()) {
    for (const auto& assignment : overrides) apply_one(root, assignment, source, {});
    return;
  }
  // From the command line: every override's problem at once, each naming
  // its argument.
  std::vector<InputIssue> issues;
  for (std::size_t i = 0; i < overrides.size(); ++i) {
    try {
      apply_one(root, overrides[i], source, i < origins.size() ? origins[i] : std::string());
    } catch (const InputError& e) {
      issues.insert(issues.end(), e.issues().begin(), e.issues().end());
    }
  }
  if (!issues.empty()) throw InputError(std::move(issues));
}

}  // namespace alliance
