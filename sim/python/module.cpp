// _alliance: the C++ half of the `alliance` Python module (issue 21). Each
// function does what its `alliance` subcommand does (sim/cli/*.cpp), through
// the same library calls, checks and limits, and hands back the files'
// bytes, not Python objects: alliance/__init__.py turns CSV text into typed
// DataFrames, so a table here has the CLI's bytes by construction.
//
// The GIL is released while a scenario, claim or sweep runs. Every error is
// translated into the package's exception classes (alliance/__init__.py,
// registered with _set_error_classes): InputError with each issue's file,
// line, column, key and message; BadInput and RunFailure with the CLI's words.
#include <map>
#include <new>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <fmt/format.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "check/check_output.hpp"
#include "check/claim_reader.hpp"
#include "core/calendar.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "engine/step.hpp"
#include "io/data_package.hpp"
#include "io/graph_export.hpp"
#include "io/output_directory.hpp"
#include "io/output_lock.hpp"
#include "io/output_target.hpp"
#include "io/run_metadata.hpp"
#include "runner/resource_limits.hpp"
#include "runner/run_scenario.hpp"
#include "scenario/build_world.hpp"
#include "scenario/input_error.hpp"
#include "scenario/input_file.hpp"
#include "scenario/reader.hpp"
#include "state/world.hpp"
#include "sweep/sweep_reader.hpp"
#include "sweep/sweep_runner.hpp"
#include "version.hpp"

namespace py = pybind11;
namespace fs = std::filesystem;

namespace alliance::python {

namespace {

// The package's exception classes, set once by alliance/__init__.py; kept
// for the life of the process (never released at interpreter shutdown).
struct ErrorClasses {
  py::object input_error, bad_input, run_failure;
};
ErrorClasses* error_classes = nullptr;

void set_error_classes(py::object input_error, py::object bad_input, py::object run_failure) {
  if (!error_classes) error_classes = new ErrorClasses;
  *error_classes = {std::move(input_error), std::move(bad_input), std::move(run_failure)};
}

// Text as Python str: bytes that are not UTF-8 (a path given as bytes) kept
// as lone surrogates, as os.fsdecode keeps them.
py::object text(const std::string& s) {
  return py::reinterpret_steal<py::object>(
      PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "surrogateescape"));
}

void raise(const py::object& cls, PyObject* fallback, const py::object& value) {
  PyErr_SetObject(cls ? cls.ptr() : fallback, value.ptr());
}

void translate(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const InputError& e) {
    py::list issues;
    for (const auto& i : e.issues()) issues.append(py::make_tuple(text(i.file), i.line, i.column, text(i.key), text(i.message)));
    if (error_classes && error_classes->input_error)
      PyErr_SetObject(error_classes->input_error.ptr(), py::make_tuple(text(e.what()), issues).ptr());
    else
      PyErr_SetObject(PyExc_ValueError, text(e.what()).ptr());
  } catch (const Error& e) {
    const bool bad = e.failure() == Failure::bad_input;
    const py::object& cls = error_classes ? (bad ? error_classes->bad_input : error_classes->run_failure) : py::object();
    raise(cls, bad ? PyExc_ValueError : PyExc_RuntimeError, text(e.what()));
  } catch (const std::bad_alloc&) {
    PyErr_SetString(PyExc_MemoryError, "out of memory");
  } catch (const py::builtin_exception& e) {
    e.set_error();
  } catch (const py::error_already_set& e) {
    py::error_already_set copy = e;
    copy.restore();
  } catch (const std::exception& e) {  // as the CLI: a failure while running
    raise(error_classes ? error_classes->run_failure : py::object(), PyExc_RuntimeError, text(e.what()));
  }
}

// A refusal of the CLI's own checks, with its words and its kind.
[[noreturn]] void refuse(const std::string& message, Failure failure = Failure::bad_input) {
  throw Error(failure, message);
}

