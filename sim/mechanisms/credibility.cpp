#include "mechanisms/credibility.hpp"

#include <cmath>
#include <span>

#include "core/math.hpp"
#include "rules/decision_rules.hpp"

namespace alliance {

double adversary_local_force(const Adversary& adversary, double distance_km) {
  return adversary.capability * std::exp(-distance_km / adversary.params.reach_km);
}

void advance_integration(World& world) {
  if (!is_budget_step(world)) return;
  const AllianceParams& a = world.params.alliance;
  const double gain = 1.0 - std::exp(-1.0 / a.integration_years);
  for (StateId m : world.members()) {
    State& s = world.states[m.value];
    s.integration += (1.0 - s.integration) * gain;
  }
  if (a.integrated_command > 0.0) world.cache.guarantee_inputs_changed = true;
}

double reinforcement_in_time(double rho, double integrated_command, double integration) {
  return rho + integrated_command * (1.0 - rho) * integration;
}

namespace {

// w(i, j) for the allies i in `rows` and every j: the logistic of M2's
// log-odds, each term as sim/MODEL.md writes it (and in the same order, so
// that the same inputs give the same bits whichever rows are computed
// again). Column by column: the matrices are column-major, and at N = 1000
// a row's stride of 8 KB made every pair a cache miss.
void willingness_rows(World& world, std::span<const std::size_t> rows) {
  const CredibilityParams& p = world.params.credibility;
  const std::size_t n = world.state_count();
  const std::vector<double>& nuclear_risk = world.cache.credibility.inputs.nuclear_risk;
  Eigen::MatrixXd& w = world.cache.credibility.willingness;
  const double stake = world.params.alliance.institutional_stake;
  for (std::size_t j = 0; j < n; ++j) {
    for (const std::size_t i : rows) {
      if (i == j) { w(i, j) = 1.0; continue; }
      const State& ally = world.states[i];
      const double stationed = world.cache.deployment(i, j);
      const double tripwire = stationed / (stationed + p.tripwire_scale);
      const double logit = p.willingness_base + stake + p.tripwire_weight * tripwire -
                           p.distance_weight * world.params.distance_km(i, j) / 1000.0 -
                           p.nuclear_risk_weight * nuclear_risk[j] * 2.0 * (1.0 - ally.risk_tolerance) -
                           p.affinity_weight * ally.adversary_affinity;
      w(i, j) = logistic(logit);
    }
  }
}

}  // namespace

void update_willingness(World& world) {
  const std::size_t n = world.state_count();
  WillingnessInputs& in = world.cache.credibility.inputs;
  const Adversary& adv = world.adversary;
  // What every pair shares (the geography is fixed when the world is built).
  const bool all = !in.valid || in.affinity.size() != n || in.deployment_version != world.cache.deployment_version ||
                   in.institutional_stake != world.params.alliance.institutional_stake ||
                   in.adversary_reach_km != adv.params.reach_km || in.nuclear != adv.params.nuclear ||
                   !(in.params == world.params.credibility);
  if (all) {
    in.valid = true;
    in.deployment_version = world.cache.deployment_version;
    in.institutional_stake = world.params.alliance.institutional_stake;
    in.adversary_reach_km = adv.params.reach_km;
    in.nuclear = adv.params.nuclear;
    in.params = world.params.credibility;
    in.affinity.resize(n);
    in.risk_tolerance.resize(n);
    // Nuclear risk of fighting for j: how exposed j is to a nuclear adversary.
    in.nuclear_risk.resize(n);
    for (std::size_t j = 0; j < n; ++j)
      in.nuclear_risk[j] = adv.params.nuclear ? world.params.adversary_reach[j] : 0.0;  // exp(-d_j / lambda_adv), built once
  }
  in.rows.resize(n);  // sized when the world was built: no allocation
  std::size_t moved = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const State& ally = world.states[i];
    if (!all && in.affinity[i] == ally.adversary_affinity && in.risk_tolerance[i] == ally.risk_tolerance) continue;
    in.affinity[i] = ally.adversary_affinity;
    in.risk_tolerance[i] = ally.risk_tolerance;
    in.rows[moved++] = i;
  }
  if (moved > 0) willingness_rows(world, std::span<const std::size_t>(in.rows.data(), moved));
}

