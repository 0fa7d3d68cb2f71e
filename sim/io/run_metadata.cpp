#include "io/run_metadata.hpp"

#include <algorithm>
#include <cerrno>
#include <utility>
#include <variant>
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

// A declared value as the scenario file would write it; each number keeps
// its C++ type, so a double prints as 5.0 and an int as 5.
template <typename V>
ordered_json echo_value(const V& v) { return v; }
ordered_json echo_value(StepUnit v) { return step_unit_name(v); }
ordered_json echo_value(YearMonth v) { return format_year_month(v); }

// Appends every declared parameter of `specs` to `j`, in declaration order.
template <typename T, std::size_t N>
void echo(ordered_json& j, const T& values, const ParamSpec<T> (&specs)[N]) {
  for (const ParamSpec<T>& spec : specs)
    std::visit([&](auto member) { j[std::string(spec.info.key)] = echo_value(values.*member); }, spec.member);
}

template <typename T, std::size_t N>
ordered_json echoed(const T& values, const ParamSpec<T> (&specs)[N]) {
  ordered_json j = ordered_json::object();
  echo(j, values, specs);
  return j;
}

ordered_json parameters(const ScenarioDef& d) {
  ordered_json j;
  j["simulation"] = echoed(d.simulation, kSimulationParams);
  for (const auto& s : d.states)
    j["state"].push_back({{"code", s.code}, {"name", s.name}, {"gdp", s.gdp}, {"defence_share", s.defence_share},
                          {"capability", s.capability}, {"position", geo(s.position)}, {"democracy", s.democracy},
                          {"democracy_baseline", s.democracy_baseline < 0 ? s.democracy : s.democracy_baseline},
                          {"relative_gains", s.relative_gains}, {"risk_tolerance", s.risk_tolerance},
                          {"nuclear", s.nuclear}, {"adversary_affinity", s.adversary_affinity}});
  const auto& a = d.alliance;
  ordered_json qm = echoed(a.rule, kQualifiedMajorityParams);
  qm["weighting"] = std::string(qm_weighting_name(a.rule.qm_weighting));
  qm["votes"] = a.rule.qm_votes;
  ordered_json al = {{"name", a.name}, {"members", a.members}, {"rule", rule_name(a.rule.rule)},
                     {"leader", a.rule.leader}, {"directorate", a.rule.directorate}, {"qualified_majority", qm}};
  echo(al, a.params, kAllianceParams);
  al["aspirants"] = a.aspirants;
  al["promised"] = a.promised;
  al["burden"] = echoed(a.burden, kBurdenParams);
  al["democracy"] = echoed(a.democracy, kDemocracyParams);
  al["enlargement"] = echoed(a.enlargement, kEnlargementParams);
  al["credibility"] = echoed(a.credibility, kCredibilityParams);
  j["alliance"] = std::move(al);
  j["deployment"] = ordered_json::array();
  for (const auto& dep : d.deployments)
    j["deployment"].push_back({{"from", dep.from}, {"to", dep.to}, {"capability", dep.capability}});
  if (!d.disputes.empty()) {  // only where there are any: older run.json files stay as they were
    j["dispute"] = ordered_json::array();
    for (const auto& s : d.disputes)
      j["dispute"].push_back({{"member", s.member}, {"aspirant", s.aspirant}, {"weight", s.weight}, {"source", s.source}});
  }
  j["rivalry"] = ordered_json::array();
  for (const auto& r : d.rivalries) {
    ordered_json rivalry = {{"a", r.a}, {"b", r.b}};
    if (r.since > 0) rivalry["since"] = r.since;
    if (r.until > 0) rivalry["until"] = r.until;
    rivalry["source"] = r.source;
    j["rivalry"].push_back(rivalry);
  }
  j["transit"] = ordered_json::array();
  for (const auto& t : d.transit) {
    ordered_json transit = {{"a", t.a}, {"b", t.b}};
    if (!t.id.empty()) transit["id"] = t.id;
    if (t.km >= 0) transit["km"] = t.km;  // else the great-circle distance between the capitals
    transit["mode"] = std::string(kTransitModeNames[static_cast<std::size_t>(t.mode)]);
    transit["open"] = t.open;
    if (!t.source.empty()) transit["source"] = t.source;
    j["transit"].push_back(transit);
  }
  ordered_json adversary = {{"code", d.adversary.code}, {"name", d.adversary.name},
                            {"capability", d.adversary.capability}, {"position", geo(d.adversary.position)}};
  echo(adversary, d.adversary.params, kAdversaryParams);
  j["adversary"] = std::move(adversary);
  // [severity] is echoed when it matters or was set, so that the run.json of
  // a scenario of 0-1 paths at the defaults reads as it did before.
  if (d.severity != SeverityParams{} ||
      std::any_of(d.crises.begin(), d.crises.end(), [](const CrisisDef& c) { return !c.measures.empty(); }))
    j["severity"] = echoed(d.severity, kSeverityParams);
  j["crisis"] = ordered_json::array();
  for (const auto& cr : d.crises) {
    ordered_json severity = ordered_json::array();
    for (const auto& p : cr.severity) severity.push_back({{"step", p.step}, {"value", p.value}});
    ordered_json crisis = {{"id", cr.id}, {"name", cr.name}, {"position", geo(cr.position)}, {"start", cr.start},
                           {"end", cr.end}, {"severity", severity}};
    if (!cr.measures.empty()) {  // only then, so that runs of a 0-1 path echo what they did before
      ordered_json measures = ordered_json::array();
      for (const auto& m : cr.measures)
        measures.push_back({{"step", m.step}, {"kind", measure_kind_name(m.kind)}, {"value", m.value},
                            {"source", m.source}});
      crisis["measure"] = std::move(measures);
    }
    echo(crisis, cr.params, kCrisisParams);
    crisis["interest"] = cr.interest;
    crisis["target"] = cr.target.empty() ? ordered_json() : ordered_json(cr.target);
    crisis["aggressor"] = std::string(kAggressorNames[static_cast<std::size_t>(cr.aggressor)]);
    crisis["actions"] = {{"effectiveness", cr.actions.effectiveness}, {"cost", cr.actions.cost},
                         {"stake", cr.actions.stake}, {"relative_gain", cr.actions.relative_gain},
                         {"opposition", cr.actions.opposition}};
    j["crisis"].push_back(crisis);
  }
  j["event"] = ordered_json::array();
  for (const auto& e : d.events) {
    ordered_json ev = {{"step", e.step}, {"kind", event_kind_name(e.kind)}};
    switch (e.kind) {
      case EventKind::accession:
        ev["state"] = e.state;
        ev["with_capability"] = e.with_capability;
        if (e.with_capability) {
          ev["capability"] = e.capability >= 0 ? e.capability : a.params.accession_capability;
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
        if (e.democracy >= 0) ev["democracy"] = e.democracy;
        if (e.from_data) ev["source"] = "data";
        break;
      case EventKind::adversary: ev["capability"] = e.capability; break;
      case EventKind::attitude:
        ev["state"] = e.state;
        if (!e.crisis.empty()) ev["crisis"] = e.crisis;
        if (e.risk_tolerance >= 0) ev["risk_tolerance"] = e.risk_tolerance;
        if (e.relative_gains >= 0) ev["relative_gains"] = e.relative_gains;
        if (e.adversary_affinity >= 0) ev["adversary_affinity"] = e.adversary_affinity;
        if (e.interest >= 0) ev["interest"] = e.interest;
        if (e.dispute >= 0) {
          ev["aspirant"] = e.aspirant;
          ev["dispute"] = e.dispute;
        }
        break;
    }
    j["event"].push_back(ev);
  }
  j["record"] = ordered_json::array();
  for (const auto& r : d.records) {
    ordered_json rec = {{"name", r.name}, {"what", r.what}, {"metric", r.metric}, {"value", r.value},
                        {"tolerance", r.tolerance}};
    if (!r.date.empty()) rec["date"] = r.date;
    rec["source"] = r.source;
    j["record"].push_back(rec);
  }
  return j;
}

}  // namespace

