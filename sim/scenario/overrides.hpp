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
// A table it creates has `origin` as its source path (see apply_overrides).
TomlPathTargets walk_toml_path(toml::table& root, std::string_view path, const std::string& origin = {});

// Applies each override in turn. Without `origins` a problem is reported
// against `source` (the scenario file) with the assignment as its key
// ("t.toml: error: --set a.b=1: ..."), and the first one ends it. With
// `origins` (one per override, the command-line argument it came from, e.g.
// "--set #2 alliance.rule=majorty" or "--replicates 0"), every override is
// applied and every problem reported at once, each against its argument with
// the key it names ("--set #2 alliance.rule=majorty: error: alliance.rule:
// ..."); the values keep their origin as their source, so a problem the
// reader finds later is reported against the argument too.
void apply_overrides(toml::table& root, const std::vector<std::string>& overrides, const std::string& source,
                     const std::vector<std::string>& origins = {});

}  // namespace alliance
