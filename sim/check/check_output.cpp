#include "check/check_output.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "io/csv_recorder.hpp"
#include "io/data_package.hpp"
#include "io/output_directory.hpp"
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
          "one row per claim file, preset, mechanism set (as claimed or without its cause) and hypothesis",
          {
              {"claim", "string", "", "the claim's id (C1..C8 for Kay 2020's claims)"},
              {"hypothesis", "string", "", "the hypothesis' name in the claim file"},
              {"preset", "string", "", "realist | liberal | as_written"},
              {"cause", "string", "", "empty: the mechanisms as claimed; else the claim's [[without_cause]] set run instead"},
              {"estimand", "string", "", "what was estimated, over replicates (paired by seed for a difference)"},
              {"unit", "string", "", "unit of the estimate"},
              {"test", "string", "", "what the hypothesis says of the estimate: > t, < t, or within target +- tolerance"},
              {"estimate", "number", "", "the mean, mean paired difference or OLS slope (empty: fewer than 2 values)"},
              {"ci_lower", "number", "", "lower bound of its Student-t confidence interval"},
              {"ci_upper", "number", "", "upper bound of its Student-t confidence interval"},
              {"confidence", "number", "probability", "confidence level of the interval"},
              {"n", "integer", "replicates", "values used (replicates x variants for a trend)"},
              {"left_out", "integer", "replicates", "values left out because the metric was missing (e.g. never acted)"},
              {"verdict", "string", "",
               "holds | does not hold | inconclusive, read from the interval; a fit to a record no replicate "
               "reached does not hold"},
              {"expected", "string", "", "the verdict the claim file expects (empty: none, or a run without the cause)"},
              {"as_expected", "boolean", "", "1 when the verdict is the expected one, 0 when not, empty without one"},
              {"statement", "string", "", "the hypothesis in words, from the claim file (or its record)"},
          },
          {"claim", "hypothesis", "preset", "cause"}};
}

