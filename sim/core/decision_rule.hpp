#pragma once
// How the alliance turns members' positions into one decision (model brief, M3).
#include <cstdint>
#include <iterator>
#include <optional>
#include <string_view>
#include <vector>

#include "core/ids.hpp"

namespace alliance {

// A new rule: its name below (in the enum's order) and its three answers in
// rules/decision_rules.cpp (aggregate_intensity, probability_of_decision,
// can_block_alone); the property test of tests/property puts every named
// rule to its definition.
enum class DecisionRule { consensus, majority, qualified_majority, directorate, unilateral };

inline constexpr std::string_view kRuleNames[] = {"consensus", "majority", "qualified_majority",
                                                  "directorate", "unilateral"};

static_assert(std::size(kRuleNames) == static_cast<std::size_t>(DecisionRule::unilateral) + 1,
              "one name per rule, in the enum's order");

constexpr std::string_view rule_name(DecisionRule r) {
  return kRuleNames[static_cast<int>(r)];
}

inline std::optional<DecisionRule> parse_rule(std::string_view s) {
  for (std::size_t i = 0; i < std::size(kRuleNames); ++i)
    if (kRuleNames[i] == s) return static_cast<DecisionRule>(i);
  return std::nullopt;
}

// The rule in force and what each rule needs, indexed by state.
struct RuleSpec {
  DecisionRule rule = DecisionRule::consensus;
  StateId leader;
  std::vector<std::uint8_t> in_directorate;  // 1 for the directorate's states
  std::vector<int> votes;                    // qualified-majority votes per state
  double qm_threshold = 2.0 / 3.0;
};

}  // namespace alliance
