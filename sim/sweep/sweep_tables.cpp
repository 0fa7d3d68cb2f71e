#include "sweep/sweep_tables.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "core/statistics.hpp"
#include "core/rng.hpp"
#include "scenario/input_file.hpp"
#include "io/output_directory.hpp"
#include "scenario/input_error.hpp"

namespace alliance {

namespace fs = std::filesystem;

namespace {

std::string parameter_type(const ParameterDef& p) {
  switch (p.distribution) {
    case Distribution::integer: return "integer";
    case Distribution::uniform:
    case Distribution::log_uniform: return "number";
    case Distribution::values: break;
  }
  for (const auto& cell : p.cells) {
    double x = 0.0;
    const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), x);
    if (ec != std::errc() || end != cell.data() + cell.size()) return "string";
  }
  return "number";
}

std::vector<Column> parameter_columns(const SweepDef& def) {
  std::vector<Column> columns;
  for (const auto& p : def.parameters)
    columns.push_back({p.name, parameter_type(p), "",
                       fmt::format("swept parameter: the scenario's {} (--set {}=...)", p.path, p.path)});
  return columns;
}

const std::vector<Column> kRunKey = {
    {"run", "integer", "", "run index, 0-based: point * replicates + replicate"},
    {"point", "integer", "", "design point, 0-based"},
    {"replicate", "integer", "", "replicate of the point, 0-based"},
    {"seed", "string", "",
     "scenario seed of the run, a 63-bit integer typed as text (R and JavaScript numbers cannot hold every one): "
     "`alliance run SCENARIO --seed SEED --replicates 1` with the point's values as --set reproduces it"},
};

// Welford's online mean and variance.
struct Moments {
  std::size_t n = 0;
  double mean = 0.0, m2 = 0.0;
  void add(double x) {
    ++n;
    const double d = x - mean;
    mean += d / double(n);
    m2 += d * (x - mean);
  }
};

std::optional<double> parse_number(const std::string& cell) {
  if (cell.empty()) return std::nullopt;
  double x = 0.0;
  const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), x);
  if (ec != std::errc() || end != cell.data() + cell.size() || !std::isfinite(x)) return std::nullopt;
  return x;
}

// Reads rows of one CSV file in order, one at a time.
class RowStream {
 public:
  explicit RowStream(const fs::path& path) : path_(path) {
    try {
      require_regular_file(path, "table");  // a FIFO would hang the reader, a device flood it
    } catch (const InputError& e) {
      throw OutputError(e.what());
    }
    in_.open(path);
    if (!in_) throw OutputError(fmt::format("cannot read {}", path.string()));
    std::getline(in_, line_);  // header
    advance();
  }
  bool has_row() const { return has_; }
  std::size_t point() const { return point_; }
  const std::string& line() const { return line_; }
  void advance() {
    has_ = static_cast<bool>(std::getline(in_, line_));
    if (!has_) return;
    const auto cells = split_csv_line(line_);
    std::size_t p = 0;
    if (cells.size() < 2 || std::from_chars(cells[1].data(), cells[1].data() + cells[1].size(), p).ec != std::errc())
      throw OutputError(fmt::format("{}: a row without a point number", path_.string()));
    point_ = p;
  }

 private:
  std::ifstream in_;
  fs::path path_;
  std::string line_;
  bool has_ = false;
  std::size_t point_ = 0;
};

}  // namespace

// 63 bits: a scenario's `simulation.seed` is a TOML integer (signed 64-bit).
std::uint64_t run_seed(std::uint64_t sweep_seed, std::size_t run) { return replicate_seed(sweep_seed, run) >> 1; }

std::string csv_cell(std::string_view text) {
  if (text.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::vector<std::string> split_csv_line(std::string_view line) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cells.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cells.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      cells.emplace_back();
    } else {
      cells.back() += c;
    }
  }
  return cells;
}

std::string run_prefix(std::size_t run, std::size_t point, int replicate, std::uint64_t seed,
                       const std::vector<ParameterValue>& values) {
  std::string row = fmt::format("{},{},{},{},", run, point, replicate, seed);
  for (const auto& v : values) {
    row += csv_cell(v.cell);
    row += ',';
  }
  return row;
}