std::string verdicts_csv(const std::vector<CheckedClaim>& claims) {
  fmt::memory_buffer out;
  const std::string header = csv_header(verdict_table());
  out.append(header);
  auto comma = [&] { out.push_back(','); };
  for (const auto& c : claims) {
    for (const auto& r : c.outcome.results) {
      for (const std::string_view text : {std::string_view(r.claim), std::string_view(r.hypothesis),
                                          std::string_view(r.preset), std::string_view(r.cause),
                                          std::string_view(r.estimand),
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
      fmt::format_to(std::back_inserter(out), ",{},{},{},{},{},", r.interval ? r.interval->n : 0, r.left_out,
                     to_string(r.verdict), r.expected ? to_string(*r.expected) : "", as_expected(r));
      append_text(out, r.statement);
      out.push_back('\n');
    }
  }
  return fmt::to_string(out);
}

TableSpec region_table() {
  return {"region.csv",
          "one row per claim, hypothesis, preset and mechanism set: how much of the claim's region "
          "(its [[range]]s, a Latin hypercube) the hypothesis holds in",
          {
              {"claim", "string", "", "the claim's id"},
              {"hypothesis", "string", "", "the hypothesis' name"},
              {"preset", "string", "", "realist | liberal | as_written"},
              {"cause", "string", "", "empty: as claimed; else the [[without_cause]] set"},
              {"points", "integer", "points", "region points evaluated"},
              {"holds", "integer", "points", "points where the hypothesis holds"},
              {"does_not_hold", "integer", "points", "points where it does not hold"},
              {"inconclusive", "integer", "points", "points where the interval straddles the test"},
              {"share_holds", "number", "share", "holds / points"},
              {"share_lower", "number", "share", "lower bound of its Wilson score interval"},
              {"share_upper", "number", "share", "upper bound of its Wilson score interval"},
              {"replicates", "integer", "replicates", "replicates per point, variant and preset"},
          },
          {"claim", "hypothesis", "preset", "cause"}};
}

TableSpec region_points_table() {
  return {"region_points.csv",
          "one row per claim, preset, mechanism set, region point and hypothesis: its estimate and verdict there",
          {
              {"claim", "string", "", "the claim's id"},
              {"preset", "string", "", "realist | liberal | as_written"},
              {"cause", "string", "", "empty: as claimed; else the [[without_cause]] set"},
              {"point", "integer", "", "the region point (0-based); its values in region_design.csv"},
              {"hypothesis", "string", "", "the hypothesis' name"},
              {"estimate", "number", "", "as in verdicts.csv (unit there)"},
              {"ci_lower", "number", "", "lower bound of its confidence interval"},
              {"ci_upper", "number", "", "upper bound of its confidence interval"},
              {"verdict", "string", "", "holds | does not hold | inconclusive"},
          },
          {"claim", "preset", "cause", "point", "hypothesis"}};
}

TableSpec region_design_table() {
  return {"region_design.csv",
          "one row per claim, region point and parameter: the value the point gives it",
          {
              {"claim", "string", "", "the claim's id"},
              {"point", "integer", "", "the region point (0-based)"},
              {"parameter", "string", "", "the dotted key, as `--set` takes it"},
              {"value", "number", "", "its value at this point (unit as in the scenario reference)"},
          },
          {"claim", "point", "parameter"}};
}

TableSpec audit_table() {
  return {"audit.csv",
          "one row per claim and hypothesis: the construction audit over every preset, mechanism set and "
          "region point",
          {
              {"claim", "string", "", "the claim's id"},
              {"hypothesis", "string", "", "the hypothesis' name"},
              {"audit", "string", "",
               "can fail | holds by construction: not evidence | fails by construction | holds everywhere; no "
               "mechanism set without its cause | undetermined: holds or inconclusive, never fails"},
              {"holds", "integer", "evaluations",
               "evaluations (preset x mechanism set x the claim's own values and each region point) where it holds"},
              {"does_not_hold", "integer", "evaluations", "evaluations where it does not hold"},
              {"inconclusive", "integer", "evaluations", "evaluations where its interval straddles the test"},
              {"kept_because", "string", "", "the claim file's reason to keep a hypothesis the audit flags"},
          },
          {"claim", "hypothesis"}};
}

std::string region_csv(const std::vector<CheckedClaim>& claims) {
  fmt::memory_buffer out;
  out.append(csv_header(region_table()));
  for (const auto& c : claims)
    for (const auto& r : c.outcome.region) {
      for (const std::string_view text : {std::string_view(c.claim.id), std::string_view(r.hypothesis),
                                          std::string_view(r.preset), std::string_view(r.cause)}) {
        append_text(out, text);
        out.push_back(',');
      }
      fmt::format_to(std::back_inserter(out), "{},{},{},{},", r.points, r.holds, r.does_not_hold, r.inconclusive);
      if (r.share) {
        append_number(out, r.share->estimate);
        out.push_back(',');
        append_number(out, r.share->lower);
        out.push_back(',');
        append_number(out, r.share->upper);
      } else {
        out.append(std::string_view(",,"));
      }
      fmt::format_to(std::back_inserter(out), ",{}\n", c.outcome.region_replicates);
    }
  return fmt::to_string(out);
}

std::string region_points_csv(const std::vector<CheckedClaim>& claims) {
  fmt::memory_buffer out;
  out.append(csv_header(region_points_table()));
  for (const auto& c : claims)
    for (const auto& r : c.outcome.region_points) {
      for (const std::string_view text : {std::string_view(c.claim.id), std::string_view(r.preset),
                                          std::string_view(r.cause)}) {
        append_text(out, text);
        out.push_back(',');
      }
      fmt::format_to(std::back_inserter(out), "{},", r.point);
      append_text(out, r.hypothesis);
      out.push_back(',');
      if (r.interval) {
        append_number(out, r.interval->estimate);
        out.push_back(',');
        append_number(out, r.interval->lower);
        out.push_back(',');
        append_number(out, r.interval->upper);
      } else {
        out.append(std::string_view(",,"));
      }
      fmt::format_to(std::back_inserter(out), ",{}\n", to_string(r.verdict));
    }
  return fmt::to_string(out);
}

std::string region_design_csv(const std::vector<CheckedClaim>& claims) {
  fmt::memory_buffer out;
  out.append(csv_header(region_design_table()));
  for (const auto& c : claims)
    for (std::size_t p = 0; p < c.outcome.region_design.size(); ++p)
      for (std::size_t d = 0; d < c.outcome.region_design[p].size(); ++d) {
        append_text(out, c.claim.id);
        fmt::format_to(std::back_inserter(out), ",{},", p);
        append_text(out, c.claim.region.ranges[d].key);
        out.push_back(',');
        out.append(c.outcome.region_design[p][d]);
        out.push_back('\n');
      }
  return fmt::to_string(out);
}

std::string audit_csv(const std::vector<CheckedClaim>& claims) {
  fmt::memory_buffer out;
  out.append(csv_header(audit_table()));
  for (const auto& c : claims)
    for (const auto& a : c.outcome.audit) {
      for (const std::string_view text : {std::string_view(c.claim.id), std::string_view(a.hypothesis),
                                          to_string(a.audit)}) {
        append_text(out, text);
        out.push_back(',');
      }
      fmt::format_to(std::back_inserter(out), "{},{},{},", a.holds, a.does_not_hold, a.inconclusive);
      append_text(out, a.kept_because);
      out.push_back('\n');
    }
  return fmt::to_string(out);
}

namespace {

std::string estimate_text(const HypothesisResult& r) {
  if (r.never_reached) return fmt::format("never reached (0 of {})", r.left_out);
  if (!r.interval) return fmt::format("too few values ({} left out)", r.left_out);
  std::string text = fmt::format("{:.3g} [{:.3g}, {:.3g}]", r.interval->estimate, r.interval->lower,
                                 r.interval->upper);
  if (!r.unit.empty()) text += " " + r.unit;
  if (r.left_out > 0) text += fmt::format(" ({} of {} reached)", r.interval->n, r.interval->n + r.left_out);
  if (r.rarely_reached) text += ": a miss, most replicates never reach it";
  return text;
}

const RegionResult* region_row(const ClaimOutcome& o, const HypothesisResult& r) {
  for (const auto& row : o.region)
    if (row.hypothesis == r.hypothesis && row.preset == r.preset && row.cause == r.cause) return &row;
  return nullptr;
}

}  // namespace

std::string verdicts_text(const std::vector<CheckedClaim>& claims) {
  std::string out;
  for (const auto& c : claims) {
    out += fmt::format("{}  {}\n", c.claim.id, c.claim.title);
    for (std::size_t k = 0; k < c.claim.hypotheses.size(); ++k) {
      const HypothesisDef& h = c.claim.hypotheses[k];
      std::vector<std::array<std::string, 5>> rows;
      std::string test;
      for (const auto& r : c.outcome.results) {
        if (r.hypothesis != h.name) continue;
        if (test.empty()) test = r.test;
        std::string verdict(to_string(r.verdict));
        if (r.expected && *r.expected != r.verdict) verdict += fmt::format(" (expected: {})", to_string(*r.expected));
        std::string region;
        if (const RegionResult* row = region_row(c.outcome, r); row && row->share)
          region = fmt::format("region: {} of {} points", row->holds, row->points);
        rows.push_back({r.preset, r.cause.empty() ? std::string("as claimed") : "cause removed: " + r.cause,
                        estimate_text(r), verdict, region});
      }
      const std::string statement = h.statement.empty() ? std::string() : ": " + h.statement;
      out += fmt::format("  {}{}\n    test: {}\n", h.name, statement, test);
      std::array<std::size_t, 5> width{};
      for (const auto& row : rows)
        for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
      for (const auto& row : rows) {
        std::string line = "    ";
        for (std::size_t i = 0; i < row.size(); ++i)
          line += i + 1 < row.size() ? fmt::format("{:<{}}  ", row[i], width[i]) : row[i];
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + '\n';
      }
      for (const auto& a : c.outcome.audit)
        if (a.hypothesis == h.name && a.audit != Audit::can_fail)
          out += fmt::format("    audit: {} (holds {}, does not hold {}, inconclusive {}){}\n", to_string(a.audit),
                             a.holds, a.does_not_hold, a.inconclusive,
                             a.kept_because.empty() ? "" : "; kept: " + a.kept_because);
    }
    out += '\n';
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> check_output_files(const std::vector<CheckedClaim>& claims) {
  return {
      {"verdicts.csv", verdicts_csv(claims)},
      {"audit.csv", audit_csv(claims)},
      {"region.csv", region_csv(claims)},
      {"region_points.csv", region_points_csv(claims)},
      {"region_design.csv", region_design_csv(claims)},
      {"datapackage.json",
       tables_package_json("alliance-check",
                           "Output of `alliance check`: one verdict per claim, preset, mechanism set and hypothesis; "
                           "the construction audit; the share of each claim's region where each hypothesis holds. "
                           "Claims, scenarios and seeds in run.json.",
                           check_tables())},
      {std::string(OutputDirectory::kMarker), check_metadata_json(claims)},
  };
}

std::vector<TableSpec> check_tables() {
  return {verdict_table(), audit_table(), region_table(), region_points_table(), region_design_table()};
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
    ordered_json without = ordered_json::array();
    for (const auto& w : c.claim.without_cause)
      without.push_back({{"name", w.name}, {"set", w.overrides}, {"description", w.description}});
    ordered_json ranges = ordered_json::array();
    for (const auto& r : c.claim.region.ranges)
      ranges.push_back({{"key", r.key}, {"min", r.lo}, {"max", r.hi}, {"why", r.why}});
    const ordered_json region = {{"points", c.outcome.region_design.size()},
                                 {"replicates", c.outcome.region_replicates},
                                 {"design", "Latin hypercube (McKay et al. 1979), the sweep's, seeded with the claim's seed"},
                                 {"ranges", ranges}};
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
                    {"variants", variants},
                    {"without_cause", without},
                    {"region", region}});
  }
  meta["claims"] = list;
  meta["files"] = ordered_json::object();
  for (const auto& t : check_tables()) meta["files"][t.file] = t.description;
  meta["files"]["datapackage.json"] = "column types and units";
  return meta.dump(2) + "\n";
}

std::vector<std::string> unexplained_audits(const std::vector<CheckedClaim>& claims) {
  std::vector<std::string> out;
  for (const auto& c : claims)
    for (const auto& a : c.outcome.audit)
      if ((a.audit == Audit::holds_by_construction || a.audit == Audit::fails_by_construction) &&
          a.kept_because.empty())
        out.push_back(fmt::format("{} {}: {}", c.claim.id, a.hypothesis, to_string(a.audit)));
  return out;
}

std::size_t unexpected_count(const std::vector<CheckedClaim>& claims) {
  std::size_t n = 0;
  for (const auto& c : claims)
    for (const auto& r : c.outcome.results)
      if (r.expected && *r.expected != r.verdict) ++n;
  return n;
}

}  // namespace alliance
