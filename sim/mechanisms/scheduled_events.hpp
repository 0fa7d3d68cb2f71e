#pragma once
// The scenario's timeline events that no other mechanism owns: promises,
// deployment changes, decision-rule changes, economic data, the adversary's
// force level, crisis escalations. Accessions (M6) and sanction-reform
// proposals (M5) are handed by the step to their own mechanisms, so no
// mechanism calls another. sim/MODEL.md, "M6 Scheduled enlargement and events".
#include "state/world.hpp"

namespace alliance {

// The next scheduled event due at world.step, advancing the cursor; null
// when none is left for this step.
const ScheduledEvent* next_due_event(World& world);

// Applies one event of a kind this mechanism owns (not accession or
// sanction_reform) and records it in world.events. Returns whether the
// graph changed, so that the caller refreshes the derived views once.
bool apply_scheduled_event(World& world, const ScheduledEvent& event);

}  // namespace alliance
