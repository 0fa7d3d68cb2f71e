#pragma once
// How the alliance turns members' positions into one decision (model brief, M3).
#include <optional>
#include <string_view>

namespace alliance {

enum class DecisionRule { consensus, majority, qualified_majority, directorate, unilateral };

inline constexpr std::string_view kRuleNames[] = {"consensus", "majority", "qualified_majority",
                                                  "directorate", "unilateral"};

constexpr std::string_view rule_name(DecisionRule r) {
  return kRuleNames[static_cast<int>(r)];
}

inline std::optional<DecisionRule> parse_rule(std::string_view s) {
  for (int i = 0; i < 5; ++i)
    if (kRuleNames[i] == s) return static_cast<DecisionRule>(i);
  return std::nullopt;
}

}  // namespace alliance