namespace {

// True when the reinforcement sums were computed from the inputs the
// world has now; records them otherwise (the caller then recomputes).
bool reinforcements_are_current(const World& world, ReinforcementInputs& in) {
  const std::size_t n = world.state_count();
  const double mobile_share = world.params.credibility.mobile_share;
  bool same = in.valid && in.capability.size() == n && in.adversary_capability == world.adversary.capability &&
              in.mobile_share == mobile_share;
  for (std::size_t i = 0; same && i < n; ++i)
    same = in.capability[i] == world.states[i].capability && (in.member[i] != 0) == world.states[i].is_member();
  if (same) return true;
  in.valid = true;
  in.adversary_capability = world.adversary.capability;
  in.mobile_share = mobile_share;
  in.capability.resize(n);
  in.member.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    in.capability[i] = world.states[i].capability;
    in.member[i] = world.states[i].is_member() ? 1 : 0;
  }
  return false;
}

// Reinforcements that could reach each member j from its allies, before
// the share rho_j that arrives in time (sim/MODEL.md, "M2"):
// R_j = sum over allies i of mu K_i A_j / (sum_{k != i} A_k) r(i, j).
void sum_reinforcements(World& world, double total_exposure) {
  const CredibilityParams& p = world.params.credibility;
  CredibilityState& c = world.cache.credibility;
  const std::size_t n = world.state_count();
  // How far reinforcements reach from i to j: over the shortest allied
  // transit route when the scenario declares transit, else by great circle
  // (the transit routes follow the membership, part of the cache's key).
  const Eigen::MatrixXd& reach =
      world.graph.has_transit() ? world.cache.transit_reach : world.params.reinforcement_reach;
  c.reinforcements.resize(n);
  for (std::size_t j = 0; j < n; ++j) {
    double reinforcements = 0.0;
    if (world.states[j].is_member()) {
      for (StateId ally : world.members()) {
        const std::size_t i = ally.value;
        if (i == j) continue;
        const double others_exposure = total_exposure - c.adversary_local[i];
        const double share = others_exposure > 0.0 ? c.adversary_local[j] / others_exposure : 1.0;
        reinforcements += p.mobile_share * world.states[i].capability * share * reach(i, j);
      }
    }
    c.reinforcements[j] = reinforcements;
  }
}

}  // namespace

void update_credibility(World& world) {
  const CredibilityParams& p = world.params.credibility;
  CredibilityState& c = world.cache.credibility;
  const std::size_t n = world.state_count();

  // Exposure of each member to the adversary; the members' total is what
  // every ally's reinforcements are spread over (a wider commitment area
  // thins them: C1).
  double total_exposure = 0.0;
  for (std::size_t j = 0; j < n; ++j) {
    // adversary_local_force, with exp(-d_j / lambda_adv) computed when the world was built
    c.adversary_local[j] = world.adversary.capability * world.params.adversary_reach[j];
    if (world.states[j].is_member()) total_exposure += c.adversary_local[j];
  }
  // The sums are O(m^2) and their inputs move on budget steps: in a
  // monthly scenario they are kept for eleven steps out of twelve.
  if (!reinforcements_are_current(world, c.reinforcement_inputs)) sum_reinforcements(world, total_exposure);

  for (std::size_t j = 0; j < n; ++j) {
    const State& s = world.states[j];
    if (!s.is_member()) {
      c.local_defence[j] = c.p_hold[j] = c.p_decide[j] = c.credibility[j] = 0.0;
      continue;
    }
    const double reinforcements = c.reinforcements[j];
    const double forward = world.cache.deployment_in[j];  // sum_i D(i, j)
    // An integrated command (χ) brings more of them in time to a member it
    // has planned for (I_j): the liberal reading of NATO's integrated
    // military structure (Wallander 2000).
    const double rho_j = reinforcement_in_time(p.reinforcement, world.params.alliance.integrated_command, s.integration);
    const double local = s.capability + forward + rho_j * reinforcements;
    const double threat = std::max(c.adversary_local[j], 1e-9);
    c.local_defence[j] = local;
    c.p_hold[j] = logistic(p.hold_steepness * (local / threat - 1.0));
    const StateId target{static_cast<std::uint32_t>(j)};
    const double independent = probability_of_decision(world.rule, world.members(), target, c.willingness, c.scratch);
    // Correlated willingness (issue 16, item 8): with chance rho_w the
    // allies follow the leader, and the rule decides as the leader does.
    const StateId leader = world.rule.leader;
    const double rho = p.willingness_correlation;
    const bool leader_votes = world.states[leader.value].is_member() && is_voter(world.rule, leader);
    const double follow = !leader_votes ? independent : leader == target ? 1.0 : c.willingness(leader.value, j);
    c.p_decide[j] = rho * follow + (1.0 - rho) * independent;
    c.credibility[j] = clamp01(c.p_hold[j] * c.p_decide[j]);
  }
}

}  // namespace alliance
