#pragma once
// Checks that every name a scenario uses (a member code, a crisis id, a rule
// that needs a directorate) refers to something the scenario defines.
#include <toml++/toml.h>

#include "scenario/input_error.hpp"
#include "scenario/scenario_def.hpp"

namespace alliance {

void check_references(const ScenarioDef& def, const toml::table& root, Diagnostics& diag);

}  // namespace alliance
