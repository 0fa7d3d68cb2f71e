#pragma once
// datapackage.json: the output directory as a Frictionless Data Package
// (https://specs.frictionlessdata.io/tabular-data-package/), so that R's
// `frictionless`, Python's `frictionless` and pandas (analysis/alliance_data.py)
// load every CSV with its column types, units and descriptions.
#include <string>

#include "io/run_metadata.hpp"
#include "scenario/scenario_def.hpp"

namespace alliance {

// Deterministic, like run.json: equal inputs give equal bytes.
std::string data_package_json(const ScenarioDef& def, const RunProvenance& provenance);

}  // namespace alliance
