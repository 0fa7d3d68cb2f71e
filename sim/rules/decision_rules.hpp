#pragma once
// The five decision rules (model brief, M3; sim/MODEL.md, M3, "Aggregation by the rule in force").
//
// Two questions are put to a rule:
//  - aggregate_intensity: members accept actions up to a level; which level
//    does the alliance take? (consensus: the lowest; a single "none" vetoes)
//  - probability_of_decision: members are willing to fight for a member with
//    independent probabilities; how likely is the rule to decide to? (M2)
#include <span>
#include <vector>

#include <Eigen/Core>

#include "core/action_level.hpp"
#include "core/decision_rule.hpp"
#include "core/events.hpp"
#include "core/ids.hpp"

namespace alliance {

// `accepted` is indexed by state; only the rule's voters are read.
ActionLevel aggregate_intensity(const RuleSpec& rule, std::span<const StateId> members,
                                std::span<const int> accepted);

// What unanimity among all members would give, whatever rule is in force:
// the yardstick for "the directorate acted outside the institution".
ActionLevel consensus_intensity(std::span<const StateId> members, std::span<const int> accepted);

// P(the rule decides to defend `target`), member i willing with
// probability willingness(i, target) independently; the target is willing.
// `scratch` is a buffer of at least (total votes + 1) doubles.
double probability_of_decision(const RuleSpec& rule, std::span<const StateId> members, StateId target,
                               const Eigen::MatrixXd& willingness, std::span<double> scratch);

// Whether `voter`'s "no" alone stops the rule from acting: every member
// under consensus, a directorate state under the directorate rule.
bool can_block_alone(const RuleSpec& rule, StateId voter);

// Whether `state` has a vote under the rule: every member under consensus
// and the majority rules, the directorate's states, the leader alone.
bool is_voter(const RuleSpec& rule, StateId state);

// Appends one VoteAnswer per state (`states` of them) to `log`: each voter
// among `members` supports (yes[i] != 0), blocks (a "no" that alone stops
// the rule) or is against; others have no vote. Returns where they start
// (logged::Vote::answers). `log` is reserved, so this does not allocate.
std::uint32_t record_votes(const RuleSpec& rule, std::span<const StateId> members, std::span<const int> yes,
                           std::size_t states, std::vector<std::uint8_t>& log);

// Votes needed by the buffer of probability_of_decision for these members.
std::size_t decision_scratch_size(const RuleSpec& rule, std::size_t state_count);

}  // namespace alliance
