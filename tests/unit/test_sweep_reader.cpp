// Sweep files: what a good one reads as, and each mistake named with its
// line and key before anything runs.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "scenario/name_rule.hpp"
#include "sweep/sweep_reader.hpp"
#include "support/files.hpp"

using namespace alliance;

namespace {

const std::filesystem::path kSweepDir = std::filesystem::path(ALLIANCE_SOURCE_DIR) / "scenarios" / "sweeps";

std::string message_of(std::string_view text) {
  try {
    SweepDef def = read_sweep_text(text, (kSweepDir / "test.toml").string());
    prepare_sweep(std::move(def), std::string(text));
  } catch (const InputError& e) {
    std::string all;
    for (const auto& i : e.issues()) all += i.to_string() + "\n";
    return all;
  }
  return "";
}

const char* kGood = R"(scenario = "../kosovo_1998.toml"
design = "grid"
replicates = 3
metrics = ["kosovo_deadlock_months"]

[[parameter]]
path = "alliance.rule"
values = ["consensus", "majority"]

[[parameter]]
path = "alliance.information_sharing"
range = [0.0, 1.0]
levels = 3
)";

}  // namespace

TEST_CASE("a good sweep file reads and prepares") {
  SweepDef def = read_sweep_text(kGood, (kSweepDir / "good.toml").string());
  CHECK(def.name == "good");
  CHECK(def.parameters.size() == 2);
  CHECK(def.parameters[0].literals == std::vector<std::string>{"\"consensus\"", "\"majority\""});
  CHECK(def.parameters[0].cells == std::vector<std::string>{"consensus", "majority"});
  CHECK(def.parameters[1].name == "alliance.information_sharing");
  const PreparedSweep s = prepare_sweep(std::move(def), kGood);
  CHECK(s.points == 6);
  CHECK(s.runs() == 18);
  CHECK(s.metric_index.size() == 1);
}

TEST_CASE("every shipped sweep file prepares") {
  for (const auto& entry : std::filesystem::directory_iterator(kSweepDir)) {
    if (entry.path().extension() != ".toml") continue;
    CAPTURE(entry.path().string());
    SweepDef def = read_sweep_file(entry.path());
    CHECK_NOTHROW(prepare_sweep(std::move(def), test::slurp(entry.path())));
  }
}

TEST_CASE("a path that names nothing in the base scenario is an error at its [[parameter]]") {
  const std::string text = std::string(kGood) + "\n[[parameter]]\npath = \"alliance.informaton_sharing\"\nrange = [0.0, 1.0]\nlevels = 2\n";
  const std::string m = message_of(text);
  INFO(m);
  CHECK(m.find("test.toml:15:1: error: parameter[2].path") != std::string::npos);
  CHECK(m.find("informaton_sharing") != std::string::npos);
}

TEST_CASE("a value the scenario refuses is an error before running") {
  const std::string m = message_of(R"(scenario = "../kosovo_1998.toml"
[[parameter]]
path = "alliance.information_sharing"
range = [0.0, 2.0]
levels = 3
)");
  CHECK(m.find("parameter[0].path") != std::string::npos);
  CHECK(m.find("= 2.0") != std::string::npos);
}

TEST_CASE("mistakes in the sweep file itself name line and key") {
  CHECK(message_of("design = \"grid\"\n[[parameter]]\npath = \"alliance.rule\"\nvalues = [\"consensus\"]\n")
            .find("scenario") != std::string::npos);
  CHECK(message_of("scenario = \"../kosovo_1998.toml\"\ndesign = \"sobol\"\n").find(":2:") != std::string::npos);
  CHECK(message_of("scenario = \"../kosovo_1998.toml\"\ndesign = \"sobol\"\n").find("saltelli") != std::string::npos);
  CHECK(message_of("scenario = \"../kosovo_1998.toml\"\ndesign = \"lhs\"\n[[parameter]]\npath = \"alliance.rule\"\n"
                   "values = [\"consensus\"]\n")
            .find("samples") != std::string::npos);
  CHECK(message_of("scenario = \"../kosovo_1998.toml\"\n[[parameter]]\npath = \"alliance.information_sharing\"\n"
                   "range = [0.0, 1.0]\n")
            .find("levels") != std::string::npos);
  CHECK(message_of("scenario = \"../kosovo_1998.toml\"\n[[parameter]]\npath = \"simulation.seed\"\n"
                   "values = [1, 2]\n")
            .find("set by the sweep") != std::string::npos);
  CHECK(message_of("scenario = \"../kosovo_1998.toml\"\n[[parameter]]\npath = \"alliance.rule\"\n"
                   "values = [\"consensus\"]\nrange = [0, 1]\n")
            .find("not both") != std::string::npos);
  CHECK(message_of("scenario = \"../kosovo_1998.toml\"\n[[parameter]]\npath = \"x.y\"\nrange = [1, 0]\nlevels = 2\n")
            .find("low < high") != std::string::npos);
  CHECK(message_of("scenario = \"../kosovo_1998.toml\"\n[[parameter]]\npath = \"alliance.information_sharing\"\n"
                   "range = [0.0, 1.0]\ndistribution = \"log-uniform\"\nlevels = 2\n")
            .find("low > 0") != std::string::npos);
  CHECK(message_of("scenario = \"../kosovo_1998.toml\"\nreplicatse = 3\n[[parameter]]\npath = \"alliance.rule\"\n"
                   "values = [\"consensus\"]\n")
            .find("replicatse") != std::string::npos);
  CHECK(message_of("scenario = \"../no_such.toml\"\n[[parameter]]\npath = \"alliance.rule\"\nvalues = [\"consensus\"]\n")
            .find("cannot open the scenario file") != std::string::npos);
}

