#pragma once
// What `alliance check` writes: the verdict table (verdicts.csv, and the
// same table for a terminal), its data package and run.json.
#include <string>
#include <vector>

#include "check/evaluate_claim.hpp"
#include "io/columns.hpp"

namespace alliance {

struct CheckedClaim {
  ClaimDef claim;
  std::string claim_sha256;  // of the claim file's bytes
  ClaimOutcome outcome;
};

TableSpec verdict_table();

// verdicts.csv, header included; rows in the order of `claims`.
std::string verdicts_csv(const std::vector<CheckedClaim>& claims);

// An aligned table for people: claim, hypothesis, preset, estimate [CI], test, verdict.
std::string verdicts_text(const std::vector<CheckedClaim>& claims);

// Deterministic: claim files and scenarios with their hashes, seeds,
// replicates, presets and variants.
std::string check_metadata_json(const std::vector<CheckedClaim>& claims);

// Results whose verdict differs from the one the claim file expects.
std::size_t unexpected_count(const std::vector<CheckedClaim>& claims);

}  // namespace alliance