// Each override named as the command line names its argument
// (cli/commands.cpp, command_line_overrides), so that a problem with one
// reads in the CLI's words: the package puts `preset` first, then each
// `set`, then `seed` and `replicates` (alliance/__init__.py, _overrides).
std::vector<std::string> override_origins(const std::vector<std::string>& overrides) {
  auto shown = [](const std::string& text) { return text.size() > 80 ? text.substr(0, 60) + "..." : text; };
  auto value_of = [](const std::string& o) { return o.substr(o.find('=') + 1); };
  std::vector<std::string> origins;
  std::size_t set_index = 0;
  for (std::size_t i = 0; i < overrides.size(); ++i) {
    const std::string& o = overrides[i];
    const bool trailing = i + 2 >= overrides.size();
    if (i == 0 && o.rfind("preset=\"", 0) == 0 && o.size() >= 9)
      origins.push_back(shown("--preset " + o.substr(8, o.size() - 9)));
    else if (trailing && o.rfind("simulation.seed=", 0) == 0)
      origins.push_back(shown("--seed " + value_of(o)));
    else if (trailing && o.rfind("simulation.replicates=", 0) == 0)
      origins.push_back(shown("--replicates " + value_of(o)));
    else
      origins.push_back(shown(fmt::format("--set #{} {}", ++set_index, o)));
  }
  return origins;
}

// The file's bytes and its ScenarioDef, as `alliance` reads them (cli/commands.cpp, load).
ScenarioDef load(const std::string& path, const std::vector<std::string>& overrides, std::string& bytes) {
  bytes = read_input_file(path, kScenarioFile);
  return read_scenario_text(bytes, path, overrides, override_origins(overrides));
}

py::dict validate(const std::string& path, const std::vector<std::string>& overrides) {
  std::string bytes;
  std::optional<ScenarioDef> def;
  std::optional<World> world;
  {
    py::gil_scoped_release release;
    def = load(path, overrides, bytes);
    world = build_world(*def);
  }
  const std::string preset = def->preset.empty() ? "none" : def->preset;
  py::dict out;
  out["states"] = world->state_count();
  out["founding_members"] = world->members().size();
  out["rule"] = std::string(rule_name(world->rule.rule));
  out["preset"] = def->preset.empty() ? py::object(py::none()) : py::object(py::str(def->preset));
  out["crises"] = world->crises.size();
  out["events"] = world->params.schedule.size();
  out["steps"] = def->simulation.steps;
  out["step_unit"] = std::string(step_unit_name(def->simulation.step_unit));
  out["replicates"] = def->simulation.replicates;
  out["seed"] = def->simulation.seed;
  out["text"] = text(fmt::format(
      "{}: ok: {} states, {} founding members, rule {}, preset {}, {} crises, {} events, {} steps of a {}, {} replicates",
      path, world->state_count(), world->members().size(), rule_name(world->rule.rule), preset, world->crises.size(),
      world->params.schedule.size(), def->simulation.steps, step_unit_name(def->simulation.step_unit),
      def->simulation.replicates));
  return out;
}

// `alliance run`: every file of the output, by name, as bytes; written into
// `out` as well when it is not empty (atomically, checked and locked first).
py::dict run(const std::string& path, const std::vector<std::string>& overrides, const std::string& tables,
             int threads, const std::string& out_dir, double max_output_gb) {
  std::map<std::string, std::string> files;
  {
    py::gil_scoped_release release;
    std::string why;
    const auto selection = tables.empty() ? std::optional(TableSelection::all()) : TableSelection::parse(tables, why);
    if (!selection) refuse(fmt::format("tables: {}", why));
    std::string bytes;
    const ScenarioDef def = load(path, overrides, bytes);
    fs::path out;
    std::optional<OutputLock> lock;
    if (!out_dir.empty()) {
      out = check_output_directory(out_dir, OutputKind::run, {path});
      lock.emplace(out);
    }
    if (const auto refused = check_resources(def, out, ResourceLimits{max_output_gb}, *selection))
      refuse(refused->message, refused->machine ? Failure::running : Failure::bad_input);
    const RunResult result = run_scenario(def, RunPlan{threads, *selection});
    std::optional<OutputDirectory> dir;
    if (!out.empty()) dir.emplace(out, OutputKind::run);
    emit_run_output(def, result, bytes, overrides,
                    [&](const std::string& file, const std::vector<std::string_view>& parts) {
                      if (dir) dir->write_file(file, parts);
                      std::size_t size = 0;
                      for (const auto& p : parts) size += p.size();
                      std::string& text = files[file];
                      text.reserve(size);
                      for (const auto& p : parts) text += p;
                    });
    if (dir) dir->commit();
  }
  py::dict result;
  for (const auto& [file, text] : files) result[py::str(file)] = py::bytes(text);
  return result;
}


