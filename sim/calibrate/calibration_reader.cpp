#include "calibrate/calibration_reader.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include <fmt/format.h>

#include "scenario/input_error.hpp"
#include "scenario/input_file.hpp"
#include "scenario/name_rule.hpp"
#include "scenario/table_reader.hpp"

namespace alliance {

namespace {

const std::vector<std::string> kModelNames = {"realist", "liberal", "as_written"};
constexpr long long kMaxParticles = 1'000'000;
constexpr long long kMaxGenerations = 1000;
constexpr long long kMaxReplicates = 10'000;

int line_of(const toml::node& n) { return static_cast<int>(n.source().begin.line); }
int column_of(const toml::node& n) { return static_cast<int>(n.source().begin.column); }

bool is_identifier(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '.';
  });
}

CaseDef read_case(TableReader& r, const std::string& source) {
  CaseDef c;
  if (auto name = r.required_string("name")) {
    c.name = *name;
    if (!is_identifier(c.name))
      r.error_at(r.node("name"), "name", "expected letters, digits, '_', '-' or '.' (it names the case in the output)");
  }
  if (auto scenario = r.required_string("scenario")) {
    const std::filesystem::path p(*scenario);
    c.scenario = p.is_absolute() ? p : std::filesystem::path(source).parent_path() / p;
    c.line = line_of(*r.node("scenario"));
    c.column = column_of(*r.node("scenario"));
  }
  c.records = r.strings("records");
  if (const toml::node* n = r.node("records")) {
    c.records_line = line_of(*n);
    c.records_column = column_of(*n);
    if (c.records.empty() && n->is_array()) r.error_at(n, "records", "expected at least one record's name (or leave the key out: all)");
  }
  if (const toml::node* m = r.node("missing")) {
    const auto word = m->value<std::string>();
    const auto number = m->is_number() ? m->value<double>() : std::nullopt;
    if (number && std::isfinite(*number)) c.missing = *number;
    else if (!word || *word != "drop")
      r.error_at(m, "missing", "expected \"drop\" (leave such replicates out) or a number to count them as");
  }
  c.overrides = r.strings("set");
  for (const auto& o : c.overrides)
    if (o.find('=') == std::string::npos)
      r.error_at(r.node("set"), "set", fmt::format("\"{}\" is not dotted.key=value", o));
  r.finish();
  return c;
}

// [low, high] of a prior; nullopt (after an error) when it is not two finite
// numbers with low < high.
std::optional<std::pair<double, double>> read_range(TableReader& r, bool required) {
  const toml::node* n = r.node("range");
  if (!n) {
    if (required) r.error_at(nullptr, "range", "missing; this prior needs range = [low, high]");
    return std::nullopt;
  }
  const toml::array* arr = n->as_array();
  const auto lo = arr && arr->size() == 2 ? (*arr)[0].value<double>() : std::nullopt;
  const auto hi = arr && arr->size() == 2 ? (*arr)[1].value<double>() : std::nullopt;
  if (!lo || !hi || !std::isfinite(*lo) || !std::isfinite(*hi) || !(*lo < *hi)) {
    r.error_at(n, "range", "expected [low, high], two finite numbers with low < high");
    return std::nullopt;
  }
  return std::make_pair(*lo, *hi);
}

void read_choices(TableReader& r, CalibrationParameterDef& p) {
  const toml::node* n = r.node("values");
  const toml::array* arr = n ? n->as_array() : nullptr;
  if (!arr || arr->empty()) {
    r.error_at(n, "values", "expected a non-empty array of numbers or of booleans, e.g. [true, false]");
    return;
  }
  const bool booleans = (*arr)[0].is_boolean();
  std::set<double> seen;
  for (const auto& v : *arr) {
    double x = 0.0;
    std::string literal;
    if (booleans && v.is_boolean()) {
      x = *v.value<bool>() ? 1.0 : 0.0;
      literal = x == 1.0 ? "true" : "false";
    } else if (!booleans && v.is_number() && std::isfinite(*v.value<double>())) {
      x = *v.value<double>();
      literal = v.is_integer() ? fmt::format("{}", *v.value<long long>()) : fmt::format("{}", x);
      if (v.is_floating_point() && literal.find_first_of(".e") == std::string::npos) literal += ".0";
    } else {
      r.error_at(&v, "values", "expected numbers only, or booleans only");
      continue;
    }
    if (!seen.insert(x).second) r.error_at(&v, "values", fmt::format("{} is listed twice", literal));
    p.values.push_back(x);
    p.literals.push_back(literal);
  }
  p.prior.choices = p.values.size();
}

