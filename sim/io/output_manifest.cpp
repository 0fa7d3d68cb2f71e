#include "io/output_manifest.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "scenario/input_file.hpp"
#include "io/output_directory.hpp"
#include "io/run_metadata.hpp"
#include "version.hpp"

namespace alliance {

namespace fs = std::filesystem;

namespace {

// More entries than any output of alliance holds; a walk stops there rather
// than crawl a home folder.
constexpr std::size_t kMaxEntries = 100'000;

std::string relative_name(const fs::path& dir, const fs::path& entry) {
  return entry.lexically_relative(dir).generic_string();
}

// The regular files under `dir` by relative path, with their sizes; throws
// OutputPathError (with `refusal` as the reason) on anything else.
std::map<std::string, std::uintmax_t> files_under(const fs::path& dir) {
  std::map<std::string, std::uintmax_t> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec), end;
  if (ec) throw OutputPathError(fmt::format("cannot list {}: {}", dir.string(), ec.message()));
  std::size_t seen = 0;
  for (; it != end; it.increment(ec)) {
    if (ec) throw OutputPathError(fmt::format("cannot list {}: {}", dir.string(), ec.message()));
    if (++seen > kMaxEntries)
      throw OutputPathError(fmt::format("{} holds more than {} entries; no output of alliance does", dir.string(),
                                        kMaxEntries));
    const fs::path& p = it->path();
    const auto status = fs::symlink_status(p, ec);
    if (fs::is_directory(status)) continue;
    const std::string name = relative_name(dir, p);
    if (fs::is_symlink(status))
      throw OutputPathError(fmt::format("{} holds {}, a symbolic link, which alliance never writes", dir.string(), name));
    if (!fs::is_regular_file(status))
      throw OutputPathError(fmt::format("{} holds {}, which is not a regular file", dir.string(), name));
    files[name] = fs::file_size(p, ec);
  }
  return files;
}

}  // namespace

std::string_view output_kind_name(OutputKind kind) {
  switch (kind) {
    case OutputKind::run: return "run";
    case OutputKind::sweep: return "sweep";
    case OutputKind::check: return "check";
    case OutputKind::discover: return "discover";
    case OutputKind::calibrate: return "calibrate";
  }
  return "?";
}

Manifest describe_directory(const fs::path& dir, OutputKind kind) {
  Manifest m{"alliance", std::string(output_kind_name(kind)), kVersion, {}};
  std::map<std::string, std::uintmax_t> files;
  try {
    files = files_under(dir);
  } catch (const OutputPathError& e) {
    throw OutputError(e.what());
  }
  for (const auto& [name, bytes] : files) {
    if (name == kManifestFile) continue;
    const std::string hash = sha256_of_file(dir / name);
    if (hash.empty()) throw OutputError(fmt::format("cannot read {} back", (dir / name).string()));
    m.files.push_back({name, bytes, hash});
  }
  return m;
}

std::string manifest_json(const Manifest& m) {
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  for (const auto& f : m.files) files.push_back({{"path", f.path}, {"bytes", f.bytes}, {"sha256", f.sha256}});
  nlohmann::ordered_json j;
  j["program"] = m.program;
  j["kind"] = m.kind;
  j["version"] = m.version;
  j["about"] = "alliance replaces this folder only while it holds these files and no others (README, Robustness)";
  j["files"] = files;
  return j.dump(2) + "\n";
}

void write_manifest(const fs::path& dir, OutputKind kind) {
  write_file_atomically(dir / std::string(kManifestFile), manifest_json(describe_directory(dir, kind)));
}

void add_to_manifest(const fs::path& dir, const std::string& name) {
  std::string why;
  auto manifest = read_manifest(dir, why);
  if (!manifest) return;
  std::error_code ec;
  const std::string hash = sha256_of_file(dir / name);
  if (hash.empty()) throw OutputError(fmt::format("cannot read {} back", (dir / name).string()));
  ManifestEntry entry{name, fs::file_size(dir / name, ec), hash};
  auto& files = manifest->files;
  files.erase(std::remove_if(files.begin(), files.end(), [&](const ManifestEntry& f) { return f.path == name; }),
              files.end());
  files.insert(std::lower_bound(files.begin(), files.end(), entry,
                                [](const ManifestEntry& a, const ManifestEntry& b) { return a.path < b.path; }),
               entry);
  write_file_atomically(dir / std::string(kManifestFile), manifest_json(*manifest));
}

