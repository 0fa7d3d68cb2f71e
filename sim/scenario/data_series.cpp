#include "scenario/data_series.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "scenario/input_error.hpp"
#include "core/parameter.hpp"
#include "scenario/input_file.hpp"
#include "scenario/scenario_def.hpp"

namespace alliance {

namespace {

// The committed tables are under 1 MB; 16 MB leaves room for a user's own.
constexpr InputKind kDataTable{"data table", std::size_t{16} << 20, "the shipped tables are under 1 MB"};

// A CSV table as import_data.py writes it: a header, then rows of plain
// fields (no quoting, no embedded commas), '\n' or "\r\n" line ends.
struct CsvTable {
  std::string file;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<int> lines;  // the file line of each row

  std::optional<std::size_t> column(std::string_view name) const {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return i;
    return std::nullopt;
  }
};

std::vector<std::string> split_fields(std::string_view line) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (true) {
    const std::size_t comma = line.find(',', from);
    out.emplace_back(line.substr(from, comma == std::string_view::npos ? std::string_view::npos : comma - from));
    if (comma == std::string_view::npos) return out;
    from = comma + 1;
  }
}

CsvTable parse_csv(const std::filesystem::path& path, const std::string& text) {
  CsvTable t;
  t.file = path.string();
  std::size_t from = 0;
  int line = 0;
  while (from < text.size()) {
    std::size_t end = text.find('\n', from);
    if (end == std::string::npos) end = text.size();
    std::string_view row(text.data() + from, end - from);
    if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
    ++line;
    from = end + 1;
    if (row.empty()) continue;
    auto fields = split_fields(row);
    if (t.header.empty()) {
      t.header = std::move(fields);
      continue;
    }
    if (fields.size() != t.header.size())
      throw InputError({{t.file, line, 1, "",
                         fmt::format("expected {} comma-separated fields, as in the header, got {}", t.header.size(),
                                     fields.size())}});
    t.rows.push_back(std::move(fields));
    t.lines.push_back(line);
  }
  if (t.header.empty()) throw InputError({{t.file, 0, 0, "", "the table is empty; expected a header line"}});
  return t;
}

std::size_t require_column(const CsvTable& t, std::string_view name) {
  if (auto c = t.column(name)) return *c;
  throw InputError({{t.file, 1, 1, std::string(name), fmt::format("the header has no column `{}`", name)}});
}

// An empty field is a missing value; anything else must be a finite number.
std::optional<double> number_field(const CsvTable& t, std::size_t row, std::size_t col) {
  const std::string& s = t.rows[row][col];
  if (s.empty()) return std::nullopt;
  double v = 0.0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v))
    throw InputError({{t.file, t.lines[row], static_cast<int>(col + 1), t.header[col],
                       fmt::format("expected a number or an empty field, got \"{}\"", s)}});
  return v;
}

// series_annual.csv by state and year; a missing value is an absent key.
struct Series {
  enum Column { gdp, defence_share, polyarchy, pledges, rivalry, count };
  static constexpr std::string_view kNames[count] = {"gdp", "defence_share", "polyarchy", "adversary_pledges",
                                                     "adversary_rivalry"};
  std::string file;
  std::map<std::string, std::map<int, std::array<std::optional<double>, count>>> by_state;

  // The value of `year`, or else of the latest earlier year: a series holds
  // its last value (the data sets end in different years).
  std::optional<std::pair<int, double>> at_or_before(const std::string& code, int year, Column c) const {
    const auto s = by_state.find(code);
    if (s == by_state.end()) return std::nullopt;
    for (auto it = s->second.upper_bound(year); it != s->second.begin();) {
      --it;
      if (const auto& v = it->second[c]) return std::pair{it->first, *v};
    }
    return std::nullopt;
  }
  // A state's value at the run's start: as at_or_before, or, for a state
  // whose series begins later (a state that did not exist yet), its first.
  std::optional<std::pair<int, double>> at_start(const std::string& code, int year, Column c) const {
    if (auto v = at_or_before(code, year, c)) return v;
    const auto s = by_state.find(code);
    if (s == by_state.end()) return std::nullopt;
    for (const auto& [y, values] : s->second)
      if (values[c]) return std::pair{y, *values[c]};
    return std::nullopt;
  }
};

