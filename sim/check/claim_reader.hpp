#pragma once
// Claim files (TOML) -> ClaimDef. Throws InputError listing every problem,
// each with file, line, column and key, like the scenario reader.
#include <filesystem>
#include <string>
#include <string_view>

#include "check/claim_def.hpp"

namespace alliance {

inline constexpr int kMaxClaimReplicates = 100'000;
// Region points of one claim (each runs every preset, mechanism set and variant).
inline constexpr int kMaxRegionPoints = 10'000;

ClaimDef read_claim_text(std::string_view text, std::string source_name);
ClaimDef read_claim_file(const std::filesystem::path& path);

// "a - b" or "a"; nullopt when it is neither.
std::optional<MetricExpr> parse_metric(std::string_view text);

}  // namespace alliance