std::optional<Manifest> read_manifest(const fs::path& dir, std::string& why) {
  const fs::path path = dir / std::string(kManifestFile);
  std::error_code ec;
  const auto status = fs::symlink_status(path, ec);
  if (!fs::exists(status)) {
    why = fmt::format("it holds no {}", kManifestFile);
    return std::nullopt;
  }
  if (!fs::is_regular_file(status)) {
    why = fmt::format("its {} is not a regular file", kManifestFile);
    return std::nullopt;
  }
  try {
    const auto j = nlohmann::json::parse(read_input_file(path, kMetadataFile));
    Manifest m;
    m.program = j.at("program").get<std::string>();
    m.kind = j.at("kind").get<std::string>();
    m.version = j.value("version", "");
    for (const auto& f : j.at("files"))
      m.files.push_back({f.at("path").get<std::string>(), f.at("bytes").get<std::uintmax_t>(),
                         f.value("sha256", "")});
    if (m.program != "alliance") {
      why = fmt::format("its {} names the program \"{}\", not alliance", kManifestFile, m.program);
      return std::nullopt;
    }
    return m;
  } catch (const std::exception&) {
    why = fmt::format("its {} does not read as alliance's manifest", kManifestFile);
    return std::nullopt;
  }
}

std::optional<std::string> why_not_replaceable(const fs::path& dir, OutputKind kind) {
  std::string why;
  const auto manifest = read_manifest(dir, why);
  if (!manifest) return why;
  if (manifest->kind != output_kind_name(kind))
    return fmt::format("it holds the output of `alliance {}`, and one kind of output never replaces another",
                       manifest->kind);
  std::map<std::string, std::uintmax_t> listed;
  for (const auto& f : manifest->files) listed[f.path] = f.bytes;
  std::map<std::string, std::uintmax_t> present;
  try {
    present = files_under(dir);
  } catch (const OutputPathError& e) {
    return std::string(e.what());
  }
  for (const auto& [name, bytes] : present) {
    if (name == kManifestFile) continue;
    const auto it = listed.find(name);
    if (it == listed.end()) return fmt::format("it holds {}, which alliance did not write", name);
    if (it->second != bytes)
      return fmt::format("{} has changed since alliance wrote it ({} bytes, {} when written)", name, bytes, it->second);
  }
  return std::nullopt;
}

std::vector<std::string> manifest_differences(const fs::path& dir) {
  std::vector<std::string> out;
  std::string why;
  const auto manifest = read_manifest(dir, why);
  if (!manifest) return {fmt::format("{}: {}", dir.string(), why)};
  std::map<std::string, std::uintmax_t> present;
  try {
    present = files_under(dir);
  } catch (const OutputPathError& e) {
    return {e.what()};
  }
  std::map<std::string, const ManifestEntry*> listed;
  for (const auto& f : manifest->files) listed[f.path] = &f;
  for (const auto& [name, entry] : listed) {
    const auto it = present.find(name);
    if (it == present.end()) {
      out.push_back(fmt::format("{} is missing (listed in {})", name, kManifestFile));
    } else if (it->second != entry->bytes) {
      out.push_back(fmt::format("{} has {} bytes; {} lists {}", name, it->second, kManifestFile, entry->bytes));
    } else if (sha256_of_file(dir / name) != entry->sha256) {
      out.push_back(fmt::format("{} was edited: its SHA-256 differs from the one in {}", name, kManifestFile));
    }
  }
  for (const auto& [name, bytes] : present)
    if (name != kManifestFile && !listed.count(name))
      out.push_back(fmt::format("{} is not listed in {}: alliance did not write it", name, kManifestFile));
  return out;
}

}  // namespace alliance
