#include "scenario/presets.hpp"

#include <string_view>

#include "scenario/overrides.hpp"

namespace alliance {

const std::vector<Preset>& presets() {
  static const std::vector<Preset> all = {
      {"realist",
       "states weigh relative gains; institutions neither inform nor bind (Mearsheimer 1994/95; Grieco 1988)",
       {
           {"state.*.relative_gains", "0.7",
            "states care how much others gain, not only what they gain (Grieco 1988; Mearsheimer 1994/95)"},
           {"alliance.information_sharing", "0.2",
            "information shared through institutions does not dispel uncertainty about intentions (Mearsheimer 1994/95)"},
           {"alliance.institutional_stake", "0.1",
            "institutions reflect the distribution of power and carry little independent weight (Mearsheimer 1994/95)"},
           {"alliance.socialisation", "0.0", "preferences are given, not shaped by membership"},
           {"alliance.integrated_command", "0.0",
            "an integrated command is the members' forces under another name: it brings no reinforcement that "
            "their interests would not (Mearsheimer 1994/95)"},
           {"alliance.consultation", "0.0",
            "intentions cannot be verified, so talk does not discount capability and membership at the border "
            "(Mearsheimer 2001; Rosato 2015)"},
           {"alliance.linkage_cost", "1.0",
            "bargains are costly to make and to enforce among states that fear being cheated (Grieco 1988)"},
       }},
      {"liberal",
       "institutions lower transaction costs, share information and socialise members (Keohane 1984; Keohane & Martin 1995)",
       {
           {"state.*.relative_gains", "0.05",
            "absolute gains dominate among allies with shared institutions (Keohane 1984; Snidal 1991)"},
           {"alliance.information_sharing", "0.9",
            "transparency among democracies reduces fear and uncertainty (Keohane & Martin 1995)"},
           {"alliance.institutional_stake", "1.5",
            "members value the institution's credibility as an asset (Wallander 2000)"},
           {"alliance.socialisation", "0.2",
            "membership draws preferences together over time (Checkel 2005); 0.2 per year"},
           {"alliance.integrated_command", "0.6",
            "standing plans, exercises and host-nation support bring reinforcements in time to members the "
            "command has integrated (Wallander 2000); 0.6 of the shortfall at full integration"},
           {"alliance.consultation", "0.5",
            "consultation and transparency reassure the adversary about intent (Keohane & Martin 1995; the "
            "NATO-Russia Founding Act, 1997); it reads half the signal from members and promises"},
           {"alliance.linkage_cost", "0.2",
            "institutions lower the transaction costs of issue linkage and side payments (Keohane 1984)"},
       }},
  };
  return all;
}

const Preset* find_preset(const std::string& name) {
  for (const auto& p : presets())
    if (p.name == name) return &p;
  return nullptr;
}

namespace {

void insert_if_absent(toml::table& table, std::string_view key, const std::string& value) {
  if (table.contains(key)) return;
  toml::table parsed = toml::parse("v = " + value);
  parsed.get("v")->visit([&](auto&& v) { table.insert(key, v); });
}

}  // namespace

void apply_preset(toml::table& root, const Preset& preset) {
  // The paths of --set (scenario/overrides.hpp); where the file's shape does
  // not allow one, the setting is left out and the reader reports the shape.
  for (const auto& s : preset.settings) {
    const TomlPathTargets at = walk_toml_path(root, s.path);
    for (toml::table* table : at.tables) insert_if_absent(*table, at.key, s.value);
  }
}

}  // namespace alliance
