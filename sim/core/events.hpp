#pragma once
// Events. A scheduled event (EventKind) is what a scenario's [[event]] says
// will happen at a step; it has one name table, which the scenario reader,
// run.json and the docs use.
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace alliance {

enum class EventKind { accession, deployment, rule_change, escalation, promise, sanction_reform, economy, adversary };

// The `kind` of an [[event]], indexed by EventKind.
inline constexpr std::array<std::string_view, 8> kEventKindNames = {
    "accession", "deployment", "rule_change", "escalation", "promise", "sanction_reform", "economy", "adversary"};

constexpr std::string_view event_kind_name(EventKind k) { return kEventKindNames[static_cast<std::size_t>(k)]; }

constexpr std::optional<EventKind> parse_event_kind(std::string_view s) {
  for (std::size_t i = 0; i < kEventKindNames.size(); ++i)
    if (kEventKindNames[i] == s) return static_cast<EventKind>(i);
  return std::nullopt;
}

}  // namespace alliance
