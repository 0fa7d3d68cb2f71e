#include "mechanisms/scheduled_events.hpp"

#include "mechanisms/democracy.hpp"
#include "mechanisms/enlargement.hpp"

namespace alliance {


void apply_scheduled_events(World& world) {
  bool changed = false;
  while (world.next_event < world.schedule.size() && world.schedule[world.next_event].step <= world.step) {
    const ScheduledEvent& e = world.schedule[world.next_event++];
    switch (e.kind) {
      case ScheduledEvent::Kind::accession:
        admit(world, e.state, e.with_capability, e.target, e.amount, false);
        break;
      case ScheduledEvent::Kind::promise:
        world.states[e.state.value].promised = true;
        world.events.push_back({.type = EventType::promise, .actor = e.state, .has_actor = true});
        break;
      case ScheduledEvent::Kind::sanction_reform:
        // Repeated proposals stop once one is adopted.
        if (!world.sanctions) vote_sanction_reform(world);
        break;
      case ScheduledEvent::Kind::deployment: {
        const double now = e.add ? world.graph.deployment(e.state, e.target) + e.amount : e.amount;
        world.graph.set_deployment(e.state, e.target, now);
        world.events.push_back({.type = EventType::deployment, .actor = e.state, .has_actor = true,
                                .value = now, .other = e.target});
        changed = true;
        break;
      }
      case ScheduledEvent::Kind::rule_change:
        world.rule.rule = e.rule;
        world.guarantee_inputs_changed = true;
        world.events.push_back({.type = EventType::rule_change, .rule = e.rule});
        break;
      case ScheduledEvent::Kind::economy: {
        // New GDP or defence share from a data series: M1 reads both every
        // step; capability follows spending at the next budget year.
        State& st = world.states[e.state.value];
        if (e.amount > 0.0) st.gdp = e.amount;
        if (e.share >= 0.0) st.defence_share = st.security_weight = e.share;
        break;
      }
      case ScheduledEvent::Kind::adversary:
        // A new level of the adversary's forces (the Soviet collapse), which
        // also becomes the level its capability decays back to (M4).
        world.adversary.capability = world.adversary.initial_capability = e.amount;
        world.guarantee_inputs_changed = true;
        break;
      case ScheduledEvent::Kind::escalation:
        world.crises[static_cast<std::size_t>(e.crisis)].shock += e.amount;
        world.events.push_back({.type = EventType::escalation, .crisis = e.crisis, .value = e.amount});
        break;
    }
  }
  if (changed) {
    refresh_derived_views(world);
    world.guarantee_inputs_changed = true;
  }
}

}  // namespace alliance
