// Replays every fuzz seed and every input that once crashed a fuzz target
// (tests/fuzz/regressions/) through the same code the targets run, in the
// normal test suite and under the sanitizers: a fixed crash stays fixed.
#include <doctest/doctest.h>

#include <filesystem>

#include "support/files.hpp"
#include "fuzz_inputs.hpp"

namespace fs = std::filesystem;
using alliance::test::slurp;

namespace {

std::vector<fs::path> files_in(const std::vector<fs::path>& dirs, const std::string& extension = "") {
  std::vector<fs::path> files;
  for (const auto& dir : dirs)
    if (fs::is_directory(dir))
      for (const auto& e : fs::directory_iterator(dir))
        if (e.is_regular_file() && (extension.empty() || e.path().extension() == extension)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

const fs::path kRoot = ALLIANCE_SOURCE_DIR;

}  // namespace

TEST_CASE("scenario target: shipped, malformed and regression inputs neither crash nor escape") {
  auto files = files_in({kRoot / "scenarios", kRoot / "tests/e2e/malformed"}, ".toml");
  const auto regressions = files_in({kRoot / "tests/fuzz/regressions/scenario"});
  files.insert(files.end(), regressions.begin(), regressions.end());
  CHECK(files.size() >= 30);
  for (const auto& f : files) {
    CAPTURE(f);
    CHECK_NOTHROW(alliance::fuzz::scenario_input(slurp(f)));
  }
}

TEST_CASE("claim target: shipped, malformed and regression claim files neither crash nor escape") {
  auto files = files_in({kRoot / "scenarios/claims", kRoot / "tests/e2e/malformed_claims"}, ".toml");
  const auto regressions = files_in({kRoot / "tests/fuzz/regressions/claim"});
  files.insert(files.end(), regressions.begin(), regressions.end());
  CHECK(files.size() >= 10);
  for (const auto& f : files) {
    CAPTURE(f);
    CHECK_NOTHROW(alliance::fuzz::claim_input(slurp(f)));
  }
}

TEST_CASE("sweep target: shipped, test and regression sweep files neither crash nor escape") {
  auto files = files_in({kRoot / "scenarios/sweeps", kRoot / "tests/e2e/sweeps"}, ".toml");
  const auto regressions = files_in({kRoot / "tests/fuzz/regressions/sweep"});
  files.insert(files.end(), regressions.begin(), regressions.end());
  CHECK(files.size() >= 6);
  for (const auto& f : files) {
    CAPTURE(f);
    CHECK_NOTHROW(alliance::fuzz::sweep_input(slurp(f), ALLIANCE_FUZZ_SWEEP_SOURCE));
  }
}

TEST_CASE("overrides target: seeds and regressions neither crash nor escape") {
  const std::string base = slurp(kRoot / "scenarios/reference.toml");
  const auto files = files_in({kRoot / "tests/fuzz/seeds/overrides", kRoot / "tests/fuzz/regressions/overrides"});
  CHECK(files.size() >= 5);
  for (const auto& f : files) {
    CAPTURE(f);
    CHECK_NOTHROW(alliance::fuzz::overrides_input(base, slurp(f)));
  }
}
