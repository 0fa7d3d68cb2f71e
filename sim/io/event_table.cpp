// events.csv: one row per event.
#include "io/run_tables.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace alliance {

const std::vector<ColumnDef<EventRow>>& event_columns() {
  // The kinds, from the one name table (core/events.hpp).
  static const std::string kKindDoc = fmt::format("{}", fmt::join(kEventRecordNames, " | "));
  using R = const EventRow&;
  using T = CellType;
  static const std::vector<ColumnDef<EventRow>> columns = {
      {"replicate", T::integer, "", "replicate index", [](R r) -> Cell { return r.at.replicate; }},
      {"step", T::integer, "step", "step index", [](R r) -> Cell { return r.at.step; }},
      {"date", T::yearmonth, "YYYY-MM", "calendar month", [](R r) -> Cell { return *r.at.date; }},
      {"kind", T::string, "", kKindDoc, [](R r) -> Cell { return r.kind; }},
      {"actor", T::string, "ISO 3166 alpha-3", "state concerned, if any", [](R r) -> Cell { return r.actor; }},
      {"crisis", T::string, "", "crisis id, if any", [](R r) -> Cell { return r.crisis; }},
      {"detail", T::string, "", "what happened, as key=value pairs separated by ';'",
       [](R r) -> Cell { return r.detail; }},
  };
  return columns;
}

EventFields event_fields(const World& w, const EventRecord& record) {
  auto code = [&](StateId s) { return std::string_view(w.states[s.value].code); };
  auto crisis_id = [&](int c) { return std::string_view(w.crises[std::size_t(c)].id); };
  EventFields f;
  std::visit(
      Overloaded{
          [&](const logged::Accession& e) {
            f.actor = code(e.state);
            f.detail = e.with_capability
                           ? fmt::format("with_capability=1;deployed={:.8g};from={}", e.deployed, code(e.from))
                           : "with_capability=0";
            f.detail += e.endogenous ? ";endogenous=1" : ";endogenous=0";
          },
          [&](const logged::Invitation& e) { f.actor = code(e.state); },
          [&](const logged::Deployment& e) {
            f.actor = code(e.from);
            f.detail = fmt::format("to={};stationed={:.8g}", code(e.to), e.stationed);
          },
          [&](const logged::RuleChange& e) { f.detail = fmt::format("rule={}", rule_name(e.rule)); },
          [&](const logged::Escalation& e) {
            f.crisis = crisis_id(e.crisis);
            f.detail = fmt::format("shock={:.8g}", e.shock);
          },
          [&](const logged::Veto& e) {
            f.actor = code(e.member);
            f.crisis = crisis_id(e.crisis);
          },
          [&](const auto& e) requires requires { e.level; } {  // consensus, action, bypass
            f.crisis = crisis_id(e.crisis);
            f.detail = fmt::format("level={};action={}", level_index(e.level), action_name(e.level));
          },
          [&](const logged::Promise& e) { f.actor = code(e.state); },
          [&](const logged::Intervention& e) {
            f.actor = code(e.state);
            f.detail = fmt::format("threat={:.8g}", e.threat);
          },
          [&](const logged::SanctionReform& e) {
            f.detail = fmt::format("adopted={};support={:.8g}", int(e.adopted), e.support);
          },
          [&](const logged::ReformVeto& e) { f.actor = code(e.member); },
          [&](const logged::Vote& e) {
            auto codes = [&](logged::VoteAnswer answer) {
              std::string out;
              for (std::size_t i = 0; i < w.state_count(); ++i)
                if (w.cache.vote_answers[e.answers + i] == static_cast<std::uint8_t>(answer))
                  out += (out.empty() ? "" : " ") + w.states[i].code;
              return out;
            };
            if (e.issue == logged::VoteIssue::accession || e.issue == logged::VoteIssue::ratification)
              f.actor = code(e.subject);
            const bool on_crisis =
                e.issue == logged::VoteIssue::crisis_level || e.issue == logged::VoteIssue::crisis_rescind;
            if (on_crisis) f.crisis = crisis_id(e.crisis);
            f.detail = fmt::format("issue={}", logged::kVoteIssueNames[static_cast<std::size_t>(e.issue)]);
            if (on_crisis)
              f.detail += fmt::format(";level={};action={}", level_index(e.level), action_name(e.level));
            f.detail += fmt::format(";adopted={};support={};against={};block={};abstain={}", int(e.adopted),
                                    codes(logged::VoteAnswer::support), codes(logged::VoteAnswer::against),
                                    codes(logged::VoteAnswer::block), codes(logged::VoteAnswer::abstain));
          },
          [&](const logged::Attitude& e) {
            f.actor = code(e.state);
            if (e.crisis >= 0) f.crisis = crisis_id(e.crisis);
            const std::pair<const char*, double> values[] = {{"risk_tolerance", e.risk_tolerance},
                                                             {"relative_gains", e.relative_gains},
                                                             {"adversary_affinity", e.adversary_affinity},
                                                             {"interest", e.interest}};
            for (const auto& [key, value] : values)
              if (value >= 0.0) f.detail += fmt::format("{}{}={:.8g}", f.detail.empty() ? "" : ";", key, value);
            if (e.dispute >= 0.0)
              f.detail += fmt::format("{}aspirant={};dispute={:.8g}", f.detail.empty() ? "" : ";", code(e.aspirant),
                                      e.dispute);
          },
          [&](const logged::SidePayment& e) {
            f.actor = code(e.member);
            if (e.crisis >= 0) f.crisis = crisis_id(e.crisis);
            else f.detail = fmt::format("aspirant={};", code(e.subject));
            f.detail += fmt::format("value={:.8g};linked={:.8g};cost={:.8g}", e.value, e.linked, e.cost);
          },
          [&](const logged::Backsliding& e) {
            f.actor = code(e.state);
            f.detail = fmt::format("democracy={:.8g}", e.democracy);
          },
      },
      record);
  return f;
}

}  // namespace alliance
