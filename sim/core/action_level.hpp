#pragma once
// The ladder of collective action on offer in a crisis (model brief, M3).
#include <array>
#include <cstdint>
#include <string_view>

namespace alliance {

enum class ActionLevel : std::uint8_t { none = 0, threat, limited_air, air_campaign, ground };

inline constexpr int kActionLevels = 5;

inline constexpr std::array<std::string_view, kActionLevels> kActionNames = {
    "none", "threat", "limited_air", "air_campaign", "ground"};

constexpr std::string_view action_name(ActionLevel a) {
  return kActionNames[static_cast<std::size_t>(a)];
}

constexpr int level_index(ActionLevel a) { return static_cast<int>(a); }

// One number per action level, indexed by level_index().
using PerAction = std::array<double, kActionLevels>;

}  // namespace alliance
