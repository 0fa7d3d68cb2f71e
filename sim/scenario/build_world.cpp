#include "scenario/build_world.hpp"

#include <algorithm>
#include <cmath>

#include "mechanisms/severity.hpp"
#include "rules/decision_rules.hpp"

namespace alliance {

namespace {

// Integer division rounding toward -infinity and +infinity (b > 0).
int floor_div(int a, int b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }
int ceil_div(int a, int b) { return -floor_div(-a, b); }

// Callers guarantee the code exists: the reader checked every reference.
StateId id_of(const ScenarioDef& def, const std::string& code) {
  for (std::size_t i = 0; i < def.states.size(); ++i)
    if (def.states[i].code == code) return StateId{static_cast<std::uint32_t>(i)};
  return StateId{0};
}

RuleSpec build_rule(const ScenarioDef& def) {
  const std::size_t n = def.states.size();
  const RuleDef& r = def.alliance.rule;
  RuleSpec spec;
  spec.rule = r.rule;
  spec.leader = resolve_leader(def);
  spec.qm_threshold = r.qm_threshold;
  spec.in_directorate.assign(n, 0);
  for (const auto& code : r.directorate) spec.in_directorate[id_of(def, code).value] = 1;
  spec.votes.assign(n, 1);
  if (r.qm_weighting == QmWeighting::votes) {
    std::fill(spec.votes.begin(), spec.votes.end(), 0);
    for (const auto& [code, v] : r.qm_votes) spec.votes[id_of(def, code).value] = v;
  } else if (r.qm_weighting == QmWeighting::gdp) {
    // Votes in proportion to GDP, 1000 in all, at least one each.
    double total = 0.0;
    for (const auto& s : def.states) total += s.gdp;
    for (std::size_t i = 0; i < n; ++i)
      spec.votes[i] = std::max(1, static_cast<int>(std::lround(1000.0 * def.states[i].gdp / total)));
  }
  return spec;
}

Crisis build_crisis(const CrisisDef& d, const World& world, const ScenarioDef& def) {
  const std::size_t n = world.state_count();
  Crisis c;
  c.id = d.id;
  c.name = d.name;
  c.start = d.start;
  c.end = d.end;
  for (const auto& p : d.severity) {
    c.path_steps.push_back(p.step);
    c.path_values.push_back(p.value);
  }
  if (!d.measures.empty()) {  // measured values: the one mapping of [severity] gives the path
    std::vector<MeasurePoint> points;
    for (const auto& m : d.measures) points.push_back({m.kind, m.step, m.value});
    SeverityPath path = severity_path_from_measures(points, def.severity);
    c.path_steps = std::move(path.steps);
    c.path_values = std::move(path.values);
  }
  c.params = d.params;
  c.effectiveness = d.actions.effectiveness;
  c.cost = d.actions.cost;
  c.stake = d.actions.stake;
  c.relative_gain = d.actions.relative_gain;
  c.opposition = d.actions.opposition;
  c.proximity.resize(n);
  c.interest.assign(n, 1.0);
  for (std::size_t i = 0; i < n; ++i)
    c.proximity[i] = 1.0 / (1.0 + distance_km(world.states[i].position, d.position) / d.params.reach_km);
  for (const auto& [code, beta] : d.interest) c.interest[id_of(def, code).value] = beta;
  if (!d.target.empty()) c.target = static_cast<int>(id_of(def, d.target).value);
  c.aggressor = d.aggressor;
  c.guarantee.assign(n, 0.0);
  c.perceived.assign(n, 0.0);
  c.accepted.assign(n, 0);
  c.vetoed.assign(n, 0);
  return c;
}

ScheduledEvent build_event(const EventDef& e, const ScenarioDef& def, StateId leader) {
  ScheduledEvent s;
  s.step = e.step;
  s.kind = e.kind;
  switch (e.kind) {
    case EventKind::accession:
      s.state = id_of(def, e.state);
      s.with_capability = e.with_capability;
      s.capability = e.capability >= 0.0 ? e.capability : def.alliance.params.accession_capability;
      s.from = e.from.empty() ? leader : id_of(def, e.from);
      break;
    case EventKind::deployment:
      s.from = id_of(def, e.from);
      s.to = id_of(def, e.to);
      s.capability = e.capability;
      s.add = e.add;
      break;
    case EventKind::rule_change:
      s.rule = e.rule;
      break;
    case EventKind::promise:
      s.state = id_of(def, e.state);
      break;
    case EventKind::sanction_reform:
      break;
    case EventKind::economy:
      s.state = id_of(def, e.state);
      s.gdp = e.gdp;
      s.defence_share = e.defence_share;
      s.democracy = e.democracy;
      break;
    case EventKind::adversary:
      s.capability = e.capability;
      break;
    case EventKind::attitude:
      s.state = id_of(def, e.state);
      for (std::size_t i = 0; i < def.crises.size(); ++i)
        if (def.crises[i].id == e.crisis) s.crisis = static_cast<int>(i);
      s.risk_tolerance = e.risk_tolerance;
      s.relative_gains = e.relative_gains;
      s.adversary_affinity = e.adversary_affinity;
      s.interest = e.interest;
      if (e.dispute >= 0.0) s.aspirant = id_of(def, e.aspirant);
      s.dispute = e.dispute;
      break;
    case EventKind::escalation:
      s.shock = e.shock;
      for (std::size_t i = 0; i < def.crises.size(); ++i)
        if (def.crises[i].id == e.crisis) s.crisis = static_cast<int>(i);
      break;
  }
  return s;
}

}  // namespace

StateId resolve_leader(const ScenarioDef& def) {
  if (!def.alliance.rule.leader.empty()) return id_of(def, def.alliance.rule.leader);
  StateId best = id_of(def, def.alliance.members.front());
  for (const auto& code : def.alliance.members) {
    const StateId id = id_of(def, code);
    if (def.states[id.value].gdp > def.states[best.value].gdp) best = id;
  }
  return best;
}

namespace {

// Whether `like`'s geography is the one `w` would compute: every input of
// it the same (positions, the adversary's border and reach scales, M2's
// reinforcement reach).
bool same_geography(const World& w, const World& like) {
  if (like.states.size() != w.states.size() || !(like.adversary.position == w.adversary.position) ||
      like.adversary.params.border_km != w.adversary.params.border_km ||
      like.adversary.params.reach_km != w.adversary.params.reach_km ||
      like.params.credibility.reinforcement_reach_km != w.params.credibility.reinforcement_reach_km)
    return false;
  for (std::size_t i = 0; i < w.states.size(); ++i)
    if (!(like.states[i].position == w.states[i].position)) return false;
  return true;
}

}  // namespace

World build_world(const ScenarioDef& def, const World* like) {
  const std::size_t n = def.states.size();
  World w;
  for (const auto& s : def.states) {
    State st;
    st.code = s.code;
    st.name = s.name;
    st.gdp = s.gdp;
    st.defence_share = s.defence_share;
    st.capability = s.capability;
    st.position = s.position;
    st.democracy = s.democracy;
    st.relative_gains = s.relative_gains;
    st.risk_tolerance = s.risk_tolerance;
    st.nuclear = s.nuclear;
    st.adversary_affinity = s.adversary_affinity;
    st.affinity_base = s.adversary_affinity;
    st.grievance = s.grievance;
    st.rival_gain_share = s.rival_gain_share;
    st.security_weight = s.defence_share;
    st.spending = s.defence_share * s.gdp;
    st.democracy_initial = s.democracy;
    st.democracy_baseline = s.democracy_baseline < 0.0 ? s.democracy : s.democracy_baseline;
    w.states.push_back(std::move(st));
  }
  const auto& a = def.adversary;
  w.adversary.code = a.code;
  w.adversary.name = a.name;
  w.adversary.capability = a.capability;
  w.adversary.position = a.position;
  w.adversary.params = a.params;
  w.adversary.initial_capability = a.capability;
  w.adversary.threat = a.params.initial_threat;
  w.rule = build_rule(def);
  // Each mechanism's parameters, whole: nothing is copied member by member.
  w.params.alliance = def.alliance.params;
  w.params.credibility = def.alliance.credibility;
  w.params.burden = def.alliance.burden;
  w.params.democracy = def.alliance.democracy;
  w.params.enlargement = def.alliance.enlargement;
  w.sanctions = def.alliance.params.sanctions;
  w.params.years_per_step = months_per_step(def.simulation.step_unit) / 12.0;
  for (const auto& code : def.alliance.aspirants) {
    State& aspirant = w.states[id_of(def, code).value];
    aspirant.aspirant = true;
    aspirant.ratified.assign(w.states.size(), 0);  // M6's ratification stage
  }
  for (const auto& code : def.alliance.promised) w.states[id_of(def, code).value].promised = true;

  const auto en = static_cast<Eigen::Index>(n);
  if (like && same_geography(w, *like)) {
    w.params.distance_km = like->params.distance_km;
    w.params.reinforcement_reach = like->params.reinforcement_reach;
    w.params.adversary_km = like->params.adversary_km;
    w.params.border_proximity = like->params.border_proximity;
    w.params.adversary_reach = like->params.adversary_reach;
  } else {
    w.params.distance_km.resize(en, en);
    w.params.reinforcement_reach.resize(en, en);
    w.params.adversary_km.resize(n);
    w.params.border_proximity.resize(n);
    w.params.adversary_reach.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      w.params.adversary_km[i] = distance_km(w.states[i].position, a.position);
      w.params.border_proximity[i] = std::exp(-w.params.adversary_km[i] / a.params.border_km);
      w.params.adversary_reach[i] = std::exp(-w.params.adversary_km[i] / a.params.reach_km);
      for (std::size_t j = 0; j < n; ++j) {
        const auto ei = static_cast<Eigen::Index>(i), ej = static_cast<Eigen::Index>(j);
        w.params.distance_km(ei, ej) = distance_km(w.states[i].position, w.states[j].position);
        w.params.reinforcement_reach(ei, ej) = std::exp(-w.params.distance_km(ei, ej) / def.alliance.credibility.reinforcement_reach_km);
      }
    }
  }

