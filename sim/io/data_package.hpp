#pragma once
// datapackage.json: the output directory as a Frictionless Data Package
// (https://specs.frictionlessdata.io/tabular-data-package/), so that R's
// `frictionless`, Python's `frictionless` and pandas (analysis/alliance_data.py)
// load every CSV with its column types, units and descriptions.
#include <string>

#include "io/columns.hpp"
#include "io/run_metadata.hpp"
#include "scenario/scenario_def.hpp"

namespace alliance {

// Deterministic, like run.json: equal inputs give equal bytes.
std::string data_package_json(const ScenarioDef& def, const RunProvenance& provenance);

// A package of any tables, e.g. the verdicts of `alliance check`.
std::string tables_package_json(const std::string& name, const std::string& description,
                                const std::vector<TableSpec>& tables);

}  // namespace alliance