// `alliance graph`: the vertices and ties of the graph after step `at` of
// replicate `replicate`, and the DOT and GraphML text the CLI would write.
py::dict graph(const std::string& path, const std::vector<std::string>& overrides, const std::string& at,
               int replicate) {
  std::optional<ExportGraph> g;
  std::string dot, graphml, date;
  int step = 0;
  {
    py::gil_scoped_release release;
    std::string bytes;
    const ScenarioDef def = load(path, overrides, bytes);
    const StepOfPoint point = step_of_text(at, run_calendar(def.simulation));
    if (!point.step) refuse(fmt::format("at {}: {}", at, point.error));
    step = *point.step;
    if (replicate < 0) refuse(fmt::format("replicate {}: expected a whole number >= 0", replicate));
    if (replicate >= def.simulation.replicates)
      refuse(fmt::format("replicate {} is past the scenario's {} replicates", replicate, def.simulation.replicates));
    Rng rng(replicate_seed(def.simulation.seed, static_cast<std::uint64_t>(replicate)));
    const World world = run_replicate(build_world(def), step + 1, rng, {});
    g = export_graph(world, def.alliance.name);
    std::ostringstream d, m;
    write_graph(d, *g, GraphFormat::dot);
    write_graph(m, *g, GraphFormat::graphml);
    dot = d.str();
    graphml = m.str();
    date = RecordingContext::from(def).dates.at(static_cast<std::size_t>(step));
  }
  py::list nodes, edges;
  for (auto v : boost::make_iterator_range(boost::vertices(*g))) {
    const GraphNode& n = (*g)[v];
    py::dict row;
    row["id"] = n.id;
    row["label"] = n.label;
    row["kind"] = n.kind;
    row["capability"] = n.capability;
    nodes.append(row);
  }
  for (auto e : boost::make_iterator_range(boost::edges(*g))) {
    const GraphTie& t = (*g)[e];
    py::dict row;
    row["source"] = (*g)[boost::source(e, *g)].id;
    row["target"] = (*g)[boost::target(e, *g)].id;
    row["kind"] = t.kind;
    row["weight"] = t.weight;
    row["hollow"] = t.hollow;
    edges.append(row);
  }
  py::dict out;
  out["nodes"] = nodes;
  out["edges"] = edges;
  out["step"] = step;
  out["date"] = date;
  out["dot"] = dot;
  out["graphml"] = graphml;
  return out;
}

// `alliance check` over claim files (folders already expanded by the caller):
// verdicts.csv, datapackage.json, run.json and the verdict table's text;
// with `dry_run`, the claims are checked against their scenarios and nothing runs.
py::dict check(const std::vector<std::string>& files, std::optional<int> replicates, std::optional<std::uint64_t> seed,
               std::optional<int> region_points, int threads, const std::string& out_dir, bool dry_run) {
  std::map<std::string, std::string> written;
  std::size_t unexpected = 0;
  {
    py::gil_scoped_release release;
    const CheckPlan plan{threads, replicates, seed, region_points};
    std::vector<CheckedClaim> claims;
    std::vector<InputIssue> issues;  // of every file, as the CLI reports them all
    for (const auto& file : files) {
      try {
        const std::string bytes = read_input_file(file, kClaimFile);
        const std::string sha256 = sha256_hex(bytes);
        ClaimDef claim = read_claim_text(bytes, file);
        validate_claim(claim, plan);
        claims.push_back({std::move(claim), sha256, {}});
      } catch (const InputError& e) {
        issues.insert(issues.end(), e.issues().begin(), e.issues().end());
      }
    }
    if (!issues.empty()) throw InputError(std::move(issues));
    if (!dry_run) {
      fs::path out;
      std::optional<OutputLock> lock;
      if (!out_dir.empty()) {
        std::vector<fs::path> inputs(files.begin(), files.end());
        for (const auto& c : claims) inputs.push_back(c.claim.scenario);
        out = check_output_directory(out_dir, OutputKind::check, inputs);
        lock.emplace(out);
      }
      for (auto& c : claims) c.outcome = evaluate_claim(c.claim, plan);
      for (auto& [name, bytes] : check_output_files(claims)) written[name] = std::move(bytes);
      written["text"] = verdicts_text(claims);
      unexpected = unexpected_count(claims);
      if (!out.empty()) {
        OutputDirectory dir(out, OutputKind::check);
        for (const auto& [name, bytes] : written)
          if (name != "text") dir.write_file(name, {bytes});
        dir.commit();
      }
    }
  }
  py::dict result;
  for (const auto& [file, text] : written) result[py::str(file)] = py::bytes(text);
  result["unexpected"] = unexpected;
  return result;
}