Series parse_series(const std::filesystem::path& path, const std::string& text) {
  const CsvTable t = parse_csv(path, text);
  Series s;
  s.file = t.file;
  const std::size_t code = require_column(t, "code"), year = require_column(t, "year");
  std::array<std::optional<std::size_t>, Series::count> cols;
  for (int c = 0; c < Series::count; ++c) cols[c] = t.column(Series::kNames[c]);
  for (int c : {Series::gdp, Series::defence_share}) require_column(t, Series::kNames[c]);
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto y = number_field(t, r, year);
    if (!y || *y != std::floor(*y) || *y < 1 || *y > 9999)
      throw InputError({{t.file, t.lines[r], static_cast<int>(year + 1), "year", "expected a year from 1 to 9999"}});
    auto& values = s.by_state[t.rows[r][code]][static_cast<int>(*y)];
    for (int c = 0; c < Series::count; ++c) {
      if (!cols[c]) continue;
      values[c] = number_field(t, r, *cols[c]);
      if (!values[c]) continue;
      const double v = *values[c];
      const bool ok = c == Series::gdp ? v > 0.0 : c == Series::pledges ? v >= 0.0 && v <= 5.0 : v >= 0.0 && v <= 1.0;
      if (!ok)
        throw InputError({{t.file, t.lines[r], static_cast<int>(*cols[c] + 1), t.header[*cols[c]],
                           fmt::format("expected {}, got {}",
                                       c == Series::gdp       ? "a number > 0"
                                       : c == Series::pledges ? "a number in [0, 5]"
                                                              : "a number in [0, 1]",
                                       v)}});
    }
  }
  return s;
}

struct Capital {
  std::string name;
  GeoPoint position;
};

// The capital of `code` on the first day of `month` ("YYYY-MM-DD" dates of
// validity, compared as text); a state that did not exist yet takes its
// first capital. Positions are fixed for the run (distances are computed once).
std::optional<Capital> capital_on(const CsvTable& t, const std::string& code, YearMonth month) {
  const std::string day = fmt::format("{:04}-{:02}-01", month.year, month.month);
  std::optional<Capital> first;
  std::string first_from;
  const std::size_t c = require_column(t, "code"), name = require_column(t, "capital"),
                    lat = require_column(t, "latitude"), lon = require_column(t, "longitude"),
                    from = require_column(t, "valid_from"), to = require_column(t, "valid_to");
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    if (row[c] != code || row[to] < day) continue;
    const auto la = number_field(t, r, lat), lo = number_field(t, r, lon);
    if (!la || !lo || std::abs(*la) > 90.0 || std::abs(*lo) > 180.0)
      throw InputError({{t.file, t.lines[r], static_cast<int>(lat + 1), "latitude",
                         "expected a latitude in [-90, 90] and a longitude in [-180, 180]"}});
    Capital capital{row[name], {*la, *lo}};
    if (row[from] <= day) return capital;
    if (!first || row[from] < first_from) {
      first = capital;
      first_from = row[from];
    }
  }
  return first;
}

std::atomic<bool> tables_pinned{false};

// A sweep reads its base scenario again for every point: a table is read
// each time (the bytes decide), but parsed once per process for the same
// path and bytes; once pin_data_tables() was called, read once per path.
template <typename Table>
std::shared_ptr<const Table> load(const std::filesystem::path& path,
                                  Table (*parse)(const std::filesystem::path&, const std::string&)) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const Table>> tables;
  static std::map<std::string, std::shared_ptr<const Table>> pinned;  // by path
  const bool pin = tables_pinned.load(std::memory_order_relaxed);
  if (pin) {
    std::lock_guard lock(mutex);
    if (auto it = pinned.find(path.lexically_normal().string()); it != pinned.end()) return it->second;
  }
  const std::string text = read_input_file(path, kDataTable);
  std::string key = path.lexically_normal().string() + '\0' + text;
  {
    std::lock_guard lock(mutex);
    if (auto it = tables.find(key); it != tables.end()) return it->second;
  }
  const auto started = std::chrono::steady_clock::now();
  auto table = std::make_shared<const Table>(parse(path, text));  // outside the lock; an error is not kept
  spdlog::info("read the data table {} ({} bytes) in {:.1f} ms", path.string(), text.size(),
               std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
  std::lock_guard lock(mutex);
  if (pin) pinned.try_emplace(path.lexically_normal().string(), table);
  if (tables.size() >= 16) tables.clear();  // a test or a tool writing many tables: keep a few
  return tables.try_emplace(std::move(key), std::move(table)).first->second;
}

