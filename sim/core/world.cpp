#include "core/world.hpp"

namespace alliance {

void refresh_derived_views(World& world) {
  world.members.clear();
  for (std::size_t i = 0; i < world.state_count(); ++i)
    if (world.states[i].is_member()) world.members.push_back(StateId{static_cast<std::uint32_t>(i)});
  world.graph.fill_deployment_matrix(world.deployment);
}

}  // namespace alliance
