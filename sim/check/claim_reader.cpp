#include "check/claim_reader.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include <fmt/format.h>

#include "scenario/input_file.hpp"
#include "scenario/presets.hpp"
#include "scenario/input_error.hpp"
#include "scenario/table_reader.hpp"

namespace alliance {

namespace {

const std::vector<std::string> kPresetNames = {"realist", "liberal", "as_written"};

bool is_identifier(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

bool is_column_name(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

VariantDef read_variant(TableReader& r) {
  VariantDef v;
  if (auto name = r.required_string("name")) {
    v.name = *name;
    if (!is_identifier(v.name))
      r.error_at(r.node("name"), "name", "expected letters, digits, '_' or '-' (it names the variant in the output)");
  }
  v.overrides = r.strings("set");
  for (const auto& o : v.overrides)
    if (o.find('=') == std::string::npos)
      r.error_at(r.node("set"), "set", fmt::format("\"{}\" is not dotted.key=value", o));
  if (r.node("x")) v.x = r.required_number("x", {-1e12, 1e12});
  r.finish();
  return v;
}

void read_expect(TableReader& r, HypothesisDef& h, const std::vector<std::string>& presets) {
  const toml::node* n = r.node("expect");
  if (!n) return;
  auto verdict = [&](const toml::node& v, const std::string& key) -> std::optional<Verdict> {
    const auto s = v.value<std::string>();
    const auto parsed = s ? verdict_from_string(*s) : std::nullopt;
    if (!parsed) r.error_at(&v, key, "expected \"holds\", \"does not hold\" or \"inconclusive\"");
    return parsed;
  };
  if (n->is_string()) {
    if (auto v = verdict(*n, "expect"))
      for (const auto& p : presets) h.expect[p] = *v;
    return;
  }
  const toml::table* t = n->as_table();
  if (!t) {
    r.error_at(n, "expect", "expected a verdict (\"holds\", ...) or a table of them by preset");
    return;
  }
  for (const auto& [key, value] : *t) {
    const std::string preset(key.str());
    if (std::find(presets.begin(), presets.end(), preset) == presets.end()) {
      r.error_at(&value, fmt::format("expect.{}", preset),
                 fmt::format("not one of this claim's presets ({})", fmt::join(presets, ", ")));
      continue;
    }
    if (auto v = verdict(value, fmt::format("expect.{}", preset))) h.expect[preset] = *v;
  }
}

HypothesisDef read_hypothesis(TableReader& r, const ClaimDef& claim) {
  HypothesisDef h;
  if (auto name = r.required_string("name")) {
    h.name = *name;
    if (!is_identifier(h.name))
      r.error_at(r.node("name"), "name", "expected letters, digits, '_' or '-' (it names the row in the output)");
  }
  h.statement = r.string("statement", "");
  h.comparison = read_choice(r, "compare", Comparison::value,
                             {{"value", Comparison::value}, {"difference", Comparison::difference},
                              {"trend", Comparison::trend}});
  h.record = r.string("record", "");
  if (const toml::node* n = r.node("record")) {
    h.record_line = static_cast<int>(n->source().begin.line);
    h.record_column = static_cast<int>(n->source().begin.column);
    for (const char* key : {"direction", "threshold", "tolerance"})
      if (r.node(key))
        r.error_at(r.node(key), key, fmt::format("comes from the record \"{}\"; leave it out", h.record));
  }
  if (auto metric = h.record.empty() || r.node("metric") ? r.required_string("metric") : std::nullopt) {
    const toml::node* n = r.node("metric");
    h.line = static_cast<int>(n->source().begin.line);
    h.column = static_cast<int>(n->source().begin.column);
    if (auto parsed = parse_metric(*metric)) h.metric = *parsed;
    else r.error_at(n, "metric", fmt::format("\"{}\" is neither a summary.csv column nor \"column - column\"", *metric));
  }
  auto names_variant = [&](std::string_view key, const std::string& name) {
    const bool known = std::any_of(claim.variants.begin(), claim.variants.end(),
                                   [&](const VariantDef& v) { return v.name == name; });
    if (!known) {
      std::vector<std::string> names;
      for (const auto& v : claim.variants) names.push_back(v.name);
      r.error_at(r.node(key), key, fmt::format("no variant \"{}\"; the variants are {}", name, fmt::join(names, ", ")));
    }
  };
  const std::string first = claim.variants.empty() ? std::string() : claim.variants.front().name;
  h.variant = r.string("variant", first);
  if (r.node("variant")) names_variant("variant", h.variant);
  const bool has_baseline = r.node("baseline") != nullptr;
  h.baseline = r.string("baseline", "");
  if (h.comparison == Comparison::difference) {
    if (!has_baseline) r.error_at(nullptr, "baseline", "missing; compare = \"difference\" needs the variant to subtract");
    else names_variant("baseline", h.baseline);
    if (has_baseline && h.baseline == h.variant)
      r.error_at(r.node("baseline"), "baseline", "is the same variant as `variant`; the difference would be 0");
  } else if (has_baseline) {
    r.error_at(r.node("baseline"), "baseline", "only compare = \"difference\" has a baseline");
  }
  h.variants = r.strings("variants");
  if (h.comparison == Comparison::trend) {
    if (h.variants.empty())
      for (const auto& v : claim.variants)
        if (v.x) h.variants.push_back(v.name);
    std::set<double> xs;
    for (const auto& name : h.variants) {
      const auto it = std::find_if(claim.variants.begin(), claim.variants.end(),
                                   [&](const VariantDef& v) { return v.name == name; });
      if (it == claim.variants.end()) names_variant("variants", name);
      else if (!it->x) r.error_at(r.node("variants"), "variants", fmt::format("variant \"{}\" has no x", name));
      else xs.insert(*it->x);
    }
    if (xs.size() < 2)
      r.error_at(r.node("compare"), "compare", "a trend needs variants with at least two different values of x");
  } else if (!h.variants.empty()) {
    r.error_at(r.node("variants"), "variants", "only compare = \"trend\" takes a list of variants");
  }
  h.direction = read_choice(r, "direction", Direction::greater,
                            {{"greater", Direction::greater}, {"less", Direction::less}, {"within", Direction::within}});
  h.threshold = r.number("threshold", 0.0, {-1e12, 1e12});
  if (!h.record.empty()) {
    h.direction = Direction::within;  // target and tolerance: evaluate_claim reads them from the record
  } else if (h.direction == Direction::within) {
    if (auto tol = r.required_number("tolerance", kPositive)) h.tolerance = *tol;
  } else if (r.node("tolerance")) {
    r.error_at(r.node("tolerance"), "tolerance", "only direction = \"within\" has a tolerance");
  }
  if (const toml::node* m = r.node("missing")) {
    const auto word = m->value<std::string>();
    const auto number = m->is_number() ? m->value<double>() : std::nullopt;
    if (number && std::isfinite(*number)) h.missing = *number;
    else if (!word || *word != "drop")
      r.error_at(m, "missing", "expected \"drop\" (leave such replicates out) or a number to count them as");
  }
  read_expect(r, h, claim.presets);
  h.kept_because = r.string("kept_because", "");
  r.finish();
  return h;
}

// The preset setting that fixes `key` ("state.*.relative_gains" fixes
// "state.GRC.relative_gains"), or nullptr.
const PresetSetting* preset_setting_for(const std::string& key, const Preset& preset) {
  for (const auto& setting : preset.settings) {
    if (setting.path == key) return &setting;
    const auto star = setting.path.find(".*.");
    if (star == std::string::npos) continue;
    const std::string head = setting.path.substr(0, star + 1), tail = setting.path.substr(star + 2);
    if (key.size() > head.size() + tail.size() && key.rfind(head, 0) == 0 &&
        key.compare(key.size() - tail.size(), tail.size(), tail) == 0 &&
        key.find('.', head.size()) == key.size() - tail.size())
      return &setting;
  }
  return nullptr;
}

RangeDef read_range(TableReader& r, const std::vector<std::string>& claim_presets) {
  RangeDef range;
  if (auto key = r.required_string("key")) {
    range.key = *key;
    range.line = static_cast<int>(r.node("key")->source().begin.line);
    range.column = static_cast<int>(r.node("key")->source().begin.column);
    if (range.key.empty() || range.key.find('=') != std::string::npos || range.key.find(' ') != std::string::npos)
      r.error_at(r.node("key"), "key", "expected a dotted key as `--set` takes it, e.g. \"alliance.veto_cost\"");
  }
  const auto lo = r.required_number("min", {-1e12, 1e12});
  const auto hi = r.required_number("max", {-1e12, 1e12});
  if (lo && hi) {
    range.lo = *lo;
    range.hi = *hi;
    if (!(range.lo < range.hi)) r.error_at(r.node("max"), "max", fmt::format("must be above min ({})", range.lo));
  }
  range.why = r.string("why", "");
  // A range over a key a preset sets would override every preset and erase
  // the difference the claim compares.
  for (const auto& name : claim_presets)
    if (const Preset* preset = find_preset(name))
      if (const PresetSetting* setting = preset_setting_for(range.key, *preset)) {
        r.error_at(r.node("key"), "key",
                   fmt::format("the {} preset sets this key ({} = {}): a range over it would override the presets "
                               "and erase their difference; leave it to the presets or vary it in a [[variant]]",
                               name, setting->path, setting->value));
        break;
      }
  r.finish();
  return range;
}

void read_region(TableReader& top, ClaimDef& claim) {
  if (const toml::table* t = top.table("region")) {
    TableReader r(*t, "region", top.diagnostics());
    claim.region.points = static_cast<int>(r.integer("points", 16, 0, kMaxRegionPoints,
                                                     "each point runs every preset, mechanism set and variant"));
    claim.region.replicates = static_cast<int>(r.integer("replicates", 40, 2, kMaxClaimReplicates,
                                                         "a point needs at least two replicates for an interval"));
    r.finish();
  }
  std::set<std::string> seen;
  if (const toml::array* ranges = top.array_of_tables("range")) {
    std::size_t index = 0;
    for (const auto& node : *ranges) {
      TableReader r(*node.as_table(), fmt::format("range[{}]", index++), top.diagnostics());
      claim.region.ranges.push_back(read_range(r, claim.presets));
      if (!claim.region.ranges.back().key.empty() && !seen.insert(claim.region.ranges.back().key).second)
        r.error_at(r.node("key"), "key", fmt::format("\"{}\" has two ranges", claim.region.ranges.back().key));
    }
  }
  if (claim.region.points > 0 && claim.region.ranges.empty() && top.table("region"))
    top.error_at(top.node("region"), "region", "the file gives no [[range]] to sample");
  if (!claim.region.ranges.empty() && !top.table("region"))
    top.error_at(top.node("range"), "range", "needs a [region] table saying how many points to sample (points = 12)");
}

void read_without_cause(TableReader& top, ClaimDef& claim) {
  const toml::array* sets = top.array_of_tables("without_cause");
  if (!sets) return;
  std::set<std::string> seen;
  std::size_t index = 0;
  for (const auto& node : *sets) {
    TableReader r(*node.as_table(), fmt::format("without_cause[{}]", index++), top.diagnostics());
    CauseAbsentDef c;
    if (auto name = r.required_string("name")) {
      c.name = *name;
      if (!is_identifier(c.name))
        r.error_at(r.node("name"), "name", "expected letters, digits, '_' or '-' (it names the rows in the output)");
      else if (!seen.insert(c.name).second)
        r.error_at(r.node("name"), "name", fmt::format("\"{}\" is named twice", c.name));
    }
    c.overrides = r.strings("set");
    if (c.overrides.empty()) r.error_at(r.node("set"), "set", "expected the `--set` overrides that remove the cause");
    for (const auto& o : c.overrides)
      if (o.find('=') == std::string::npos)
        r.error_at(r.node("set"), "set", fmt::format("\"{}\" is not dotted.key=value", o));
    c.description = r.string("description", "");
    r.finish();
    claim.without_cause.push_back(std::move(c));
  }
}

ClaimDef read_root(const toml::table& root, std::string source) {
  Diagnostics diag(source);
  TableReader top(root, "", diag);
  ClaimDef claim;
  claim.source = source;
  if (auto id = top.required_string("id")) {
    claim.id = *id;
    if (!is_identifier(claim.id)) top.error_at(top.node("id"), "id", "expected letters, digits, '_' or '-'");
  }
  claim.title = top.string("title", "");
  if (auto scenario = top.required_string("scenario")) {
    const std::filesystem::path p(*scenario);
    claim.scenario = p.is_absolute() ? p : std::filesystem::path(source).parent_path() / p;
    claim.scenario_line = static_cast<int>(top.node("scenario")->source().begin.line);
    claim.scenario_column = static_cast<int>(top.node("scenario")->source().begin.column);
  }
  claim.presets = top.strings("presets");
  if (!top.node("presets")) claim.presets = {"realist", "liberal"};
  if (claim.presets.empty()) top.error_at(top.node("presets"), "presets", "expected at least one preset");
  std::set<std::string> seen;
  for (const auto& p : claim.presets) {
    if (std::find(kPresetNames.begin(), kPresetNames.end(), p) == kPresetNames.end())
      top.error_at(top.node("presets"), "presets",
                   fmt::format("unknown preset \"{}\"; expected realist, liberal or as_written", p));
    if (!seen.insert(p).second) top.error_at(top.node("presets"), "presets", fmt::format("\"{}\" twice", p));
  }
  claim.replicates = static_cast<int>(top.integer("replicates", claim.replicates, 2, kMaxClaimReplicates,
                                                  "a claim needs at least two replicates for an interval"));
  claim.seed = static_cast<std::uint64_t>(top.integer("seed", 1, 0, std::numeric_limits<long long>::max()));
  claim.confidence = top.number("confidence", claim.confidence, {0.5, 0.9999});

  seen.clear();
  if (const toml::array* variants = top.array_of_tables("variant")) {
    std::size_t index = 0;
    for (const auto& node : *variants) {
      TableReader r(*node.as_table(), fmt::format("variant[{}]", index++), diag);
      claim.variants.push_back(read_variant(r));
      if (!claim.variants.back().name.empty() && !seen.insert(claim.variants.back().name).second)
        r.error_at(r.node("name"), "name", fmt::format("variant \"{}\" is named twice", claim.variants.back().name));
    }
  }
  if (claim.variants.empty()) claim.variants.push_back({"as_written", {}, std::nullopt});

  seen.clear();
  if (const toml::array* hypotheses = top.array_of_tables("hypothesis")) {
    std::size_t index = 0;
    for (const auto& node : *hypotheses) {
      TableReader r(*node.as_table(), fmt::format("hypothesis[{}]", index++), diag);
      claim.hypotheses.push_back(read_hypothesis(r, claim));
      if (!claim.hypotheses.back().name.empty() && !seen.insert(claim.hypotheses.back().name).second)
        r.error_at(r.node("name"), "name", fmt::format("hypothesis \"{}\" is named twice", claim.hypotheses.back().name));
    }
  }
  if (claim.hypotheses.empty())
    diag.add(0, 0, "hypothesis", "missing; a claim file needs at least one [[hypothesis]]");
  read_region(top, claim);
  read_without_cause(top, claim);
  top.finish();
  diag.throw_if_any();
  return claim;
}

}  // namespace

std::optional<MetricExpr> parse_metric(std::string_view text) {
  MetricExpr m;
  const auto minus = text.find('-');
  m.column = std::string(trim(text.substr(0, minus)));
  if (minus != std::string_view::npos) {
    m.minus = std::string(trim(text.substr(minus + 1)));
    if (!is_column_name(m.minus)) return std::nullopt;
  }
  if (!is_column_name(m.column)) return std::nullopt;
  return m;
}

ClaimDef read_claim_text(std::string_view text, std::string source_name) {
  const toml::table root = parse_toml(text, source_name);
  return read_root(root, std::move(source_name));
}

ClaimDef read_claim_file(const std::filesystem::path& path) {
  return read_claim_text(read_input_file(path, kClaimFile), path.string());
}

}  // namespace alliance
