#include "state/world.hpp"

#include <cmath>

namespace alliance {

namespace {

// Reinforcement over allied transit (sim/MODEL.md, "M2"): the routes are
// searched again only when the membership changed since the last search.
void refresh_transit(World& world) {
  auto& c = world.cache;
  const std::size_t n = world.state_count();
  bool same = c.transit_members.size() == n && c.transit_reach.rows() == static_cast<Eigen::Index>(n);
  for (std::size_t i = 0; same && i < n; ++i) same = (c.transit_members[i] != 0) == world.states[i].is_member();
  if (same) return;
  c.transit_members.resize(n);
  for (std::size_t i = 0; i < n; ++i) c.transit_members[i] = world.states[i].is_member() ? 1 : 0;
  world.graph.fill_transit_distances(c.transit_members, c.transit_km);
  const double reach_km = world.params.credibility.reinforcement_reach_km;
  c.transit_reach.resize(c.transit_km.rows(), c.transit_km.cols());
  // std::exp, not Eigen's vectorised exp, which clamps exp(-inf) to 5.6e-309: no route, no reinforcement.
  for (Eigen::Index j = 0; j < c.transit_km.cols(); ++j)
    for (Eigen::Index i = 0; i < c.transit_km.rows(); ++i) c.transit_reach(i, j) = std::exp(-c.transit_km(i, j) / reach_km);
}

}  // namespace

void refresh_derived_views(World& world) {
  world.cache.members.clear();
  for (std::size_t i = 0; i < world.state_count(); ++i)
    if (world.states[i].is_member()) world.cache.members.push_back(StateId{static_cast<std::uint32_t>(i)});
  auto& c = world.cache;
  if (c.deployment_revision != world.graph.deployment_revision() ||
      c.deployment.rows() != static_cast<Eigen::Index>(world.state_count())) {
    world.graph.fill_deployment_matrix(c.deployment);
    c.deployment_in.resize(world.state_count());
    for (std::size_t j = 0; j < world.state_count(); ++j)
      c.deployment_in[j] = c.deployment.col(static_cast<Eigen::Index>(j)).sum();
    c.deployment_revision = world.graph.deployment_revision();
    ++c.deployment_version;
  }
  if (world.graph.has_transit()) refresh_transit(world);
}

bool is_budget_step(const World& world) {
  const int months = static_cast<int>(std::lround(world.params.years_per_step * 12.0));
  return world.step > 0 && (world.step * months) % 12 == 0;
}

}  // namespace alliance
