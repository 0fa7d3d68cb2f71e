#pragma once
// Events, in two vocabularies, each with one name table:
//  - a scheduled event (EventKind) is what a scenario's [[event]] says will
//    happen at a step: the scenario reader and run.json use its names;
//  - a logged event (EventRecord) is what happened during a step, one row of
//    events.csv: the CSV recorder and the column docs use its names.
// The two sets differ: a scheduled economy change is not logged, a veto is
// never scheduled.
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <cstdint>
#include <variant>

#include "core/action_level.hpp"
#include "core/decision_rule.hpp"
#include "core/ids.hpp"

namespace alliance {

enum class EventKind {
  accession, deployment, rule_change, escalation, promise, sanction_reform, economy, adversary, attitude
};

// The `kind` of an [[event]], indexed by EventKind.
inline constexpr std::array<std::string_view, 9> kEventKindNames = {
    "accession", "deployment", "rule_change", "escalation", "promise", "sanction_reform", "economy", "adversary",
    "attitude"};

constexpr std::string_view event_kind_name(EventKind k) { return kEventKindNames[static_cast<std::size_t>(k)]; }

constexpr std::optional<EventKind> parse_event_kind(std::string_view s) {
  for (std::size_t i = 0; i < kEventKindNames.size(); ++i)
    if (kEventKindNames[i] == s) return static_cast<EventKind>(i);
  return std::nullopt;
}

// What happened during a step, one struct per kind of row of events.csv.
// Each field means one thing; kName is the row's `kind`. A crisis is an
// index into World::crises.
namespace logged {

struct Accession {
  static constexpr std::string_view kName = "accession";
  StateId state;                 // the new member
  bool with_capability = false;  // an ally stationed forces in it on joining
  double deployed = 0.0;         // the forces stationed (0 without capability)
  StateId from;                  // the ally that stationed them
  bool endogenous = false;       // admitted by the members' decision, not scheduled
};

// The members' vote passed and, with a ratification stage
// (enlargement.ratification_months > 0), the aspirant is invited: it
// becomes a member (an endogenous `accession`) once every member has
// ratified.
struct Invitation {
  static constexpr std::string_view kName = "invitation";
  StateId state;  // the aspirant invited
};

struct Deployment {
  static constexpr std::string_view kName = "deployment";
  StateId from;
  StateId to;
  double stationed = 0.0;  // from's forces in `to` after the change
};

struct RuleChange {
  static constexpr std::string_view kName = "rule_change";
  DecisionRule rule = DecisionRule::consensus;  // the rule now in force
};

struct Escalation {
  static constexpr std::string_view kName = "escalation";
  int crisis = 0;
  double shock = 0.0;  // added to the crisis' severity from now on
};

struct Veto {
  static constexpr std::string_view kName = "veto";
  StateId member;  // whose "none" alone blocks action while others want it
  int crisis = 0;
};

// Unanimity would now take action, where the step before it would take none.
struct Consensus {
  static constexpr std::string_view kName = "consensus";
  int crisis = 0;
  ActionLevel level = ActionLevel::none;  // what unanimity gives
};

// The alliance's decision changed.
struct Action {
  static constexpr std::string_view kName = "action";
  int crisis = 0;
  ActionLevel level = ActionLevel::none;  // the new decision
};

// A question put to the rule in force, and how each of its voters answered:
// for (support), against, or against where that "no" alone stops the rule
// (block: any member under consensus, a directorate state under the
// directorate rule), or abstain (constructive abstention, under M3's
// deliberation only: mechanisms/deliberation.cpp). `ratification`: the
// members of an invited aspirant (M6) whose ratification is not yet in,
// from ratification_months after the invitation; every answer but block
// ratifies, and `adopted` says the last ratification came in.
enum class VoteIssue { crisis_level, crisis_rescind, accession, sanction_reform, ratification };
inline constexpr std::array<std::string_view, 5> kVoteIssueNames = {"crisis_level", "crisis_rescind", "accession",
                                                                    "sanction_reform", "ratification"};
enum class VoteAnswer : std::uint8_t { no_vote, support, against, block, abstain };

struct Vote {
  static constexpr std::string_view kName = "vote";
  VoteIssue issue = VoteIssue::crisis_level;
  int crisis = -1;                        // crisis_level: the crisis
  StateId subject;                        // accession: the aspirant
  ActionLevel level = ActionLevel::none;  // crisis_level: the level put to the vote, the highest any member asks
  bool adopted = false;
  // Where its answers are: one VoteAnswer per state from this offset in
  // the world's cache.vote_answers (kept for the step, like the events), so
  // that recording a vote allocates nothing.
  std::uint32_t answers = 0;
};

// A directorate decided more than consensus would.
struct Bypass {
  static constexpr std::string_view kName = "bypass";
  int crisis = 0;
  ActionLevel level = ActionLevel::none;  // the directorate's decision
};

struct Promise {
  static constexpr std::string_view kName = "promise";
  StateId state;  // promised membership
};

struct Intervention {
  static constexpr std::string_view kName = "intervention";
  StateId state;        // intervened against by the adversary
  double threat = 0.0;  // the adversary's threat perception at the time
};

struct SanctionReform {
  static constexpr std::string_view kName = "sanction_reform";
  bool adopted = false;
  double support = 0.0;  // share of members voting for it
};

struct ReformVeto {
  static constexpr std::string_view kName = "reform_veto";
  StateId member;  // whose "no" alone blocked the sanction reform
};

// A blocker's abstention was bought (deliberation with side payments): on a
// crisis (M3) by the supporter that values the raise most, or on an
// aspirant's admission (M6, crisis -1) by the aspirant's side. `value`
// delivered to it, `linked` of it as concessions (on its dispute with the
// aspirant, or its grievance), at `cost` to the payers.
struct SidePayment {
  static constexpr std::string_view kName = "side_payment";
  StateId member;  // the blocker bought
  int crisis = -1;
  StateId subject;  // crisis -1: the aspirant
  double value = 0.0, linked = 0.0, cost = 0.0;
};

// A state's attitudes changed by a scheduled event (a new government, an
// election, a turn in opinion); a field < 0 was left as it was.
struct Attitude {
  static constexpr std::string_view kName = "attitude";
  StateId state;
  int crisis = -1;  // the crisis whose interest changed, or -1
  double risk_tolerance = -1.0, relative_gains = -1.0, adversary_affinity = -1.0, interest = -1.0;
  StateId aspirant;       // with dispute >= 0: the aspirant of the dispute set
  double dispute = -1.0;  // the dispute's new weight
};

struct Backsliding {
  static constexpr std::string_view kName = "backsliding";
  StateId state;           // a member that fell below the sanction threshold
  double democracy = 0.0;  // its democracy after the fall
};

}  // namespace logged

using EventRecord = std::variant<logged::Accession, logged::Deployment, logged::RuleChange, logged::Escalation,
                                 logged::Veto, logged::Consensus, logged::Action, logged::Bypass, logged::Promise,
                                 logged::Intervention, logged::SanctionReform, logged::ReformVeto,
                                 logged::Backsliding, logged::Vote, logged::Attitude, logged::SidePayment,
                                 logged::Invitation>;

namespace detail {
template <typename... Kinds>
constexpr auto event_names(const std::variant<Kinds...>*) {
  return std::array<std::string_view, sizeof...(Kinds)>{Kinds::kName...};
}
}  // namespace detail

// The `kind` column of events.csv: every logged event's name, in EventRecord's order.
inline constexpr auto kEventRecordNames = detail::event_names(static_cast<const EventRecord*>(nullptr));

constexpr std::string_view event_name(const EventRecord& e) { return kEventRecordNames[e.index()]; }

// For std::visit over an EventRecord: one lambda per kind.
template <typename... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <typename... F>
Overloaded(F...) -> Overloaded<F...>;

}  // namespace alliance
