#pragma once
// M5: democracy, conditionality, backsliding and sanctions (claims C4, C6,
// C7), and the liberal mechanism of socialisation. sim/MODEL.md, "M5".
#include "state/world.hpp"

namespace alliance {

// Aspirants are pulled toward full democracy while membership is
// conditional; members drift toward their own baseline; a sanction rule in
// force pulls backsliders back to the threshold. Affinity to the adversary
// follows: phi = clamp(phi_base + psi (D_initial - D), 0, 1). Socialisation
// draws members' k and phi_base toward the members' mean.
void update_democracy(World& world);

// A proposal to adopt a sanction rule, decided under the rule in force.
// A member supports it unless it would be its target (democracy below the
// sanction threshold). Returns whether it was adopted.
bool vote_sanction_reform(World& world);

}  // namespace alliance
