#include "check/check_output.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "io/csv_recorder.hpp"
#include "version.hpp"

namespace alliance {

namespace {

// A CSV field, quoted when it holds a comma or a quote (RFC 4180).
void append_text(fmt::memory_buffer& out, std::string_view s) {
  if (s.find_first_of(",\"\n") == std::string_view::npos) {
    out.append(s);
    return;
  }
  out.push_back('"');
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

std::string as_expected(const HypothesisResult& r) {
  if (!r.expected) return "";
  return *r.expected == r.verdict ? "1" : "0";
}

}  // namespace

TableSpec verdict_table() {
  return {"verdicts.csv",
          "one row per claim file, preset and hypothesis",
          {
              {"claim", "string", "", "the claim's id (C1..C8 for Kay 2020's claims)"},
              {"hypothesis", "string", "", "the hypothesis' name in the claim file"},
              {"preset", "string", "", "realist | liberal | as_written"},
              {"estimand", "string", "", "what was estimated, over replicates (paired by seed for a difference)"},
              {"unit", "string", "", "unit of the estimate"},
              {"test", "string", "", "what the hypothesis says of the estimate: > t, < t, or within target +- tolerance"},
              {"estimate", "number", "", "the mean, mean paired difference or OLS slope (empty: fewer than 2 values)"},
              {"ci_lower", "number", "", "lower bound of its Student-t confidence interval"},
              {"ci_upper", "number", "", "upper bound of its Student-t confidence interval"},
              {"confidence", "number", "probability", "confidence level of the interval"},
              {"n", "integer", "replicates", "values used (replicates x variants for a trend)"},
              {"left_out", "integer", "replicates", "values left out because the metric was missing (e.g. never acted)"},
              {"verdict", "string", "", "holds | does not hold | inconclusive, read from the interval"},
              {"expected", "string", "", "the verdict the claim file expects (empty: none)"},
              {"as_expected", "boolean", "", "1 when the verdict is the expected one, 0 when not, empty without one"},
          },
          {"claim", "hypothesis", "preset"}};
}

std::string verdicts_csv(const std::vector<CheckedClaim>& claims) {
  fmt::memory_buffer out;
  const std::string header = csv_header(verdict_table());
  out.append(header);
  auto comma = [&] { out.push_back(','); };
  for (const auto& c : claims) {
    for (const auto& r : c.outcome.results) {
      for (const std::string_view text : {std::string_view(r.claim), std::string_view(r.hypothesis),
                                          std::string_view(r.preset), std::string_view(r.estimand),
                                          std::string_view(r.unit), std::string_view(r.test)}) {
        append_text(out, text);
        comma();
      }
      if (r.interval) {
        append_number(out, r.interval->estimate);
        comma();
        append_number(out, r.interval->lower);
        comma();
        append_number(out, r.interval->upper);
      } else {
        out.append(std::string_view(",,"));
      }
      comma();
      append_number(out, c.claim.confidence);
      fmt::format_to(std::back_inserter(out), ",{},{},{},{},{}\n", r.interval ? r.interval->n : 0, r.left_out,
                     to_string(r.verdict), r.expected ? to_string(*r.expected) : "", as_expected(r));
    }
  }
  return fmt::to_string(out);
}

std::string verdicts_text(const std::vector<CheckedClaim>& claims) {
  std::vector<std::array<std::string, 6>> rows;
  rows.push_back({"claim", "hypothesis", "preset", "estimate [CI]", "test", "verdict"});
  for (const auto& c : claims) {
    for (const auto& r : c.outcome.results) {
      const std::string estimate =
          r.interval ? fmt::format("{:.3g} [{:.3g}, {:.3g}]", r.interval->estimate, r.interval->lower, r.interval->upper)
                     : std::string("(too few values)");
      std::string verdict(to_string(r.verdict));
      if (r.expected && *r.expected != r.verdict) verdict += fmt::format("  (expected: {})", to_string(*r.expected));
      rows.push_back({r.claim, r.hypothesis, r.preset, estimate, r.test, verdict});
    }
  }
  std::array<std::size_t, 6> width{};
  for (const auto& row : rows)
    for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  std::string out;
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i)
      out += i + 1 < row.size() ? fmt::format("{:<{}}  ", row[i], width[i]) : row[i];
    out += '\n';
  }
  return out;
}

std::string check_metadata_json(const std::vector<CheckedClaim>& claims) {
  using nlohmann::ordered_json;
  ordered_json meta;
  meta["program"] = "alliance check";
  meta["version"] = kVersion;
  meta["seeds"] =
      "replicate r of a run with seed s uses the (r+1)-th output of SplitMix64 started at s (sim/MODEL.md); "
      "every variant and preset of a claim uses the same seeds";
  ordered_json list = ordered_json::array();
  for (const auto& c : claims) {
    ordered_json variants = ordered_json::array();
    for (const auto& v : c.claim.variants) {
      ordered_json variant = {{"name", v.name}, {"set", v.overrides}};
      if (v.x) variant["x"] = *v.x;
      variants.push_back(variant);
    }
    list.push_back({{"id", c.claim.id},
                    {"title", c.claim.title},
                    {"file", c.claim.source},
                    {"file_sha256", c.claim_sha256},
                    {"scenario", c.claim.scenario.lexically_normal().string()},
                    {"scenario_sha256", c.outcome.scenario_sha256},
                    {"seed", c.outcome.seed},
                    {"replicates", c.outcome.replicates},
                    {"confidence", c.claim.confidence},
                    {"presets", c.claim.presets},
                    {"variants", variants}});
  }
  meta["claims"] = list;
  meta["files"] = {{"verdicts.csv", verdict_table().description}, {"datapackage.json", "column types and units"}};
  return meta.dump(2) + "\n";
}

std::size_t unexpected_count(const std::vector<CheckedClaim>& claims) {
  std::size_t n = 0;
  for (const auto& c : claims)
    for (const auto& r : c.outcome.results)
      if (r.expected && *r.expected != r.verdict) ++n;
  return n;
}

}  // namespace alliance
