#pragma once
// manifest.json: what proves that a folder is an output of `alliance`, and
// of which kind. Written last into every output directory; it names the
// program, the kind of output and every file with its size and SHA-256.
//
// A folder is replaced only when it is provably an earlier output of the same
// kind: its manifest names alliance and that kind, and it holds no file the
// manifest does not list (with the listed size). Anything else is refused and
// left alone (README, "What alliance may replace").
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alliance {

enum class OutputKind { run, sweep, check, discover, calibrate };

std::string_view output_kind_name(OutputKind kind);

inline constexpr std::string_view kManifestFile = "manifest.json";

struct ManifestEntry {
  std::string path;  // relative, '/'-separated
  std::uintmax_t bytes = 0;
  std::string sha256;
};

struct Manifest {
  std::string program;
  std::string kind;
  std::string version;
  std::vector<ManifestEntry> files;  // sorted by path; manifest.json itself is not listed
};

// Walks `dir` (no links followed) and describes every regular file in it.
// Throws OutputError on a link, a device or anything but files and folders.
Manifest describe_directory(const std::filesystem::path& dir, OutputKind kind);

std::string manifest_json(const Manifest& manifest);

// Writes `dir`/manifest.json (atomically) describing what `dir` holds now.
void write_manifest(const std::filesystem::path& dir, OutputKind kind);

// Adds (or updates) the entry of `dir`/`name` in `dir`'s manifest, leaving
// every other entry as it is (so a file of the user's is never adopted).
// Nothing happens when `dir` has no manifest of alliance's.
void add_to_manifest(const std::filesystem::path& dir, const std::string& name);

// Reads `dir`/manifest.json; nullopt with `why` when it is missing or is not
// an alliance manifest.
std::optional<Manifest> read_manifest(const std::filesystem::path& dir, std::string& why);

// Why `dir` (an existing, non-empty folder) must not be replaced by an output
// of `kind`; nullopt when it provably may be. Sizes only, no hashing: cheap.
std::optional<std::string> why_not_replaceable(const std::filesystem::path& dir, OutputKind kind);

// Every difference between `dir` and its manifest, hashes included:
// missing, added, resized or edited files. Empty when they agree.
std::vector<std::string> manifest_differences(const std::filesystem::path& dir);

}  // namespace alliance
