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
TableSpec audit_table();
TableSpec region_table();
TableSpec region_points_table();
TableSpec region_design_table();
std::vector<TableSpec> check_tables();  // in the order check_output_files writes them

// verdicts.csv, header included; rows in the order of `claims`.
std::string verdicts_csv(const std::vector<CheckedClaim>& claims);

std::string audit_csv(const std::vector<CheckedClaim>& claims);
std::string region_csv(const std::vector<CheckedClaim>& claims);
std::string region_points_csv(const std::vector<CheckedClaim>& claims);
std::string region_design_csv(const std::vector<CheckedClaim>& claims);

// Every file `alliance check` writes, by name: the tables, datapackage.json
// and run.json (the CLI and the Python module write the same bytes).
std::vector<std::pair<std::string, std::string>> check_output_files(const std::vector<CheckedClaim>& claims);

// For people, by claim and hypothesis: its words and test, then per preset
// and mechanism set the estimate with its interval and unit, the verdict,
// the share of the region where it holds, and the audit when it flags one.
std::string verdicts_text(const std::vector<CheckedClaim>& claims);

// Deterministic: claim files and scenarios with their hashes, seeds,
// replicates, presets and variants.
std::string check_metadata_json(const std::vector<CheckedClaim>& claims);

// Results whose verdict differs from the one the claim file expects.
std::size_t unexpected_count(const std::vector<CheckedClaim>& claims);

// Hypotheses the audit finds to hold or fail by construction whose claim
// file does not say why it keeps them (`kept_because`): issue 17 asks the
// shipped files to have none.
std::vector<std::string> unexplained_audits(const std::vector<CheckedClaim>& claims);

}  // namespace alliance
