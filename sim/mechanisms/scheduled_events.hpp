#pragma once
// M6 scheduled enlargement and the scenario's other timeline events:
// accession (with or without added capability), deployment change,
// decision-rule change, crisis escalation. sim/MODEL.md, "M6".
#include "core/world.hpp"

namespace alliance {

// Applies every scheduled event due at world.step, records each in
// world.events, and refreshes the views derived from the graph.
void apply_scheduled_events(World& world);

}  // namespace alliance