  w.graph = AllianceGraph(n);
  w.cache.members.reserve(n);
  for (const auto& code : def.alliance.members) {
    const StateId id = id_of(def, code);
    w.states[id.value].joined_step = 0;
    w.states[id.value].integration = def.alliance.params.founding_integration;
    w.cache.members.push_back(id);
  }
  for (const auto& d : def.deployments)
    w.graph.set_deployment(id_of(def, d.from), id_of(def, d.to), d.capability);
  for (const auto& d : def.disputes) w.disputes.push_back({id_of(def, d.member), id_of(def, d.aspirant), d.weight});
  const int months = months_per_step(def.simulation.step_unit);
  for (const auto& r : def.rivalries) {
    // Years to steps: from the first step in `since`, to the last in `until`.
    Rivalry rivalry{id_of(def, r.a), id_of(def, r.b)};
    if (r.since > 0) rivalry.first_step = std::max(0, ceil_div(months_between(def.simulation.start, {r.since, 1}), months));
    if (r.until > 0) rivalry.last_step = floor_div(months_between(def.simulation.start, {r.until, 12}), months);
    w.graph.add_rivalry(rivalry);
  }
  w.cache.rivalries = w.graph.rivalries();
  for (const auto& t : def.transit) {
    if (!t.open) continue;  // a cut route is not on the graph
    const StateId from = id_of(def, t.a), to = id_of(def, t.b);
    const double km = t.km >= 0.0 ? t.km : w.params.distance_km(from.value, to.value);
    w.graph.add_transit({from, to, km, t.mode});
  }
  refresh_derived_views(w);

