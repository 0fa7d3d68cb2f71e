#pragma once
// `--set dotted.key=value`: change one key of a scenario from the command line.
//
// Paths follow the file: `simulation.steps=36`, `alliance.rule=majority`,
// `alliance.credibility.reinforcement=0.8`. Arrays of tables are entered by
// the element's code or id (`state.USA.relative_gains=0.9`,
// `crisis.kosovo.perception_noise=0.1`), by index (`event.0.at=5`) or, with
// `*`, all at once (`state.*.relative_gains=0.5`): the presets' paths too.
// The value is read as TOML (`true`, `3`, `[\"USA\", \"GBR\"]`), else as a
// plain string. Missing tables on the way are created. A declared parameter
// (scenario/parameters.hpp) is type- and range-checked at once, by its
// declaration, so that the message names the --set; every key is then
// checked by the reader like any other, so a typo is still an error.
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

namespace alliance {

// Where a dotted path leads in a scenario's tables: the one walker of `--set`
// and of the presets (scenario/presets.hpp). Each part but the last names a
// table, created when missing; after an array of tables the next part picks
// an element by code, id or index, or every element with "*".
struct TomlPathTargets {
  std::vector<toml::table*> tables;  // each holds the path's last key: one, or one per element under "*"
  std::string key;                   // the last part
  std::string declared;              // the path without its element parts, as parameters are declared
  std::string error;                 // why the path cannot be followed (then `tables` is empty)
};
TomlPathTargets walk_toml_path(toml::table& root, std::string_view path);

void apply_overrides(toml::table& root, const std::vector<std::string>& overrides, const std::string& source);

}  // namespace alliance