std::string run_metadata_json(const ScenarioDef& def, const RunProvenance& p) {
  ordered_json j;
  j["program"] = "alliance";
  j["version"] = kVersion;
  j["scenario"] = {{"path", p.scenario_path}, {"sha256", p.scenario_sha256}, {"title", def.title}};
  if (def.data.present) {
    // The tables [data] read: part of the input, like the scenario file.
    ordered_json data = ordered_json::array();
    for (const auto& file : def.data.files) data.push_back({{"path", file}, {"sha256", sha256_of_file(file)}});
    j["data"] = data;
  }
  j["preset"] = def.preset.empty() ? "none" : def.preset;
  j["overrides"] = p.overrides;
  j["seed"] = def.simulation.seed;
  j["seed_splitter"] = "replicate r uses the (r+1)-th output of SplitMix64 started at seed (sim/MODEL.md)";
  j["replicate_seeds"] = p.replicate_seeds;
  j["parameters"] = parameters(def);
  ordered_json files = ordered_json::array();
  for (const auto& table : written_tables(def, p.tables)) {
    ordered_json cols = ordered_json::array();
    for (const auto& c : table.columns)
      cols.push_back({{"name", c.name}, {"type", c.type}, {"unit", c.unit}, {"description", c.description}});
    files.push_back({{"file", table.file}, {"description", table.description}, {"columns", cols}});
  }
  j["files"] = files;
  return j.dump(2) + "\n";
}

}  // namespace alliance
