#include "io/csv_recorder.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <iterator>

#include <fmt/compile.h>

#include "core/calendar.hpp"
#include "core/statistics.hpp"
#include "io/columns.hpp"

namespace alliance {

RecordingContext RecordingContext::from(const ScenarioDef& def) {
  RecordingContext c;
  c.months_per_step = alliance::months_per_step(def.simulation.step_unit);
  for (int t = 0; t < def.simulation.steps; ++t)
    c.dates.push_back(format_year_month(add_months(def.simulation.start, t * c.months_per_step)));
  c.hollow_threshold = def.alliance.credibility.hollow_threshold;
  c.wave_steps = accession_wave_steps(def);
  return c;
}

void append_number(fmt::memory_buffer& out, double x) {
  // In every build: a NaN or infinity must never reach a file (issue 6). The
  // check costs less than the formatting after it.
  if (!std::isfinite(x))
    throw NonFiniteOutput(fmt::format("a non-finite number ({}) reached the output: a fault in the model; please "
                                      "report it with the scenario and seed", x));
  if (x == 0.0) x = 0.0;  // no "-0"
  fmt::format_to(std::back_inserter(out), FMT_COMPILE("{:.8g}"), x);
}

void append_optional(fmt::memory_buffer& out, const std::optional<double>& x) {
  if (x) append_number(out, *x);
}

MemberStats member_stats(const World& w) {
  MemberStats s;
  if (w.members.empty()) return s;
  std::vector<double> gdp, share;
  double total_gdp = 0.0;
  for (StateId m : w.members) {
    const State& st = w.states[m.value];
    s.total_spending += st.spending;
    s.mean_democracy += st.democracy;
    total_gdp += st.gdp;
    gdp.push_back(st.gdp);
    share.push_back(st.spending / st.gdp);
  }
  s.mean_democracy /= static_cast<double>(w.members.size());
  const State& leader = w.states[w.rule.leader.value];
  if (leader.is_member()) {
    if (s.total_spending > 0.0) s.leader_burden_share = leader.spending / s.total_spending;
    s.leader_gdp_share = leader.gdp / total_gdp;
  }
  s.spearman_gdp_spending = spearman(gdp, share);
  return s;
}

CredibilityStats credibility_stats(const World& w, double hollow_threshold) {
  CredibilityStats s;
  if (w.members.empty()) return s;
  s.min = 1.0;
  int hollow = 0;
  for (StateId m : w.members) {
    const double c = w.credibility.credibility[m.value];
    s.mean += c;
    s.min = std::min(s.min, c);
    hollow += c < hollow_threshold;
  }
  const auto n = static_cast<double>(w.members.size());
  s.mean /= n;
  s.hollow_share = hollow / n;
  return s;
}

CsvRecorder::CsvRecorder(const RecordingContext& context, int replicate, std::uint64_t seed)
    : context_(context), replicate_(replicate), seed_(seed) {}

void CsvRecorder::on_step(const World& w) {
  record_step(w);
  record_members(w);
  record_crises(w);
  record_events(w);
}

void CsvRecorder::record_step(const World& w) {
  const auto stats = credibility_stats(w, context_.hollow_threshold);
  int active = 0, level = 0;
  bool deadlock = false;
  for (const Crisis& c : w.crises) {
    if (!c.active) continue;
    ++active;
    level = std::max(level, level_index(c.decision));
    deadlock = deadlock || c.deadlock;
  }
  auto out = std::back_inserter(steps_);
  fmt::format_to(out, FMT_COMPILE("{},{},{},{},{},"), replicate_, seed_, w.step, context_.dates[w.step], w.members.size());
  append_number(steps_, stats.mean);
  steps_.push_back(',');
  append_number(steps_, stats.min);
  steps_.push_back(',');
  append_number(steps_, stats.hollow_share);
  steps_.push_back(',');
  append_number(steps_, w.adversary.capability);
  fmt::format_to(out, FMT_COMPILE(",{},{},{},"), active, level, int(deadlock));
  const MemberStats ms = member_stats(w);
  const auto interventions =
      std::count_if(w.events.begin(), w.events.end(), [](const EventRecord& e) { return std::holds_alternative<logged::Intervention>(e); });
  append_number(steps_, w.adversary.threat);
  steps_.push_back(',');
  append_number(steps_, w.adversary.pressure);
  fmt::format_to(out, FMT_COMPILE(",{},"), interventions);
  append_number(steps_, ms.total_spending);
  steps_.push_back(',');
  append_optional(steps_, ms.leader_burden_share);
  steps_.push_back(',');
  append_optional(steps_, ms.leader_gdp_share);
  steps_.push_back(',');
  append_optional(steps_, ms.spearman_gdp_spending);
  fmt::format_to(out, FMT_COMPILE(",{},"), int(w.sanctions));
  append_number(steps_, ms.mean_democracy);
  steps_.push_back('\n');
}

void CsvRecorder::record_members(const World& w) {
  const auto& c = w.credibility;
  const auto n = static_cast<Eigen::Index>(w.state_count());
  for (Eigen::Index j = 0; j < n; ++j) {
    const State& s = w.states[static_cast<std::size_t>(j)];
    const auto k = static_cast<std::size_t>(j);
    fmt::format_to(std::back_inserter(members_), FMT_COMPILE("{},{},{},{},{},"), replicate_, w.step, context_.dates[w.step],
                   s.code, int(s.is_member()));
    append_number(members_, s.capability);
    members_.push_back(',');
    append_number(members_, w.deployment.col(j).sum());
    members_.push_back(',');
    append_number(members_, c.adversary_local[k]);
    if (!s.is_member()) {
      fmt::format_to(std::back_inserter(members_), FMT_COMPILE(",,,,,,"));
      record_member_economics(w, s, std::nullopt);
      continue;
    }
    double willing = 0.0;
    for (StateId m : w.members) if (m.value != k) willing += c.willingness(m.value, j);
    const double allies = static_cast<double>(w.members.size()) - 1.0;
    for (double x : {c.local_defence[k], c.p_hold[k], c.p_decide[k], c.credibility[k]}) {
      members_.push_back(',');
      append_number(members_, x);
    }
    fmt::format_to(std::back_inserter(members_), FMT_COMPILE(",{},"), int(c.credibility[k] < context_.hollow_threshold));
    append_number(members_, allies > 0 ? willing / allies : 1.0);
    double total = 0.0;
    for (StateId m : w.members) total += w.states[m.value].spending;
    record_member_economics(w, s, total > 0.0 ? std::optional(s.spending / total) : std::nullopt);
  }
}

void CsvRecorder::record_member_economics(const World&, const State& s, std::optional<double> burden_share) {
  members_.push_back(',');
  append_number(members_, s.spending);
  members_.push_back(',');
  append_number(members_, s.spending / s.gdp);
  members_.push_back(',');
  append_optional(members_, burden_share);
  for (double x : {s.democracy, s.adversary_affinity, s.relative_gains}) {
    members_.push_back(',');
    append_number(members_, x);
  }
  fmt::format_to(std::back_inserter(members_), FMT_COMPILE(",{},{},{}\n"), int(s.aspirant), int(s.promised),
                 int(s.intervened));
}

void CsvRecorder::record_crises(const World& w) {
  for (const Crisis& c : w.crises) {
    if (!c.active) continue;
    const auto& date = context_.dates[w.step];
    fmt::format_to(std::back_inserter(crises_), FMT_COMPILE("{},{},{},{},{},"), replicate_, w.step, date, c.id,
                   rule_name(w.rule.rule));
    append_number(crises_, c.severity);
    fmt::format_to(std::back_inserter(crises_), FMT_COMPILE(",{},{},{},{},{},{},{}\n"), c.demand, level_index(c.consensus_level),
                   level_index(c.decision), action_name(c.decision), int(c.deadlock), c.vetoes, int(c.bypass));
    for (StateId m : w.members) {
      const int accepted = c.accepted[m.value];
      fmt::format_to(std::back_inserter(votes_), FMT_COMPILE("{},{},{},{},{},"), replicate_, w.step, date, c.id,
                     w.states[m.value].code);
      append_number(votes_, c.perceived[m.value]);
      fmt::format_to(std::back_inserter(votes_), FMT_COMPILE(",{},{},{}\n"), accepted,
                     action_name(static_cast<ActionLevel>(accepted)), int(c.vetoed[m.value]));
    }
  }
}

void CsvRecorder::record_events(const World& w) {
  auto code = [&](StateId s) { return std::string_view(w.states[s.value].code); };
  auto crisis_id = [&](int c) { return std::string_view(w.crises[std::size_t(c)].id); };
  for (const EventRecord& record : w.events) {
    std::string_view actor, crisis;
    std::string detail;
    std::visit(
        Overloaded{
            [&](const logged::Accession& e) {
              actor = code(e.state);
              detail = e.with_capability
                           ? fmt::format("with_capability=1;deployed={:.8g};from={}", e.deployed, code(e.from))
                           : "with_capability=0";
              detail += e.endogenous ? ";endogenous=1" : ";endogenous=0";
            },
            [&](const logged::Deployment& e) {
              actor = code(e.from);
              detail = fmt::format("to={};stationed={:.8g}", code(e.to), e.stationed);
            },
            [&](const logged::RuleChange& e) { detail = fmt::format("rule={}", rule_name(e.rule)); },
            [&](const logged::Escalation& e) {
              crisis = crisis_id(e.crisis);
              detail = fmt::format("shock={:.8g}", e.shock);
            },
            [&](const logged::Veto& e) {
              actor = code(e.member);
              crisis = crisis_id(e.crisis);
            },
            [&](const auto& e) requires requires { e.level; } {  // consensus, action, bypass
              crisis = crisis_id(e.crisis);
              detail = fmt::format("level={};action={}", level_index(e.level), action_name(e.level));
            },
            [&](const logged::Promise& e) { actor = code(e.state); },
            [&](const logged::Intervention& e) {
              actor = code(e.state);
              detail = fmt::format("threat={:.8g}", e.threat);
            },
            [&](const logged::SanctionReform& e) {
              detail = fmt::format("adopted={};support={:.8g}", int(e.adopted), e.support);
            },
            [&](const logged::ReformVeto& e) { actor = code(e.member); },
            [&](const logged::Backsliding& e) {
              actor = code(e.state);
              detail = fmt::format("democracy={:.8g}", e.democracy);
            },
        },
        record);
    fmt::format_to(std::back_inserter(events_), FMT_COMPILE("{},{},{},{},{},{},{}\n"), replicate_, w.step, context_.dates[w.step],
                   event_name(record), actor, crisis, detail);
  }
}

void CsvRecorder::move_into(ReplicateTables& t) {
  t.steps.assign(steps_.data(), steps_.size());
  t.members.assign(members_.data(), members_.size());
  t.crises.assign(crises_.data(), crises_.size());
  t.votes.assign(votes_.data(), votes_.size());
  t.events.assign(events_.data(), events_.size());
}

}  // namespace alliance
