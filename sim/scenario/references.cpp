#include "scenario/references.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

namespace alliance {

namespace {

class ReferenceChecker {
 public:
  ReferenceChecker(const ScenarioDef& def, const toml::table& root, Diagnostics& diag)
      : def_(def), root_(root), diag_(diag) {
    for (const auto& s : def.states) codes_.push_back(s.code);
  }

  void error(const std::string& key_path, std::string message) {
    const toml::node* n = toml::at_path(root_, key_path).node();
    const auto line = n ? static_cast<int>(n->source().begin.line) : 0;
    const auto column = n ? static_cast<int>(n->source().begin.column) : 0;
    diag_.add_at(n ? n->source().path.get() : nullptr, line, column, key_path, std::move(message));
  }

  bool known_state(const std::string& code, const std::string& key_path) {
    if (std::find(codes_.begin(), codes_.end(), code) != codes_.end()) return true;
    const std::string near = nearest_key(code, codes_);
    error(key_path, fmt::format("no [[state]] has code \"{}\"{}", code,
                                near.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", near)));
    return false;
  }

  void run() {
    check_states();
    check_alliance();
    for (std::size_t i = 0; i < def_.deployments.size(); ++i) {
      const auto& d = def_.deployments[i];
      const std::string at = fmt::format("deployment[{}]", i);
      known_state(d.from, at + ".from");
      known_state(d.to, at + ".to");
      if (d.from == d.to) error(at + ".to", "a state cannot deploy forward to itself");
    }
    for (std::size_t i = 0; i < def_.disputes.size(); ++i) {
      const auto& d = def_.disputes[i];
      const std::string at = fmt::format("dispute[{}]", i);
      known_state(d.member, at + ".member");
      known_state(d.aspirant, at + ".aspirant");
      if (d.member == d.aspirant) error(at + ".aspirant", "a state has no dispute with itself");
    }
    check_rivalries();
    check_transit();
    check_crises();
    check_events();
  }

 private:
  void check_states() {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < def_.states.size(); ++i) {
      if (!seen.insert(def_.states[i].code).second)
        error(fmt::format("state[{}].code", i), fmt::format("duplicate state code \"{}\"", def_.states[i].code));
    }
    if (seen.count(def_.adversary.code))
      error("adversary.code", fmt::format("the adversary's code \"{}\" is also a [[state]] code", def_.adversary.code));
  }

  // Rivalries read from [data] were checked there; the file's are checked here.
  void check_rivalries() {
    for (std::size_t i = 0; i < def_.rivalries.size(); ++i) {
      const auto& r = def_.rivalries[i];
      if (r.from_data) continue;
      const std::string at = fmt::format("rivalry[{}]", i);
      const bool known_a = known_state(r.a, at + ".a");
      const bool known = known_state(r.b, at + ".b") && known_a;
      if (known && r.a == r.b) error(at + ".b", "a state cannot be its own rival");
      for (std::size_t j = 0; j < i; ++j) {
        const auto& o = def_.rivalries[j];
        const bool same_pair = (o.a == r.a && o.b == r.b) || (o.a == r.b && o.b == r.a);
        const bool overlap = (o.until == 0 || r.since <= o.until) && (r.until == 0 || o.since <= r.until);
        if (same_pair && overlap)
          error(at + ".a", fmt::format("{} and {} are rivals in rivalry[{}] already, in years that overlap", r.a, r.b, j));
      }
    }
  }

  void check_transit() {
    std::set<std::string> ids;
    for (std::size_t i = 0; i < def_.transit.size(); ++i) {
      const auto& t = def_.transit[i];
      const std::string at = fmt::format("transit[{}]", i);
      const bool known_a = known_state(t.a, at + ".a");
      const bool known = known_state(t.b, at + ".b") && known_a;
      if (known && t.a == t.b) error(at + ".b", "a transit route joins two different states");
      if (!t.id.empty() && !ids.insert(t.id).second)
        error(at + ".id", fmt::format("\"{}\" names an earlier transit route too", t.id));
    }
  }

  void check_alliance() {
    const auto& a = def_.alliance;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < a.members.size(); ++i) {
      const std::string at = fmt::format("alliance.members[{}]", i);
      if (known_state(a.members[i], at) && !seen.insert(a.members[i]).second)
        error(at, fmt::format("\"{}\" is listed twice", a.members[i]));
    }
    if (!a.rule.leader.empty()) known_state(a.rule.leader, "alliance.leader");
    for (std::size_t i = 0; i < a.rule.directorate.size(); ++i)
      known_state(a.rule.directorate[i], fmt::format("alliance.directorate[{}]", i));
    for (const auto& [code, votes] : a.rule.qm_votes)
      known_state(code, fmt::format("alliance.qualified_majority.votes.{}", code));
    if (a.rule.rule == DecisionRule::directorate) needs_directorate("alliance.rule");
    for (std::size_t i = 0; i < a.aspirants.size(); ++i) {
      const std::string at = fmt::format("alliance.aspirants[{}]", i);
      if (known_state(a.aspirants[i], at) && seen.count(a.aspirants[i]))
        error(at, fmt::format("\"{}\" is already a founding member", a.aspirants[i]));
    }
    for (std::size_t i = 0; i < a.promised.size(); ++i)
      known_state(a.promised[i], fmt::format("alliance.promised[{}]", i));
  }

