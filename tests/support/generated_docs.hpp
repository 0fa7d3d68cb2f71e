#pragma once
// Documentation written from the declarations: a block of a markdown file,
// from a line "<!-- BEGIN KIND NAME: any words -->" to a line
// "<!-- END KIND -->", is rewritten from the declaration NAME names (a
// parameter table, an output table); a test checks that the file holds what
// would be written, and with ALLIANCE_UPDATE_README=1 rewrites it instead.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "support/files.hpp"

namespace alliance::test {

// `text` with each block of `kind` filled by fill(NAME), between blank lines
// (markdown ends a table only at one); the names met, in order, go to
// `seen`. Throws std::runtime_error when a block is not closed, an END has no
// block, a name has two blocks, or `fill` throws for a name it does not know.
inline std::string with_generated_blocks(std::string_view text, std::string_view kind,
                                         const std::function<std::string(const std::string& name)>& fill,
                                         std::vector<std::string>* seen = nullptr) {
  const std::string begin = fmt::format("<!-- BEGIN {} ", kind);
  const std::string end = fmt::format("<!-- END {} -->", kind);
  std::vector<std::string> names;
  std::string out;
  std::string open;  // the name of the block we are in: its old lines are dropped
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t eol = text.find('\n', at);
    const std::size_t next = eol == std::string_view::npos ? text.size() : eol + 1;
    const std::string_view line = text.substr(at, next - at);
    at = next;
    if (line.starts_with(begin)) {
      if (!open.empty()) throw std::runtime_error(fmt::format("the block of [{}] is not closed by {}", open, end));
      const std::string_view rest = line.substr(begin.size());
      open = std::string(rest.substr(0, rest.find_first_of(" :\n")));
      if (std::find(names.begin(), names.end(), open) != names.end())
        throw std::runtime_error(fmt::format("[{}] has two blocks", open));
      names.push_back(open);
      out += line;
      out += "\n" + fill(open) + "\n";
    } else if (line.starts_with(end)) {
      if (open.empty()) throw std::runtime_error(fmt::format("{} without a block to close", end));
      open.clear();
      out += line;
    } else if (open.empty()) {
      out += line;
    }
  }
  if (!open.empty()) throw std::runtime_error(fmt::format("the block of [{}] is not closed by {}", open, end));
  if (seen) *seen = std::move(names);
  return out;
}

// Checks that the file at `relative` (from the source folder) holds its
// generated blocks as `generate` writes them; with ALLIANCE_UPDATE_README
// set, rewrites it. `from` names the declarations, `test` the CTest test.
inline void check_generated_file(const std::filesystem::path& relative,
                                 const std::function<std::string(std::string_view)>& generate, std::string_view from,
                                 std::string_view test) {
  const std::filesystem::path path = std::filesystem::path(ALLIANCE_SOURCE_DIR) / relative;
  const std::string text = slurp(path);
  REQUIRE_MESSAGE(!text.empty(), path.string());
  const std::string generated = generate(text);
  if (generated != text && std::getenv("ALLIANCE_UPDATE_README")) {
    std::ofstream(path, std::ios::binary) << generated;
    MESSAGE("rewrote the generated parts of " << path.string() << "; review the diff and commit it");
    return;
  }
  // The first line that differs, not both files whole.
  std::size_t at = 0;
  while (at < text.size() && at < generated.size() && text[at] == generated[at]) ++at;
  const std::size_t line_start = text.rfind('\n', at == 0 ? 0 : at - 1);
  const std::size_t from_line = line_start == std::string::npos ? 0 : line_start + 1;
  const std::string line = text.substr(from_line, text.find('\n', from_line) - from_line);
  const bool same = generated == text;
  CHECK_MESSAGE(same, "the generated parts of " << relative.string() << " differ from " << from
                                                << ", first at the line\n  " << line << "\nRegenerate them with\n"
                                                << "  ALLIANCE_UPDATE_README=1 ctest --preset release -R " << test
                                                << "\nand review the diff.");
}

}  // namespace alliance::test