SweepTables sweep_tables(const PreparedSweep& sweep, const std::vector<Column>& step_columns) {
  SweepTables t;
  const auto parameters = parameter_columns(sweep.def);
  std::vector<Column> metrics;
  for (const std::size_t i : sweep.metric_index) metrics.push_back(sweep.summary_columns[i]);

  t.runs = {"runs.csv", "one row per finished run (point, replicate), in run order", kRunKey, {"run"}};
  t.runs.columns.insert(t.runs.columns.end(), parameters.begin(), parameters.end());
  t.runs.columns.insert(t.runs.columns.end(), metrics.begin(), metrics.end());

  t.failures = {"failures.csv", "one row per run that failed, with its error; the other runs went on", kRunKey,
                {"run"}};
  t.failures.columns.insert(t.failures.columns.end(), parameters.begin(), parameters.end());
  t.failures.columns.push_back({"error", "string", "", "what went wrong"});

  t.points = {"points.csv", "per design point: the metrics' mean, standard deviation and 95% interval over its runs",
              {{"point", "integer", "", "design point, 0-based"}}, {"point"}};
  t.points.columns.insert(t.points.columns.end(), parameters.begin(), parameters.end());
  t.points.columns.push_back({"runs", "integer", "runs", "runs of the point that finished"});
  t.points.columns.push_back({"failed", "integer", "runs", "runs of the point that failed (failures.csv)"});
  for (const auto& m : metrics) {
    t.points.columns.push_back({m.name + "_n", "integer", "runs", fmt::format("runs with a value of {}", m.name)});
    t.points.columns.push_back({m.name + "_mean", "number", m.unit, fmt::format("mean of {}", m.name)});
    t.points.columns.push_back({m.name + "_sd", "number", m.unit, fmt::format("standard deviation of {} (n - 1)", m.name)});
    t.points.columns.push_back({m.name + "_ci_low", "number", m.unit,
                                fmt::format("lower end of the 95% Student-t interval of the mean of {}", m.name)});
    t.points.columns.push_back({m.name + "_ci_high", "number", m.unit,
                                fmt::format("upper end of the 95% Student-t interval of the mean of {}", m.name)});
  }

  if (!step_columns.empty()) {
    t.steps = {"steps.csv", "per run and step, as `alliance run` writes steps.csv (--keep-steps)",
               {kRunKey.front()}, {}};
    t.steps.columns.insert(t.steps.columns.end(), step_columns.begin(), step_columns.end());
  }
  return t;
}

namespace {

// A row of points.csv: point k's values, its finished and failed runs, and
// each metric's moments.
std::string point_row(std::size_t k, const Design& design, std::size_t finished, std::size_t failed,
                      const std::vector<Moments>& moments, std::vector<double>& t_quantile) {
  std::string row = fmt::format("{},", k);
  for (const auto& v : design.values(k)) row += csv_cell(v.cell) + ",";
  row += fmt::format("{},{}", finished, failed);
  for (const auto& mo : moments) {
    row += fmt::format(",{}", mo.n);
    if (mo.n == 0) {
      row += ",,,,";
      continue;
    }
    row += fmt::format(",{:.10g}", mo.mean);
    if (mo.n < 2) {
      row += ",,,";
      continue;
    }
    const double sd = std::sqrt(mo.m2 / double(mo.n - 1));
    if (t_quantile.size() <= mo.n) t_quantile.resize(mo.n + 1, 0.0);
    if (t_quantile[mo.n] == 0.0) t_quantile[mo.n] = student_t_quantile(0.975, double(mo.n - 1));
    const double half = t_quantile[mo.n] * sd / std::sqrt(double(mo.n));
    row += fmt::format(",{:.10g},{:.10g},{:.10g}", sd, mo.mean - half, mo.mean + half);
  }
  row += '\n';
  return row;
}

// The metrics of a runs.csv line (without its '\n') into `moments`.
void add_metrics(std::string_view line, std::size_t first_metric, std::vector<Moments>& moments,
                 const fs::path& runs_csv) {
  const auto cells = split_csv_line(line);
  if (cells.size() != first_metric + moments.size())
    throw OutputError(fmt::format("{}: a row of {} cells where {} were expected", runs_csv.string(), cells.size(),
                                  first_metric + moments.size()));
  for (std::size_t m = 0; m < moments.size(); ++m)
    if (const auto x = parse_number(cells[first_metric + m])) moments[m].add(*x);
}

}  // namespace

