#pragma once
// Realist and liberal assumption sets (sim/MODEL.md, "Presets").
//
// A preset fills in keys the scenario leaves unset; the file's own keys win
// over it, and --set wins over both. `state.*.key` applies to every state.
#include <string>
#include <vector>

#include <toml++/toml.h>

namespace alliance {

struct PresetSetting {
  std::string path;   // e.g. "alliance.information_sharing" or "state.*.relative_gains"
  std::string value;  // TOML text
  std::string why;    // the assumption and its source
};

struct Preset {
  std::string name;
  std::string summary;
  std::vector<PresetSetting> settings;
};

const std::vector<Preset>& presets();
const Preset* find_preset(const std::string& name);

// Inserts every setting of `preset` that the table does not already hold.
void apply_preset(toml::table& root, const Preset& preset);

}  // namespace alliance
