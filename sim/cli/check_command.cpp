// `alliance check`: every claim file's hypotheses under every preset, as a
// verdict table on standard output and in <out>/verdicts.csv.
#include <algorithm>
#include <chrono>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "check/check_output.hpp"
#include "check/claim_reader.hpp"
#include "cli/commands.hpp"
#include "io/data_package.hpp"
#include "scenario/input_file.hpp"
#include "io/output_directory.hpp"
#include "io/output_lock.hpp"
#include "io/output_target.hpp"
#include "io/run_metadata.hpp"
#include "scenario/input_error.hpp"

namespace alliance::cli {

namespace {

// The claim files named, a folder standing for its *.toml files in name order.
std::vector<std::filesystem::path> claim_files(const std::vector<std::filesystem::path>& paths, std::string& why) {
  std::vector<std::filesystem::path> files;
  for (const auto& p : paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      std::vector<std::filesystem::path> in_folder;
      for (const auto& e : std::filesystem::directory_iterator(p, ec))
        if (e.is_regular_file() && e.path().extension() == ".toml") in_folder.push_back(e.path());
      if (in_folder.empty()) {
        why = fmt::format("{}: no claim files (*.toml) in this folder", p.string());
        return {};
      }
      std::sort(in_folder.begin(), in_folder.end());
      files.insert(files.end(), in_folder.begin(), in_folder.end());
    } else {
      files.push_back(p);  // read_claim_file says why, should it be missing or no regular file
    }
  }
  return files;
}

}  // namespace

int check_command(const CheckOptions& options) {
  std::string why;
  const auto files = claim_files(options.paths, why);
  if (files.empty()) {
    fmt::print(stderr, "error: {}\n", why);
    return kExitBadInput;
  }
  const CheckPlan plan{options.threads, options.replicates, options.seed, options.region_points};

  // Every claim file and every scenario variant is checked before anything runs.
  std::vector<CheckedClaim> claims;
  bool bad = false;
  for (const auto& file : files) {
    try {
      // Read once (a regular file of up to 1 MB, scenario/input_file.hpp), parsed
      // and hashed from the same bytes.
      const std::string bytes = read_input_file(file, kClaimFile);
      const std::string sha256 = sha256_hex(bytes);
      spdlog::info("claim file {}: sha256 {}", file.string(), sha256);
      ClaimDef claim = read_claim_text(bytes, file.string());
      validate_claim(claim, plan);
      claims.push_back({std::move(claim), sha256, {}});
    } catch (const InputError& e) {
      report(e);
      bad = true;
    }
  }
  if (bad) return kExitBadInput;
  // The output path is checked and locked before anything runs (io/output_target.hpp).
  std::vector<std::filesystem::path> inputs = files;
  for (const auto& c : claims) inputs.push_back(c.claim.scenario);
  const std::filesystem::path out = check_output_directory(options.out, OutputKind::check, inputs);
  const OutputLock lock(out);

  for (auto& c : claims) {
    const auto started = std::chrono::steady_clock::now();
    c.outcome = evaluate_claim(c.claim, plan);
    spdlog::info("{}: {} hypotheses x {} presets, {} replicates each, in {:.1f} s", c.claim.id,
                 c.claim.hypotheses.size(), c.claim.presets.size(), c.outcome.replicates,
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  }
  OutputDirectory dir(out, OutputKind::check);
  for (const auto& [name, bytes] : check_output_files(claims)) dir.write_file(name, {bytes});
  dir.commit();
  fmt::print("{}", verdicts_text(claims));
  spdlog::info("wrote {}", (out / "verdicts.csv").string());
  const std::size_t unexpected = unexpected_count(claims);
  if (unexpected > 0)
    spdlog::warn("{} {} from what the claim files expect", unexpected,
                 unexpected == 1 ? "verdict differs" : "verdicts differ");
  const auto unexplained = unexplained_audits(claims);
  for (const auto& u : unexplained)
    spdlog::warn("{}, and its claim file does not say why it is kept (`kept_because`)", u);
  if (options.fail_on_unexpected && (unexpected > 0 || !unexplained.empty())) return kExitUnexpectedVerdict;
  return kExitOk;
}

}  // namespace alliance::cli