std::filesystem::path beside(const std::string& scenario, const std::string& relative) {
  const std::filesystem::path p(relative);
  return p.is_absolute() ? p : std::filesystem::path(scenario).parent_path() / p;
}

// [data]'s rivalries (data/rivalries.csv, Thompson and Dreyer 2012): each
// row whose two codes are states of the scenario and that runs during the
// run becomes a rivalry edge, unless the file declares that pair itself (the
// file wins). The data end in their last year (2010): a rivalry running then
// is read as ongoing (`until` 0), not as ended.
void read_rivalries(ScenarioDef& def, const CsvTable& t, int first_year, int last_year) {
  const std::size_t c1 = require_column(t, "code1"), c2 = require_column(t, "code2"),
                    from = require_column(t, "start_year"), to = require_column(t, "end_year"),
                    name = require_column(t, "name"), id = require_column(t, "rivalry");
  auto year = [&](std::size_t r, std::size_t col) {
    const auto y = number_field(t, r, col);
    if (!y || *y != std::floor(*y) || *y < 1 || *y > 9999)
      throw InputError({{t.file, t.lines[r], static_cast<int>(col + 1), t.header[col], "expected a year from 1 to 9999"}});
    return static_cast<int>(*y);
  };
  int data_end = 0;
  for (std::size_t r = 0; r < t.rows.size(); ++r) data_end = std::max(data_end, year(r, to));
  auto is_state = [&](const std::string& code) {
    return !code.empty() && std::any_of(def.states.begin(), def.states.end(), [&](const StateDef& s) { return s.code == code; });
  };
  const std::size_t declared = def.rivalries.size();
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    if (!is_state(row[c1]) || !is_state(row[c2]) || row[c1] == row[c2]) continue;
    const int since = year(r, from), until = year(r, to);
    if (until < first_year || since > last_year) continue;
    const bool in_file = std::any_of(def.rivalries.begin(), def.rivalries.begin() + static_cast<std::ptrdiff_t>(declared),
                                     [&](const RivalryDef& d) {
                                       return (d.a == row[c1] && d.b == row[c2]) || (d.a == row[c2] && d.b == row[c1]);
                                     });
    if (in_file) continue;
    RivalryDef d;
    d.a = row[c1];
    d.b = row[c2];
    d.since = since;
    d.until = until == data_end ? 0 : until;
    d.source = fmt::format("Thompson and Dreyer (2012), rivalry {} \"{}\" ({}, line {})", row[id], row[name],
                           std::filesystem::path(t.file).filename().string(), t.lines[r]);
    d.from_data = true;
    def.rivalries.push_back(std::move(d));
  }
}

}  // namespace

void pin_data_tables() { tables_pinned.store(true, std::memory_order_relaxed); }