  CredibilityState& c = w.cache.credibility;
  for (auto* v : {&c.adversary_local, &c.local_defence, &c.p_hold, &c.p_decide, &c.credibility}) v->assign(n, 0.0);
  c.willingness.setZero(en, en);
  // The inputs M2's willingness is computed from, sized now: the step allocates nothing.
  for (auto* v : {&c.inputs.affinity, &c.inputs.risk_tolerance, &c.inputs.nuclear_risk}) v->assign(n, 0.0);
  c.inputs.rows.assign(n, 0);
  c.scratch.assign(decision_scratch_size(w.rule, n), 0.0);
  c.reinforcements.assign(n, 0.0);
  c.reinforcement_inputs.capability.assign(n, 0.0);
  c.reinforcement_inputs.member.assign(n, 0);
#ifndef NDEBUG
  w.cache.credibility_check = c;  // sized now, so the step's check allocates nothing
#endif

  auto& burden = w.cache.burden;
  for (auto* v : {&burden.a, &burden.b, &burden.x, &burden.c, &burden.rivals_spending}) v->assign(n, 0.0);
  // The pairwise solver's buffers only where rivalries exist.
  if (!w.cache.rivalries.empty()) burden.rival.resize(n, std::min(n, 2 * w.cache.rivalries.size()));
  burden.active.assign(n, 0);
  burden.slot.assign(n, -1);
  burden.pairs.resize(w.cache.rivalries.size());
  w.cache.ballot.assign(n, 0);

  for (const auto& cd : def.crises) w.crises.push_back(build_crisis(cd, w, def));
  for (const auto& e : def.events) {
    // A repeated proposal is scheduled at each of its steps; it is skipped
    // once a sanction rule is in force.
    const int every = e.kind == EventKind::sanction_reform ? e.every : 0;
    for (int t = e.step; t < def.simulation.steps; t += every) {
      ScheduledEvent s = build_event(e, def, w.rule.leader);
      s.step = t;
      w.params.schedule.push_back(s);
      if (every <= 0) break;
    }
  }
  std::stable_sort(w.params.schedule.begin(), w.params.schedule.end(),
                   [](const ScheduledEvent& x, const ScheduledEvent& y) { return x.step < y.step; });
  // At most one veto per member and crisis, plus a few records per crisis and event.
  // At most one veto per member and crisis, one reform veto, accession,
  // intervention and backsliding per state, plus a few per crisis and event.
  w.cache.event_capacity = (def.crises.size() + 4) * n + w.params.schedule.size() + 4 * def.crises.size() + 16;
  w.events.reserve(w.cache.event_capacity);
  // At most one vote per crisis, per aspirant and one on sanctions a step.
  // (deliberation: one raise or rescind per crisis, tried level by level in the tail).
  w.cache.vote_capacity = n * (2 * def.crises.size() + def.alliance.aspirants.size() + 2);
  w.cache.vote_answers.reserve(w.cache.vote_capacity);
  return w;
}

}  // namespace alliance
