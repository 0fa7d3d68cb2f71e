#pragma once
// `--set dotted.key=value`: change one key of a scenario from the command line.
//
// Paths follow the file: `simulation.steps=36`, `alliance.rule=majority`,
// `alliance.credibility.reinforcement=0.8`. Arrays of tables are entered by
// the element's code or id (`state.USA.relative_gains=0.9`,
// `crisis.kosovo.perception_noise=0.1`) or by index (`event.0.at=5`).
// The value is read as TOML (`true`, `3`, `[\"USA\", \"GBR\"]`), else as a
// plain string. Missing tables on the way are created. A declared parameter
// (scenario/parameters.hpp) is type- and range-checked at once, by its
// declaration, so that the message names the --set; every key is then
// checked by the reader like any other, so a typo is still an error.
#include <string>
#include <vector>

#include <toml++/toml.h>

namespace alliance {

void apply_overrides(toml::table& root, const std::vector<std::string>& overrides, const std::string& source);

}  // namespace alliance