void write_points_csv(const PreparedSweep& sweep, const fs::path& runs_csv, const fs::path& failures_csv,
                      const fs::path& out) {
  const Design design(sweep.def);
  const std::size_t metrics = sweep.metric_index.size();
  const std::size_t parameters = sweep.def.parameters.size();
  const std::size_t first_metric = kRunKey.size() + parameters;
  const auto tables = sweep_tables(sweep, {});
  const fs::path temp = out.parent_path() / fmt::format(".{}.tmp", out.filename().string());
  {
    std::ofstream file(temp, std::ios::binary | std::ios::trunc);
    if (!file) throw OutputError(fmt::format("cannot create {}", temp.string()));
    file << csv_header(tables.points);
    RowStream runs(runs_csv), failures(failures_csv);
    std::vector<double> t_quantile;  // by n, cached
    for (std::size_t k = 0; k < sweep.points; ++k) {
      std::vector<Moments> moments(metrics);
      std::size_t finished = 0, failed = 0;
      for (; runs.has_row() && runs.point() == k; runs.advance()) {
        ++finished;
        add_metrics(runs.line(), first_metric, moments, runs_csv);
      }
      for (; failures.has_row() && failures.point() == k; failures.advance()) ++failed;
      file << point_row(k, design, finished, failed, moments, t_quantile);
    }
    if (runs.has_row() || failures.has_row())
      throw OutputError(fmt::format("{} holds rows beyond the design's {} points", runs_csv.string(), sweep.points));
    file.flush();
    if (!file) throw OutputError(fmt::format("cannot write {}", temp.string()));
  }
  fs::rename(temp, out);
}

struct PointsStream::Impl {
  Impl(const PreparedSweep& s, fs::path o)
      : sweep(s), design(s.def), out(std::move(o)),
        temp(out.parent_path() / fmt::format(".{}.tmp", out.filename().string())),
        first_metric(kRunKey.size() + s.def.parameters.size()), moments(s.metric_index.size()) {}
  const PreparedSweep& sweep;
  Design design;
  fs::path out, temp;
  std::size_t first_metric;
  std::ofstream file;
  std::size_t point = 0, finished = 0, failed = 0;
  std::vector<Moments> moments;
  std::vector<double> t_quantile;

  void flush_point() {
    file << point_row(point, design, finished, failed, moments, t_quantile);
    ++point;
    finished = failed = 0;
    std::fill(moments.begin(), moments.end(), Moments{});
  }
};

PointsStream::PointsStream(const PreparedSweep& sweep, const fs::path& out)
    : impl_(std::make_unique<Impl>(sweep, out)) {
  impl_->file.open(impl_->temp, std::ios::binary | std::ios::trunc);
  if (!impl_->file) throw OutputError(fmt::format("cannot create {}", impl_->temp.string()));
  impl_->file << csv_header(sweep_tables(sweep, {}).points);
}

PointsStream::~PointsStream() = default;

void PointsStream::add(std::size_t run, bool failed, std::string_view row) {
  Impl& s = *impl_;
  const std::size_t point = run / static_cast<std::size_t>(s.sweep.def.replicates);
  if (point >= s.sweep.points)
    throw OutputError(fmt::format("runs.csv holds rows beyond the design's {} points", s.sweep.points));
  while (s.point < point) s.flush_point();
  if (failed) {
    ++s.failed;
    return;
  }
  ++s.finished;
  if (!row.empty() && row.back() == '\n') row.remove_suffix(1);
  add_metrics(row, s.first_metric, s.moments, s.out.parent_path() / "runs.csv");
}

void PointsStream::finish() {
  Impl& s = *impl_;
  while (s.point < s.sweep.points) s.flush_point();
  s.file.flush();
  if (!s.file) throw OutputError(fmt::format("cannot write {}", s.temp.string()));
  s.file.close();
  fs::rename(s.temp, s.out);
}

}  // namespace alliance
