// [[crisis]] tables: where and when, the severity input (a 0-1 path or
// measured values, M3), the members' interest, attacks on members and the
// action ladder (sim/MODEL.md, "M3"). Apart from reader.cpp, which reads the
// rest of a scenario and calls read_crisis for each [[crisis]].
#include "scenario/crisis_reader.hpp"

#include <cmath>
#include <regex>

#include <fmt/format.h>

#include "scenario/parameters.hpp"

namespace alliance {

namespace {

void read_ladder(TableReader& r, ActionLadderDef& ladder) {
  auto read_five = [&](std::string_view key, PerAction& values) {
    const toml::node* n = r.node(key);
    if (!n) return;
    const toml::array* arr = n->as_array();
    if (!arr || arr->size() != kActionLevels) {
      r.error_at(n, key, "expected an array of 5 numbers (none, threat, limited_air, air_campaign, ground)");
      return;
    }
    for (std::size_t i = 0; i < kActionLevels; ++i) {
      auto v = arr->get(i)->value<double>();
      if (!v || !std::isfinite(*v) || *v < 0.0 || *v > 100.0) {
        r.error_at(arr->get(i), key, "expected finite numbers in [0, 100]");
        return;
      }
      values[i] = *v;
    }
  };
  read_five("effectiveness", ladder.effectiveness);
  read_five("cost", ladder.cost);
  read_five("stake", ladder.stake);
  read_five("relative_gain", ladder.relative_gain);
  read_five("opposition", ladder.opposition);
  r.finish();
}

}  // namespace

CrisisDef read_crisis(TableReader& r, const RunCalendar& calendar) {
  static const std::regex kIdent("^[a-z][a-z0-9_]*$");
  CrisisDef c;
  c.id = r.required_string("id").value_or("crisis");
  if (!std::regex_match(c.id, kIdent))
    r.error_at(r.node("id"), "id", fmt::format("expected a lower-case identifier like \"kosovo\", got \"{}\"", c.id));
  c.name = r.string("name", c.id);
  c.position = read_position(r);
  c.start = read_step(r, "start", calendar, false).value_or(0);
  c.end = read_step(r, "end", calendar, false).value_or(calendar.steps - 1);
  if (c.end < c.start) r.error_at(r.node("end"), "end", "the crisis ends before it starts");
  read_parameters(r, c.params, kCrisisParams);
  if (const toml::table* interest = r.table("interest")) {
    for (const auto& [code, value] : *interest) {
      auto v = value.value<double>();
      if (!v || !std::isfinite(*v) || *v < 0.0 || *v > 100.0)
        r.error_at(&value, fmt::format("interest.{}", code.str()), "expected a number in [0, 100]");
      else c.interest[std::string(code.str())] = *v;
    }
  }
  // Attacks on members (issue 16, item 4): the state attacked, by code
  // (scenario/references.cpp checks it), and who attacks.
  c.target = r.string("target", "");
  std::vector<std::pair<std::string, Aggressor>> aggressors;
  for (std::size_t i = 0; i < std::size(kAggressorNames); ++i)
    aggressors.emplace_back(kAggressorNames[i], static_cast<Aggressor>(i));
  c.aggressor = read_choice(r, "aggressor", c.aggressor, aggressors);
  const toml::array* points = r.array_of_tables("severity");
  const toml::array* measures = r.array_of_tables("measure");
  if (points && measures) {
    r.error_at(r.node("measure"), "measure",
               "a crisis gives either a [[crisis.severity]] path (0-1, by judgement) or [[crisis.measure]] values "
               "(deaths, displaced, attacks), not both");
  } else if (points) {
    int index = 0;
    for (const auto& node : *points) {
      TableReader p(*node.as_table(), r.key_path(fmt::format("severity[{}]", index++)), r.diagnostics());
      const std::optional<int> at = read_step(p, "at", calendar, true);
      const double value = p.required_number("value", {0.0, 100.0}).value_or(0.0);
      p.finish();
      if (!at) continue;  // already reported
      if (!c.severity.empty() && *at <= c.severity.back().step)
        p.error_at(p.node("at"), "at", "severity points must be in increasing order of time");
      c.severity.push_back({*at, value});
    }
  } else if (measures) {
    int index = 0;
    for (const auto& node : *measures) {
      TableReader p(*node.as_table(), r.key_path(fmt::format("measure[{}]", index++)), r.diagnostics());
      const std::optional<int> at = read_step(p, "at", calendar, true);
      const std::string kind_name = p.required_string("kind").value_or("");
      const std::optional<MeasureKind> kind = parse_measure_kind(kind_name);
      if (!kind && p.node("kind"))
        p.error_at(p.node("kind"), "kind",
                   fmt::format("unknown measure \"{}\"; expected one of deaths, displaced, attacks", kind_name));
      const std::optional<double> value = p.required_number("value", {0.0, 1e10});
      std::string source = p.required_string("source").value_or("");
      if (p.node("source") && source.empty()) p.error_at(p.node("source"), "source", "expected where the figure comes from");
      p.finish();
      if (!at || !kind || !value) continue;  // already reported
      for (auto it = c.measures.rbegin(); it != c.measures.rend(); ++it) {
        if (it->kind != *kind) continue;
        if (*at <= it->step)
          p.error_at(p.node("at"), "at",
                     fmt::format("{} values must be in increasing order of time", measure_kind_name(*kind)));
        break;
      }
      c.measures.push_back({*kind, *at, *value, std::move(source)});
    }
  } else {
    r.error_at(nullptr, "severity",
               "missing; expected [[crisis.severity]] points with `at` and `value`, or [[crisis.measure]] values "
               "with `at`, `kind`, `value` and `source`");
  }
  if (const toml::table* actions = r.table("actions")) {
    TableReader sub(*actions, r.key_path("actions"), r.diagnostics());
    read_ladder(sub, c.actions);
  }
  r.finish();
  return c;
}

}  // namespace alliance
