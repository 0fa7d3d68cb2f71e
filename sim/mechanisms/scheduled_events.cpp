#include "mechanisms/scheduled_events.hpp"

#include <cassert>

namespace alliance {

const ScheduledEvent* next_due_event(World& world) {
  const auto& schedule = world.params.schedule;
  if (world.next_event < schedule.size() && schedule[world.next_event].step <= world.step)
    return &schedule[world.next_event++];
  return nullptr;
}

bool apply_scheduled_event(World& world, const ScheduledEvent& e) {
  bool changed = false;
  switch (e.kind) {
    case EventKind::accession:
    case EventKind::sanction_reform:
      assert(false && "accessions and sanction reforms go to M6 and M5 (engine/step.cpp)");
      break;
    case EventKind::promise:
      world.states[e.state.value].promised = true;
      world.events.push_back(logged::Promise{.state = e.state});
      break;
    case EventKind::deployment: {
      const double now = e.add ? world.graph.deployment(e.from, e.to) + e.capability : e.capability;
      world.graph.set_deployment(e.from, e.to, now);
      world.events.push_back(logged::Deployment{.from = e.from, .to = e.to, .stationed = now});
      changed = true;
      break;
    }
    case EventKind::rule_change:
      world.rule.rule = e.rule;
      world.cache.guarantee_inputs_changed = true;
      world.events.push_back(logged::RuleChange{.rule = e.rule});
      break;
    case EventKind::economy: {
      // New GDP or defence share from a data series: M1 reads both every
      // step; capability follows spending at the next budget year.
      State& st = world.states[e.state.value];
      if (e.gdp > 0.0) st.gdp = e.gdp;
      if (e.defence_share >= 0.0) st.defence_share = st.security_weight = e.defence_share;
      // Democracy from the data only while M5 does not move it: outside the
      // alliance and not seeking to join. It is the level the state joins
      // with, so the reference for its later losses (affinity) moves too.
      if (e.democracy >= 0.0 && !st.is_member() && !st.aspirant) st.democracy = st.democracy_initial = e.democracy;
      break;
    }
    case EventKind::adversary:
      // A new level of the adversary's forces (the Soviet collapse), which
      // also becomes the level its capability decays back to (M4).
      world.adversary.capability = world.adversary.initial_capability = e.capability;
      world.cache.guarantee_inputs_changed = true;
      break;
    case EventKind::attitude: {
      // A new government, an election, a turn in opinion. Affinity is its
      // base, before democracy's effect (M5 adds that each step).
      State& st = world.states[e.state.value];
      if (e.risk_tolerance >= 0.0) st.risk_tolerance = e.risk_tolerance;
      if (e.relative_gains >= 0.0) st.relative_gains = e.relative_gains;
      if (e.adversary_affinity >= 0.0) st.affinity_base = st.adversary_affinity = e.adversary_affinity;
      if (e.interest >= 0.0 && e.crisis >= 0) world.crises[std::size_t(e.crisis)].interest[e.state.value] = e.interest;
      if (e.dispute >= 0.0) {
        // A settlement, or a dispute revived (the Prespa agreement): what is
        // left of the state's dispute with the aspirant is now `dispute`,
        // whatever concessions had settled before. The reader made sure the
        // pair has a [[dispute]]; if it has several, the first takes it all.
        bool first = true;
        for (Dispute& d : world.disputes) {
          if (d.member != e.state || d.aspirant != e.aspirant) continue;
          d.weight = first ? e.dispute : 0.0;
          first = false;
        }
      }
      world.cache.guarantee_inputs_changed = true;  // willingness reads risk tolerance and affinity (M2)
      world.events.push_back(logged::Attitude{.state = e.state, .crisis = e.crisis, .risk_tolerance = e.risk_tolerance,
                                              .relative_gains = e.relative_gains,
                                              .adversary_affinity = e.adversary_affinity, .interest = e.interest,
                                              .aspirant = e.aspirant, .dispute = e.dispute});
      break;
    }
    case EventKind::escalation:
      world.crises[static_cast<std::size_t>(e.crisis)].shock += e.shock;
      world.events.push_back(logged::Escalation{.crisis = e.crisis, .shock = e.shock});
      break;
  }
  return changed;
}

}  // namespace alliance
