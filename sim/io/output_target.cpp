#include "io/output_target.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

#include <pwd.h>
#include <unistd.h>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "io/output_directory.hpp"

namespace alliance {

namespace fs = std::filesystem;

namespace {

fs::path without_trailing_slashes(const fs::path& given) {
  std::string s = given.string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

fs::path canonical_or_empty(const fs::path& p) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(p, ec);
  return ec ? fs::path() : c;
}

// `inner` is `outer` or lies inside it (both canonical).
bool within(const fs::path& inner, const fs::path& outer) {
  if (inner.empty() || outer.empty()) return false;
  auto i = inner.begin();
  for (auto o = outer.begin(); o != outer.end(); ++o, ++i) {
    if (o->empty()) continue;  // a trailing separator
    if (i == inner.end() || *i != *o) return false;
  }
  return true;
}

std::vector<fs::path> home_folders() {
  std::vector<fs::path> homes;
  if (const char* home = std::getenv("HOME"); home && *home) homes.emplace_back(home);
  if (const passwd* pw = ::getpwuid(::getuid()); pw && pw->pw_dir && *pw->pw_dir) homes.emplace_back(pw->pw_dir);
  return homes;
}

// The parts of a path check shared by folders and files.
fs::path check_common(const fs::path& given, const std::vector<fs::path>& inputs, std::string_view what) {
  if (given.empty()) throw OutputPathError(fmt::format("the output {} is an empty path", what));
  const fs::path path = without_trailing_slashes(given);
  const std::string name = path.filename().string();
  if (path == "/" || name.empty() || name == "." || name == "..")
    throw OutputPathError(fmt::format(
        "--out {} names the working directory, a folder above it or the root, which alliance never replaces; "
        "name a folder for the output instead, e.g. {}", given.string(),
        (path / "results").lexically_normal().string()));
  std::error_code ec;
  const auto status = fs::symlink_status(path, ec);
  if (fs::is_symlink(status)) {
    const fs::path target = fs::read_symlink(path, ec);
    throw OutputPathError(fmt::format(
        "--out {} is a symbolic link (to {}); alliance does not write through links or replace them: give the "
        "folder itself, or another name", path.string(), ec ? std::string("?") : target.string()));
  }
  const fs::path canonical = canonical_or_empty(path);
  const fs::path cwd = canonical_or_empty(fs::current_path(ec));
  if (canonical == canonical_or_empty("/"))
    throw OutputPathError(fmt::format("--out {} is the root folder; alliance never replaces it", path.string()));
  for (const auto& home : home_folders())
    if (canonical == canonical_or_empty(home))
      throw OutputPathError(fmt::format("--out {} is the home folder; alliance never replaces it", path.string()));
  if (within(cwd, canonical))
    throw OutputPathError(fmt::format(
        "--out {} is the working directory or holds it; alliance never replaces it", path.string()));
  for (const auto& input : inputs) {
    if (within(canonical_or_empty(input), canonical))
      throw OutputPathError(fmt::format("--out {} holds the input {}; alliance never replaces its own inputs",
                                        path.string(), input.string()));
  }
  // The nearest existing ancestor must be a folder we may write in.
  fs::path ancestor = path.has_parent_path() ? path.parent_path() : fs::path(".");
  while (!fs::exists(fs::symlink_status(ancestor, ec))) {
    // A relative path runs out of parents at its first name: then the
    // working folder is the ancestor ("results/kosovo" in a fresh clone).
    if (!ancestor.has_parent_path()) {
      ancestor = ".";
      break;
    }
    if (ancestor == ancestor.parent_path()) break;
    ancestor = ancestor.parent_path();
  }
  if (!fs::exists(fs::status(ancestor, ec)))
    throw OutputPathError(fmt::format("--out {}: {} does not exist", path.string(), ancestor.string()));
  if (!fs::is_directory(fs::status(ancestor, ec)))
    throw OutputPathError(fmt::format("--out {}: {} is not a folder", path.string(), ancestor.string()));
  if (::access(ancestor.c_str(), W_OK | X_OK) != 0)
    throw OutputPathError(fmt::format("--out {}: cannot write in {}: {}", path.string(), ancestor.string(),
                                      std::strerror(errno)));
  return path;
}

}  // namespace

fs::path check_output_directory(const fs::path& given, OutputKind kind, const std::vector<fs::path>& inputs) {
  const fs::path path = check_common(given, inputs, "folder");
  std::error_code ec;
  const auto status = fs::symlink_status(path, ec);
  if (!fs::exists(status)) return path;
  if (!fs::is_directory(status))
    throw OutputPathError(fmt::format("--out {} exists and is not a folder; it is left alone", path.string()));
  if (fs::is_empty(path, ec)) return path;
  if (const auto why = why_not_replaceable(path, kind))
    throw OutputPathError(fmt::format(
        "--out {} is not empty and is not an earlier output of `alliance {}` that may be replaced: {}. Nothing "
        "was touched; choose another --out, or empty or delete that folder yourself",
        path.string(), output_kind_name(kind), *why));
  spdlog::debug("{} holds an earlier {} output; it will be replaced when the new one is complete", path.string(),
                output_kind_name(kind));
  return path;
}

fs::path check_output_file(const fs::path& given, const std::vector<fs::path>& inputs) {
  if (!given.empty() && given.string().back() == '/')
    throw OutputPathError(fmt::format("--out {} ends in '/', which names a folder; give a file name", given.string()));
  const fs::path path = check_common(given, inputs, "file");
  std::error_code ec;
  const auto status = fs::symlink_status(path, ec);
  if (fs::exists(status) && !fs::is_regular_file(status))
    throw OutputPathError(fmt::format("--out {} exists and is not a regular file; it is left alone", path.string()));
  return path;
}

}  // namespace alliance