CalibrationParameterDef read_parameter(TableReader& r, const toml::node& where) {
  CalibrationParameterDef p;
  p.line = line_of(where);
  p.column = column_of(where);
  if (auto path = r.required_string("path")) {
    p.path = *path;
    p.line = line_of(*r.node("path"));
    p.column = column_of(*r.node("path"));
    if (p.path.find('=') != std::string::npos || p.path.empty())
      r.error_at(r.node("path"), "path", "expected a dotted key, e.g. state.GRC.adversary_affinity (no value)");
  }
  p.name = r.string("name", p.path);
  if (!is_identifier(p.name))
    r.error_at(r.node("name"), "name", "expected letters, digits, '_', '-' or '.' (it names a column in the output)");
  using abc::PriorKind;
  p.prior.kind = read_choice<PriorKind>(r, "prior", PriorKind::uniform,
                                        {{"uniform", PriorKind::uniform},
                                         {"log-uniform", PriorKind::log_uniform},
                                         {"normal", PriorKind::normal},
                                         {"choice", PriorKind::choice}});
  if (!r.node("prior")) r.error_at(nullptr, "prior", "missing; one of uniform, log-uniform, normal, choice");
  switch (p.prior.kind) {
    case PriorKind::uniform:
    case PriorKind::log_uniform:
      if (const auto range = read_range(r, true)) {
        std::tie(p.prior.lo, p.prior.hi) = *range;
        if (p.prior.kind == PriorKind::log_uniform && p.prior.lo <= 0.0)
          r.error_at(r.node("range"), "range", "a log-uniform prior needs low > 0");
      }
      break;
    case PriorKind::normal: {
      p.prior.lo = -std::numeric_limits<double>::infinity();
      p.prior.hi = std::numeric_limits<double>::infinity();
      if (const auto range = read_range(r, false)) std::tie(p.prior.lo, p.prior.hi) = *range;
      if (auto mean = r.required_number("mean", {-1e12, 1e12})) p.prior.mean = *mean;
      if (auto sd = r.required_number("sd", kPositive)) p.prior.sd = *sd;
      break;
    }
    case PriorKind::choice: read_choices(r, p); break;
  }
  if (p.prior.kind != PriorKind::normal)
    for (const char* key : {"mean", "sd"})
      if (r.node(key)) r.error_at(r.node(key), key, "only a normal prior has a mean and an sd");
  if (p.prior.kind != PriorKind::choice && r.node("values"))
    r.error_at(r.node("values"), "values", "only a choice prior has values");
  if (p.prior.kind == PriorKind::choice && r.node("range"))
    r.error_at(r.node("range"), "range", "a choice prior has values, not a range");
  p.cases = r.strings("cases");
  p.models = r.strings("models");
  r.finish();
  return p;
}

