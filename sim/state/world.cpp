#include "state/world.hpp"

#include <cmath>

namespace alliance {

void refresh_derived_views(World& world) {
  world.cache.members.clear();
  for (std::size_t i = 0; i < world.state_count(); ++i)
    if (world.states[i].is_member()) world.cache.members.push_back(StateId{static_cast<std::uint32_t>(i)});
  world.graph.fill_deployment_matrix(world.cache.deployment);
}

bool is_budget_step(const World& world) {
  const int months = static_cast<int>(std::lround(world.params.years_per_step * 12.0));
  return world.step > 0 && (world.step * months) % 12 == 0;
}

}  // namespace alliance