void apply_data(ScenarioDef& def, Diagnostics& diag) {
  DataDef& data = def.data;
  const auto series_path = beside(def.source, data.series);
  const auto series_table = load<Series>(series_path, parse_series);
  const Series& series = *series_table;
  data.files = {series_path.string()};
  std::shared_ptr<const CsvTable> capitals;
  if (!data.capitals.empty()) {
    const auto path = beside(def.source, data.capitals);
    capitals = load<CsvTable>(path, parse_csv);
    data.files.push_back(path.string());
  }

  const SimulationDef& sim = def.simulation;
  const int mps = months_per_step(sim.step_unit);
  const int first_year = sim.start.year;
  const int last_year = add_months(sim.start, (sim.steps - 1) * mps).year;

  // ATOP codes a pledge every member holds (the CSCE's non-aggression of
  // 1975) as a tie to the adversary; what sets a member apart is what it
  // holds beyond the least any founding member holds.
  double pledge_floor = 5.0;
  for (const std::string& code : def.alliance.members)
    if (const auto p = series.at_start(code, first_year, Series::pledges)) pledge_floor = std::min(pledge_floor, p->second);

  for (std::size_t i = 0; i < def.states.size(); ++i) {
    StateDef& s = def.states[i];
    auto missing = [&](std::string_view key, std::string_view what) {
      diag.add(s.line, s.column, fmt::format("state[{}].{}", i, key),
               fmt::format("missing, and {} has no {} for {}; give `{}` in the file", series.file, what, s.code,
                           key));
    };
    auto take = [&](bool given, Series::Column c, std::string_view key, std::string_view what, double& into) {
      if (given) return;
      if (const auto v = series.at_start(s.code, first_year, c)) into = v->second;
      else missing(key, what);
    };
    take(s.given.gdp, Series::gdp, "gdp", "GDP", s.gdp);
    take(s.given.defence_share, Series::defence_share, "defence_share", "defence share", s.defence_share);
    take(s.given.democracy, Series::polyarchy, "democracy", "V-Dem polyarchy", s.democracy);
    // The baseline a member drifts to (M5): the last value within the run.
    if (!s.given.democracy_baseline)
      if (const auto v = series.at_or_before(s.code, last_year, Series::polyarchy)) s.democracy_baseline = v->second;
    // Asked for, the data replace the file's affinities (judgements kept for
    // affinity = "none"), so that one key switches a scenario between them.
    if (data.affinity == AffinitySource::atop_pledges) {
      // The share of ATOP's five pledge kinds in force with the adversary
      // beyond the founding members' floor; none while the two are
      // strategic rivals (Thompson and Dreyer). sim/MODEL.md, "Input data".
      const auto pledges = series.at_start(s.code, first_year, Series::pledges);
      const auto rivalry = series.at_start(s.code, first_year, Series::rivalry);
      if (!pledges) missing("adversary_affinity", "ATOP pledges with the adversary");
      else
        s.adversary_affinity = rivalry && rivalry->second > 0.0
                                   ? 0.0
                                   : std::clamp((pledges->second - pledge_floor) / 5.0, 0.0, 1.0);
    }
    if (!s.given.position) {
      if (!capitals) diag.add(s.line, s.column, fmt::format("state[{}].latitude", i),
                              "missing; give `latitude` and `longitude`, or `capitals` in [data]");
      else if (const auto c = capital_on(*capitals, s.code, sim.start)) s.position = c->position;
      else
        diag.add(s.line, s.column, fmt::format("state[{}].latitude", i),
                 fmt::format("missing, and {} has no capital for {} on {}-01; give `latitude` and `longitude`",
                             capitals->file, s.code, format_year_month(sim.start)));
    }
  }

  if (!data.rivalries.empty()) {
    const auto path = beside(def.source, data.rivalries);
    read_rivalries(def, *load<CsvTable>(path, parse_csv), first_year, last_year);
    data.files.push_back(path.string());
  }

  if (!data.annual) return;
  // Each January after the start: the year's GDP and defence share, where
  // the series has them (a year without a value keeps the last one), and
  // its democracy, which applies while the state is outside the alliance and
  // not an aspirant (scheduled_events.cpp); a democracy the file gives wins.
  for (int year = first_year + 1; year <= last_year; ++year) {
    const int months = months_between(sim.start, YearMonth{year, 1});
    const int step = (months + mps - 1) / mps;  // the first step on or after 1 January
    if (step >= sim.steps) break;
    for (const StateDef& s : def.states) {
      const auto st = series.by_state.find(s.code);
      if (st == series.by_state.end()) continue;
      const auto row = st->second.find(year);
      if (row == st->second.end()) continue;
      EventDef e;
      e.kind = EventKind::economy;
      e.step = step;
      e.state = s.code;
      e.from_data = true;
      if (const auto& g = row->second[Series::gdp]; g && *g > 0.0) e.gdp = *g;
      if (const auto& d = row->second[Series::defence_share]) e.defence_share = *d;
      if (const auto& p = row->second[Series::polyarchy]; p && !s.given.democracy) e.democracy = *p;
      if (e.gdp > 0.0 || e.defence_share >= 0.0 || e.democracy >= 0.0) def.events.push_back(std::move(e));
    }
  }
}

}  // namespace alliance
