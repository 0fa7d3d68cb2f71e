#pragma once
// The scenario reader over a file already parsed (parse_toml in
// table_reader.hpp), so that a sweep parses its base scenario once and reads
// it under each point's overrides. Apart from reader.hpp so that the files
// that only read scenario files do not compile toml++.
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "scenario/scenario_def.hpp"

namespace alliance {

// `origins`, when given, names each override's command-line argument for
// its messages (scenario/overrides.hpp).
ScenarioDef read_scenario_table(toml::table root, std::string source_name,
                                const std::vector<std::string>& overrides = {},
                                const std::vector<std::string>& origins = {});

}  // namespace alliance
