#include "io/run_metadata.hpp"

#include <cerrno>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "io/columns.hpp"
#include "version.hpp"

namespace alliance {

using nlohmann::ordered_json;

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

std::string sha256_of_file(const std::filesystem::path& path) {
  // Opened without blocking and checked to be a regular file, so that a FIFO
  // never hangs it; streamed, so that hashing a sweep's runs.csv needs no
  // more memory than a chunk.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return "";
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return "";
  }
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
  std::vector<char> chunk(1 << 16);
  bool ok = true;
  while (true) {
    const ssize_t n = ::read(fd, chunk.data(), chunk.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) ok = false;
    if (n <= 0) break;
    EVP_DigestUpdate(ctx, chunk.data(), static_cast<std::size_t>(n));
  }
  ::close(fd);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(ctx, digest, &length);
  EVP_MD_CTX_free(ctx);
  if (!ok) return "";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

namespace {

ordered_json geo(GeoPoint p) { return {{"latitude", p.latitude}, {"longitude", p.longitude}}; }

ordered_json parameters(const ScenarioDef& d) {
  ordered_json j;
  j["simulation"] = {{"steps", d.simulation.steps},
                     {"step_unit", step_unit_name(d.simulation.step_unit)},
                     {"start", format_year_month(d.simulation.start)},
                     {"seed", d.simulation.seed},
                     {"replicates", d.simulation.replicates}};
  for (const auto& s : d.states)
    j["state"].push_back({{"code", s.code}, {"name", s.name}, {"gdp", s.gdp}, {"defence_share", s.defence_share},
                          {"capability", s.capability}, {"position", geo(s.position)}, {"democracy", s.democracy},
                          {"democracy_baseline", s.democracy_baseline < 0 ? s.democracy : s.democracy_baseline},
                          {"relative_gains", s.relative_gains}, {"risk_tolerance", s.risk_tolerance},
                          {"nuclear", s.nuclear}, {"adversary_affinity", s.adversary_affinity}});
  const auto& a = d.alliance;
  const auto& c = a.credibility;
  j["alliance"] = {{"name", a.name}, {"members", a.members}, {"rule", rule_name(a.rule.rule)},
                   {"leader", a.rule.leader}, {"directorate", a.rule.directorate},
                   {"qualified_majority", {{"threshold", a.rule.qm_threshold}, {"weighting", a.rule.qm_weighting},
                                           {"votes", a.rule.qm_votes}}},
                   {"information_sharing", a.information_sharing}, {"institutional_stake", a.institutional_stake},
                   {"sanctions", a.sanctions}, {"accession_capability", a.accession_capability},
                   {"socialisation", a.socialisation}, {"aspirants", a.aspirants}, {"promised", a.promised},
                   {"burden", {{"spillover", a.burden.spillover}, {"depreciation", a.burden.depreciation}}},
                   {"democracy", {{"conditionality_pull", a.democracy.conditionality_pull}, {"drift", a.democracy.drift},
                                  {"affinity_slope", a.democracy.affinity_slope},
                                  {"accession_threshold", a.democracy.accession_threshold},
                                  {"sanction_threshold", a.democracy.sanction_threshold},
                                  {"sanction_pull", a.democracy.sanction_pull}}},
                   {"enlargement", {{"review_every", a.enlargement.review_every}, {"cost", a.enlargement.cost},
                                    {"with_capability", a.enlargement.with_capability}}},
                   {"credibility", {{"hold_steepness", c.hold_steepness}, {"reinforcement", c.reinforcement},
                                    {"mobile_share", c.mobile_share}, {"reinforcement_reach_km", c.reinforcement_reach_km},
                                    {"hollow_threshold", c.hollow_threshold}, {"willingness_base", c.willingness_base},
                                    {"tripwire_weight", c.tripwire_weight}, {"tripwire_scale", c.tripwire_scale},
                                    {"distance_weight", c.distance_weight}, {"nuclear_risk_weight", c.nuclear_risk_weight},
                                    {"affinity_weight", c.affinity_weight}}}};
  j["deployment"] = ordered_json::array();
  for (const auto& dep : d.deployments)
    j["deployment"].push_back({{"from", dep.from}, {"to", dep.to}, {"capability", dep.capability}});
  j["adversary"] = {{"code", d.adversary.code}, {"name", d.adversary.name}, {"capability", d.adversary.capability},
                    {"position", geo(d.adversary.position)}, {"nuclear", d.adversary.nuclear},
                    {"reach_km", d.adversary.reach_km}, {"initial_threat", d.adversary.initial_threat},
                    {"threat_rate", d.adversary.threat_rate}, {"border_km", d.adversary.border_km},
                    {"membership_weight", d.adversary.membership_weight},
                    {"promise_weight", d.adversary.promise_weight}, {"build_rate", d.adversary.build_rate},
                    {"depreciation", d.adversary.depreciation}, {"intervention_rate", d.adversary.intervention_rate}};
  j["crisis"] = ordered_json::array();
  for (const auto& cr : d.crises) {
    ordered_json severity = ordered_json::array();
    for (const auto& p : cr.severity) severity.push_back({{"step", p.step}, {"value", p.value}});
    j["crisis"].push_back({{"id", cr.id}, {"name", cr.name}, {"position", geo(cr.position)}, {"start", cr.start},
                           {"end", cr.end}, {"severity", severity}, {"perception_noise", cr.perception_noise},
                           {"escalation_sd", cr.escalation_sd}, {"reach_km", cr.reach_km}, {"interest", cr.interest},
                           {"actions", {{"effectiveness", cr.actions.effectiveness}, {"cost", cr.actions.cost},
                                        {"stake", cr.actions.stake}, {"relative_gain", cr.actions.relative_gain},
                                        {"opposition", cr.actions.opposition}}}});
  }
  j["event"] = ordered_json::array();
  for (const auto& e : d.events) {
    ordered_json ev = {{"step", e.step}, {"kind", event_kind_name(e.kind)}};
    switch (e.kind) {
      case EventKind::accession:
        ev["state"] = e.state;
        ev["with_capability"] = e.with_capability;
        if (e.with_capability) {
          ev["capability"] = e.capability >= 0 ? e.capability : a.accession_capability;
          ev["from"] = e.from;
        }
        break;
      case EventKind::deployment:
        ev.update({{"from", e.from}, {"to", e.to}, {"capability", e.capability}, {"mode", e.add ? "add" : "set"}});
        break;
      case EventKind::rule_change: ev["rule"] = rule_name(e.rule); break;
      case EventKind::escalation: ev.update({{"crisis", e.crisis}, {"shock", e.shock}}); break;
      case EventKind::promise: ev["state"] = e.state; break;
      case EventKind::sanction_reform: ev["every"] = e.every; break;
      case EventKind::economy:
        ev["state"] = e.state;
        if (e.gdp > 0) ev["gdp"] = e.gdp;
        if (e.defence_share >= 0) ev["defence_share"] = e.defence_share;
        break;
      case EventKind::adversary: ev["capability"] = e.capability; break;
    }
    j["event"].push_back(ev);
  }
  return j;
}

}  // namespace

std::string run_metadata_json(const ScenarioDef& def, const RunProvenance& p) {
  ordered_json j;
  j["program"] = "alliance";
  j["version"] = kVersion;
  j["scenario"] = {{"path", p.scenario_path}, {"sha256", p.scenario_sha256}, {"title", def.title}};
  j["preset"] = def.preset.empty() ? "none" : def.preset;
  j["overrides"] = p.overrides;
  j["seed"] = def.simulation.seed;
  j["seed_splitter"] = "replicate r uses the (r+1)-th output of SplitMix64 started at seed (sim/MODEL.md)";
  j["replicate_seeds"] = p.replicate_seeds;
  j["parameters"] = parameters(def);
  ordered_json files = ordered_json::array();
  for (const auto& table : output_tables(def)) {
    ordered_json cols = ordered_json::array();
    for (const auto& c : table.columns)
      cols.push_back({{"name", c.name}, {"type", c.type}, {"unit", c.unit}, {"description", c.description}});
    files.push_back({{"file", table.file}, {"description", table.description}, {"columns", cols}});
  }
  j["files"] = files;
  return j.dump(2) + "\n";
}

}  // namespace alliance
