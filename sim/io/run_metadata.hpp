#pragma once
// run.json: what produced an output directory (version, scenario hash,
// seeds, every parameter) and what each file and column means.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "scenario/scenario_def.hpp"

#include "io/columns.hpp"

namespace alliance {

struct RunProvenance {
  std::string scenario_path;
  std::string scenario_sha256;  // of the file's bytes
  std::vector<std::string> overrides;
  std::vector<std::uint64_t> replicate_seeds;
  TableSelection tables = TableSelection::all();  // the tables written
};

std::string sha256_hex(std::string_view bytes);
// The SHA-256 of a file's bytes ("" when it cannot be read).
std::string sha256_of_file(const std::filesystem::path& path);

// Deterministic: no clock, host or thread count in it, so equal inputs give
// equal bytes.
std::string run_metadata_json(const ScenarioDef& def, const RunProvenance& provenance);

}  // namespace alliance