  void needs_directorate(const std::string& at) {
    if (def_.alliance.rule.directorate.empty())
      error(at, "the directorate rule needs `alliance.directorate`, the members who decide");
  }

  void check_crises() {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < def_.crises.size(); ++i) {
      const auto& c = def_.crises[i];
      if (!seen.insert(c.id).second) error(fmt::format("crisis[{}].id", i), fmt::format("duplicate crisis id \"{}\"", c.id));
      for (const auto& [code, beta] : c.interest)
        known_state(code, fmt::format("crisis[{}].interest.{}", i, code));
      if (!c.target.empty()) known_state(c.target, fmt::format("crisis[{}].target", i));
    }
  }

  void check_events() {
    // Events in time order, so "already a member" reflects earlier accessions.
    std::vector<std::size_t> order(def_.events.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t x, std::size_t y) { return def_.events[x].step < def_.events[y].step; });
    std::set<std::string> members(def_.alliance.members.begin(), def_.alliance.members.end());
    for (std::size_t i : order) {
      const auto& e = def_.events[i];
      const std::string at = fmt::format("event[{}]", i);
      switch (e.kind) {
        case EventKind::accession:
          if (known_state(e.state, at + ".state") && !members.insert(e.state).second)
            error(at + ".state", fmt::format("\"{}\" is already a member at step {}", e.state, e.step));
          if (!e.from.empty()) known_state(e.from, at + ".from");
          break;
        case EventKind::deployment:
          known_state(e.from, at + ".from");
          known_state(e.to, at + ".to");
          if (e.from == e.to) error(at + ".to", "a state cannot deploy forward to itself");
          break;
        case EventKind::rule_change:
          if (e.rule == DecisionRule::directorate) needs_directorate(at + ".rule");
          break;
        case EventKind::promise:
        case EventKind::economy:
          known_state(e.state, at + ".state");
          break;
        case EventKind::attitude:
          known_state(e.state, at + ".state");
          if (!e.crisis.empty() && std::none_of(def_.crises.begin(), def_.crises.end(),
                                                [&](const CrisisDef& c) { return c.id == e.crisis; }))
            error(at + ".crisis", fmt::format("no crisis \"{}\"", e.crisis));
          if (!e.aspirant.empty() && known_state(e.aspirant, at + ".aspirant") &&
              std::none_of(def_.disputes.begin(), def_.disputes.end(), [&](const DisputeDef& d) {
                return d.member == e.state && d.aspirant == e.aspirant;
              }))
            error(at + ".aspirant", fmt::format("\"{}\" has no [[dispute]] with \"{}\" to change: declare it (weight 0 "
                                                "if it arises later) with its source",
                                                e.state, e.aspirant));
          break;
        case EventKind::adversary:
        case EventKind::sanction_reform:
          break;
        case EventKind::escalation: {
          const bool found = std::any_of(def_.crises.begin(), def_.crises.end(),
                                         [&](const CrisisDef& c) { return c.id == e.crisis; });
          if (!found) error(at + ".crisis", fmt::format("no [[crisis]] has id \"{}\"", e.crisis));
          break;
        }
      }
    }
  }

  const ScenarioDef& def_;
  const toml::table& root_;
  Diagnostics& diag_;
  std::vector<std::string> codes_;
};

}  // namespace

void check_references(const ScenarioDef& def, const toml::table& root, Diagnostics& diag) {
  ReferenceChecker(def, root, diag).run();
}

}  // namespace alliance
