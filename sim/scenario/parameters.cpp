#include "scenario/parameters.hpp"

#include <limits>

#include <fmt/format.h>

#include "scenario/scenario_def.hpp"

namespace alliance {

void read_value(TableReader& r, const ParamInfo& info, double& value) {
  value = r.number(info.key, value, info.range);
}

void read_value(TableReader& r, const ParamInfo& info, int& value) {
  value = static_cast<int>(r.integer(info.key, value, info.min, info.max, info.limit_note));
}

void read_value(TableReader& r, const ParamInfo& info, std::uint64_t& value) {
  value = static_cast<std::uint64_t>(
      r.integer(info.key, static_cast<long long>(value), info.min, info.max, info.limit_note));
}

void read_value(TableReader& r, const ParamInfo& info, bool& value) { value = r.boolean(info.key, value); }

void read_value(TableReader& r, const ParamInfo& info, StepUnit& value) {
  const std::string text = r.string(info.key, std::string(step_unit_name(value)));
  if (const auto unit = parse_step_unit(text)) value = *unit;
  else r.error_at(r.node(info.key), info.key, fmt::format("expected \"month\", \"quarter\" or \"year\", got \"{}\"", text));
}

void read_value(TableReader& r, const ParamInfo& info, YearMonth& value) {
  const std::string text = r.string(info.key, format_year_month(value));
  if (const auto ym = parse_year_month(text)) value = *ym;
  else r.error_at(r.node(info.key), info.key,
                  fmt::format("expected a \"YYYY-MM\" date from 0001-01 to 9999-12, got \"{}\"", text));
}

void check_parameter(TableReader& r, const ParamInfo& info) {
  switch (info.kind) {
    case ParamKind::number: {
      double v = 0.0;
      read_value(r, info, v);
      break;
    }
    case ParamKind::integer: r.integer(info.key, 0, info.min, info.max, info.limit_note); break;
    case ParamKind::boolean: {
      bool v = false;
      read_value(r, info, v);
      break;
    }
    case ParamKind::step_unit: {
      StepUnit v = StepUnit::month;
      read_value(r, info, v);
      break;
    }
    case ParamKind::month: {
      YearMonth v;
      read_value(r, info, v);
      break;
    }
  }
}

namespace {

// Defaults as a reader of the README wants them: 0.05, 10000, false,
// "month"; a default with more digits than that shows four.
std::string shown(double v) {
  const std::string exact = fmt::format("{}", v);
  return exact.size() <= 8 ? exact : fmt::format("≈{:.4g}", v);
}
std::string shown(int v) { return fmt::format("{}", v); }
std::string shown(std::uint64_t v) { return fmt::format("{}", v); }
std::string shown(bool v) { return v ? "true" : "false"; }
std::string shown(StepUnit v) { return fmt::format("`\"{}\"`", step_unit_name(v)); }
std::string shown(YearMonth v) { return fmt::format("`\"{}\"`", format_year_month(v)); }

template <typename T, std::size_t N>
ParameterSection section(std::string path, const ParamSpec<T> (&specs)[N], bool array = false) {
  const T defaults{};  // the declared defaults are the struct's initialisers
  ParameterSection s{std::move(path), array, {}};
  for (const ParamSpec<T>& spec : specs)
    std::visit([&](auto member) { s.entries.push_back({spec.info, shown(defaults.*member)}); }, spec.member);
  return s;
}

}  // namespace

const std::vector<ParameterSection>& parameter_sections() {
  // A new parameter needs no line here: only a new table of them does.
  static const std::vector<ParameterSection> all = {
      section("simulation", kSimulationParams),
      section("alliance", kAllianceParams),
      section("alliance.qualified_majority", kQualifiedMajorityParams),
      section("alliance.credibility", kCredibilityParams),
      section("alliance.burden", kBurdenParams),
      section("alliance.democracy", kDemocracyParams),
      section("alliance.enlargement", kEnlargementParams),
      section("adversary", kAdversaryParams),
      section("crisis", kCrisisParams, true),
      section("severity", kSeverityParams),
  };
  return all;
}

const ParamInfo* find_parameter(std::string_view path) {
  for (const ParameterSection& s : parameter_sections()) {
    if (path.size() <= s.path.size() || !path.starts_with(s.path) || path[s.path.size()] != '.') continue;
    const std::string_view key = path.substr(s.path.size() + 1);
    for (const ParameterEntry& e : s.entries)
      if (e.info.key == key) return &e.info;
  }
  return nullptr;
}

std::string describe_type(const ParamInfo& info) {
  switch (info.kind) {
    case ParamKind::number: {
      const Range r = info.range;
      if (r.hi >= kNoUpperLimit) return fmt::format("number {} {}", r.lo_open ? ">" : "≥", r.lo);
      return fmt::format("number in {}{}, {}]", r.lo_open ? "(" : "[", r.lo, r.hi);
    }
    case ParamKind::integer:
      if (info.max == std::numeric_limits<long long>::max()) return fmt::format("integer ≥ {}", info.min);
      return fmt::format("integer {}..{}", info.min, info.max);
    case ParamKind::boolean: return "boolean";
    case ParamKind::step_unit: return "`\"month\"`, `\"quarter\"`, `\"year\"`";
    case ParamKind::month: return "`\"YYYY-MM\"`";
  }
  return "";
}

std::string parameter_table_markdown(const ParameterSection& section) {
  std::string out = "| key | type | default | meaning |\n|---|---|---|---|\n";
  for (const ParameterEntry& e : section.entries)
    out += fmt::format("| `{}` | {} | {} | {} |\n", e.info.key, describe_type(e.info), e.fallback, e.info.doc);
  return out;
}

}  // namespace alliance