// `alliance sweep` into `out_dir` (the caller's, or a temporary one); with
// `dry_run`, the design is read and checked against its scenario and its
// size returned, and nothing runs.
py::dict sweep(const std::string& path, const std::string& out_dir, int threads, std::optional<std::pair<std::size_t, std::size_t>> shard,
               bool resume, bool keep_steps, bool dry_run) {
  py::dict result;
  std::optional<PreparedSweep> prepared;
  SweepOutcome outcome;
  {
    py::gil_scoped_release release;
    std::string bytes = read_input_file(path, kSweepFile);
    SweepDef def = read_sweep_text(bytes, path);
    prepared = prepare_sweep(std::move(def), std::move(bytes));
    if (!dry_run) {
      SweepPlan plan;
      plan.out = check_output_directory(out_dir, OutputKind::sweep, {path, prepared->def.scenario});
      plan.threads = threads;
      if (shard) plan.shard = Shard{shard->first, shard->second};
      plan.resume = resume;
      plan.keep_steps = keep_steps;
      outcome = run_sweep(*prepared, plan);
    }
  }
  result["name"] = prepared->def.name;
  result["design"] = design_name(prepared->def.design);
  result["points"] = prepared->points;
  result["replicates"] = prepared->def.replicates;
  result["runs"] = prepared->runs();
  if (!dry_run) {
    result["ok"] = outcome.ok;
    result["failed"] = outcome.failed;
    result["already_finished"] = outcome.already_finished;
  }
  return result;
}

}  // namespace

}  // namespace alliance::python

PYBIND11_MODULE(_alliance, m) {
  using namespace alliance::python;
  m.doc() = "The C++ half of the alliance package; use `import alliance`.";
  m.attr("__version__") = alliance::kVersion;
  // Library log lines (a sweep's progress, a check's timings) at warning and
  // above only, on standard error, as `alliance -q` would.
  if (!spdlog::get("alliance-python")) {
    auto logger = spdlog::stderr_color_mt("alliance-python");
    logger->set_pattern("%^%l%$: %v");
    spdlog::set_default_logger(logger);
  }
  spdlog::set_level(spdlog::level::warn);
  py::register_exception_translator(&translate);
  m.def("_set_error_classes", &set_error_classes);
  m.def("_set_log_level", [](const std::string& level) { spdlog::set_level(spdlog::level::from_str(level)); });
  m.def("validate", &validate, py::arg("path"), py::arg("overrides"));
  m.def("run", &run, py::arg("path"), py::arg("overrides"), py::arg("tables"), py::arg("threads"), py::arg("out"),
        py::arg("max_output_gb"));
  m.def("graph", &graph, py::arg("path"), py::arg("overrides"), py::arg("at"), py::arg("replicate"));
  m.def("check", &check, py::arg("files"), py::arg("replicates"), py::arg("seed"), py::arg("region_points"),
        py::arg("threads"), py::arg("out"), py::arg("dry_run"));
  m.def("sweep", &sweep, py::arg("path"), py::arg("out"), py::arg("threads"), py::arg("shard"), py::arg("resume"),
        py::arg("keep_steps"), py::arg("dry_run"));
}
