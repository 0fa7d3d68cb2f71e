#pragma once
// Scenario files (TOML) -> ScenarioDef. Throws InputError listing every
// problem found, each with file, line, column and key. See scenarios/README.md.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/limits.hpp"  // kMaxSteps, kMaxReplicates, kMaxStates
#include "scenario/input_error.hpp"
#include "scenario/scenario_def.hpp"

namespace alliance {

// `overrides` are "dotted.key=value" strings (alliance run --set), applied
// to the file's table before it is checked. `origins`, if not empty, names
// the command-line argument of each override ("--set #2 alliance.rule=x",
// "--replicates 0"): a problem with an override's key or value is then
// reported against that argument, with no line, rather than the file
// (scenario/overrides.hpp).
ScenarioDef read_scenario_file(const std::filesystem::path& path,
                               const std::vector<std::string>& overrides = {});
ScenarioDef read_scenario_text(std::string_view text, std::string source_name,
                               const std::vector<std::string>& overrides = {},
                               const std::vector<std::string>& origins = {});
// read_scenario_table, from a file already parsed, is in reader_toml.hpp:
// toml++ costs two seconds of compiling to every file that includes it.

}  // namespace alliance