TEST_CASE("a metric that is no summary column is an error with the nearest name") {
  const std::string m = message_of(R"(scenario = "../kosovo_1998.toml"
metrics = ["kosovo_deadlock_month"]
[[parameter]]
path = "alliance.rule"
values = ["consensus", "majority"]
)");
  CHECK(m.find("kosovo_deadlock_months") != std::string::npos);
}

TEST_CASE("a design beyond a billion runs is refused") {
  const std::string m = message_of(R"(scenario = "../kosovo_1998.toml"
design = "random"
samples = 100000000
replicates = 100
[[parameter]]
path = "alliance.rule"
values = ["consensus", "majority"]
)");
  CHECK(m.find("more than") != std::string::npos);
}

TEST_CASE("a sweep's name is one folder name, checked at its line") {
  auto name_error = [](const std::string& name) {
    return message_of("name = \"" + name + "\"\nscenario = \"../kosovo_1998.toml\"\n[[parameter]]\n"
                      "path = \"alliance.rule\"\nvalues = [\"consensus\"]\n");
  };
  for (const std::string& bad : std::vector<std::string>{"../../x", "/tmp/x", "", ".", "..", ".hidden", "-o", "a b", "x/", "tab\\t",
                                std::string(kMaxNameLength + 1, 'n')}) {
    CAPTURE(bad);
    const std::string m = name_error(bad);
    CHECK(m.find("test.toml:1:8: error: name: ") != std::string::npos);
    CHECK(m.find("cannot name the output folder results/<name>") != std::string::npos);
  }
  for (const std::string& good : std::vector<std::string>{"kosovo_rules", "run-2.b", "_x", "9", std::string(kMaxNameLength, 'n')}) {
    CAPTURE(good);
    CHECK(name_error(good).empty());
  }
  // A name of another type is reported as such, once.
  CHECK(message_of("name = 5\nscenario = \"../kosovo_1998.toml\"\n[[parameter]]\npath = \"alliance.rule\"\n"
                   "values = [\"consensus\"]\n")
            .find("name: expected a string, got an integer") != std::string::npos);
}

TEST_CASE("without `name`, the file's stem must be a folder name") {
  const std::string text = "scenario = \"../kosovo_1998.toml\"\n[[parameter]]\npath = \"alliance.rule\"\n"
                           "values = [\"consensus\"]\n";
  CHECK(read_sweep_text(text, (kSweepDir / "kosovo-rules.v2.toml").string()).name == "kosovo-rules.v2");
  for (const char* file : {"..toml", "a b.toml", ".hidden.toml"}) {
    CAPTURE(file);
    try {
      read_sweep_text(text, (kSweepDir / file).string());
      FAIL("the stem passed");
    } catch (const InputError& e) {
      CHECK(e.issues()[0].key == "name");
      CHECK(e.issues()[0].message.find("add name = ") != std::string::npos);
    }
  }
}

TEST_CASE("the base scenario's own errors keep their line and column; an unreadable one says why") {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "alliance-test-sweep-base";
  std::filesystem::create_directories(dir);
  std::string base = test::slurp(std::filesystem::path(ALLIANCE_SOURCE_DIR) / "scenarios" / "teaching_triad.toml");
  const auto at = base.find("steps = ");
  REQUIRE(at != std::string::npos);
  const int line = 1 + static_cast<int>(std::count(base.begin(), base.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
  base.replace(at, 8, "steps = \"many\" #");
  {
    std::ofstream out(dir / "base.toml");
    out << base;
  }
  const std::string sweep = "scenario = \"base.toml\"\n[[parameter]]\npath = \"alliance.rule\"\nvalues = [\"consensus\"]\n";
  try {
    prepare_sweep(read_sweep_text(sweep, (dir / "s.toml").string()), sweep);
    FAIL("a broken base scenario passed");
  } catch (const InputError& e) {
    CHECK(e.issues()[0].to_string().find(fmt::format("base.toml:{}:9: error: simulation.steps", line)) !=
          std::string::npos);
  }
  const std::string missing = "# the base\nscenario  = \"nope.toml\"\n[[parameter]]\npath = \"alliance.rule\"\n"
                              "values = [\"consensus\"]\n";
  try {
    prepare_sweep(read_sweep_text(missing, (dir / "s.toml").string()), missing);
    FAIL("a missing base scenario passed");
  } catch (const InputError& e) {
    CHECK(e.issues()[0].line == 2);
    CHECK(e.issues()[0].column == 13);
    CHECK(e.issues()[0].message.find("cannot open the scenario file: it does not exist") != std::string::npos);
  }
  std::filesystem::remove_all(dir);
}