CalibrationDef read_root(const toml::table& root, std::string source) {
  Diagnostics diag(source);
  TableReader top(root, "", diag);
  CalibrationDef def;
  def.source = source;
  const std::string stem = std::filesystem::path(source).stem().string();
  def.name = top.string("name", stem);
  if (const std::string why = name_problem(def.name); !why.empty())
    top.error_at(top.node("name"), "name",
                 fmt::format("{} cannot name the output folder results/<name>: {}", quoted_for_message(def.name), why));
  def.title = top.string("title", "");
  if (top.node("models")) def.models = top.strings("models");
  if (def.models.empty()) top.error_at(top.node("models"), "models", "expected at least one model (preset)");
  std::set<std::string> seen;
  for (const auto& m : def.models) {
    if (std::find(kModelNames.begin(), kModelNames.end(), m) == kModelNames.end())
      top.error_at(top.node("models"), "models",
                   fmt::format("unknown model \"{}\"; a model is a preset: realist, liberal or as_written", m));
    if (!seen.insert(m).second) top.error_at(top.node("models"), "models", fmt::format("\"{}\" twice", m));
  }
  def.replicates = static_cast<int>(top.integer("replicates", def.replicates, 1, kMaxReplicates));
  def.distance = read_choice<DistanceKind>(top, "distance", DistanceKind::sum,
                                           {{"sum", DistanceKind::sum},
                                            {"euclidean", DistanceKind::euclidean},
                                            {"max", DistanceKind::max}});
  abc::Settings& s = def.settings;
  s.particles = static_cast<std::size_t>(top.integer("particles", 200, 2, kMaxParticles));
  s.generations = static_cast<std::size_t>(top.integer("generations", 6, 1, kMaxGenerations));
  s.alpha = top.number("alpha", 0.5, {0.0, 1.0, true});
  if (s.alpha >= 1.0) top.error_at(top.node("alpha"), "alpha", "expected a number in (0, 1): the share of particles kept");
  s.min_epsilon = top.number("min_epsilon", 0.0, kNonNegative);
  s.max_simulations =
      static_cast<std::size_t>(top.integer("max_simulations", 0, 0, std::numeric_limits<long long>::max()));
  s.batch = static_cast<std::size_t>(top.integer("batch", 0, 0, kMaxParticles));
  s.model_jump = top.number("model_jump", 0.2, kUnit);
  s.truncated_kernel = read_choice<bool>(top, "kernel", false, {{"gaussian", false}, {"truncated", true}});
  s.bootstrap = static_cast<std::size_t>(top.integer("bootstrap", 1000, 0, 1'000'000));
  s.seed = static_cast<std::uint64_t>(top.integer("seed", 1, 0, std::numeric_limits<long long>::max()));

  seen.clear();
  if (const toml::array* cases = top.array_of_tables("case")) {
    std::size_t index = 0;
    for (const auto& node : *cases) {
      TableReader r(*node.as_table(), fmt::format("case[{}]", index++), diag);
      def.cases.push_back(read_case(r, source));
      if (!def.cases.back().name.empty() && !seen.insert(def.cases.back().name).second)
        r.error_at(r.node("name"), "name", fmt::format("case \"{}\" is named twice", def.cases.back().name));
    }
  }
  if (def.cases.empty()) diag.add(0, 0, "case", "missing; a calibration file needs at least one [[case]]");

  seen.clear();
  if (const toml::array* parameters = top.array_of_tables("parameter")) {
    std::size_t index = 0;
    for (const auto& node : *parameters) {
      TableReader r(*node.as_table(), fmt::format("parameter[{}]", index++), diag);
      def.parameters.push_back(read_parameter(r, node));
      const CalibrationParameterDef& p = def.parameters.back();
      if (!p.name.empty() && !seen.insert(p.name).second)
        r.error_at(r.node("name"), "name", fmt::format("parameter \"{}\" is named twice", p.name));
      for (const auto& c : p.cases)
        if (std::none_of(def.cases.begin(), def.cases.end(), [&](const CaseDef& x) { return x.name == c; }))
          r.error_at(r.node("cases"), "cases", fmt::format("no [[case]] named \"{}\"", c));
      for (const auto& m : p.models)
        if (std::find(def.models.begin(), def.models.end(), m) == def.models.end())
          r.error_at(r.node("models"), "models", fmt::format("\"{}\" is not one of the file's models", m));
    }
  }
  if (def.parameters.empty() && def.models.size() < 2)
    diag.add(0, 0, "parameter", "missing; with one model, a calibration needs at least one [[parameter]]");
  top.finish();
  diag.throw_if_any();
  return def;
}

}  // namespace

std::string distance_name(DistanceKind kind) {
  switch (kind) {
    case DistanceKind::sum: return "sum";
    case DistanceKind::euclidean: return "euclidean";
    case DistanceKind::max: return "max";
  }
  return "?";
}

CalibrationDef read_calibration_text(std::string_view text, std::string source_name) {
  const toml::table root = parse_toml(text, source_name);
  return read_root(root, std::move(source_name));
}

CalibrationDef read_calibration_file(const std::filesystem::path& path) {
  return read_calibration_text(read_input_file(path, kCalibrationFile), path.string());
}

}  // namespace alliance
