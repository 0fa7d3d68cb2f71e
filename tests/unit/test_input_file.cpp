// Every file the program reads: a regular file under its kind's limit, or
// an InputError naming the file and saying why, at once (a FIFO never hangs,
// /dev/zero is never read).
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include <sys/stat.h>
#include <unistd.h>

#include "scenario/input_file.hpp"
#include "support/files.hpp"
#include "scenario/input_error.hpp"

using namespace alliance;
namespace fs = std::filesystem;

namespace {

using test::TempDir;

void write(const fs::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary);
  out << bytes;
}

// The message of the InputError reading `path` gives ("" when it reads).
std::string refusal(const fs::path& path, const InputKind& kind = kScenarioFile) {
  try {
    read_input_file(path, kind);
  } catch (const InputError& e) {
    REQUIRE(e.issues().size() == 1);
    CHECK(e.issues()[0].file == path.string());
    return e.issues()[0].message;
  }
  return "";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a regular file is read whole") {
  TempDir dir;
  write(dir.path / "a.toml", "x = 1\n");
  CHECK(read_input_file(dir.path / "a.toml", kScenarioFile) == "x = 1\n");
  write(dir.path / "empty.toml", "");
  CHECK(read_input_file(dir.path / "empty.toml", kSweepFile).empty());
  // Through a symbolic link: the file it names.
  fs::create_symlink(dir.path / "a.toml", dir.path / "link.toml");
  CHECK(read_input_file(dir.path / "link.toml", kClaimFile) == "x = 1\n");
}

TEST_CASE("a missing file, a dangling link and a directory are refused, saying which") {
  TempDir dir;
  CHECK(refusal(dir.path / "nope.toml") == "cannot open the scenario file: it does not exist");
  fs::create_symlink(dir.path / "gone.toml", dir.path / "dangling.toml");
  CHECK(contains(refusal(dir.path / "dangling.toml"), "symbolic link to a file that does not exist"));
  CHECK(refusal(dir.path) == "cannot open the scenario file: it is a directory");
  CHECK(contains(refusal(dir.path / "nope" / "x.toml", kSweepFile), "cannot open the sweep file"));
}

TEST_CASE("a FIFO is refused at once, without waiting for a writer") {
  TempDir dir;
  const fs::path fifo = dir.path / "pipe.toml";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const auto started = std::chrono::steady_clock::now();
  CHECK(contains(refusal(fifo), "it is a FIFO (named pipe), not a regular file"));
  CHECK_THROWS_AS(require_regular_file(fifo, "runs table"), InputError);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
}

TEST_CASE("devices are refused without being read") {
  CHECK(contains(refusal("/dev/zero", kSweepFile), "it is a device (like /dev/zero), not a regular file"));
  CHECK(contains(refusal("/dev/null", kClaimFile), "not a regular file"));
  CHECK_THROWS_AS(require_regular_file("/dev/zero", "points table"), InputError);
}

TEST_CASE("a file over its kind's limit is refused; one at the limit is read") {
  TempDir dir;
  write(dir.path / "at.toml", std::string(kSweepFile.max_bytes, '#'));
  CHECK(read_input_file(dir.path / "at.toml", kSweepFile).size() == kSweepFile.max_bytes);
  write(dir.path / "over.toml", std::string(kSweepFile.max_bytes + 1, '#'));
  const std::string why = refusal(dir.path / "over.toml", kSweepFile);
  CHECK(contains(why, "cannot read the sweep file: it is larger than the limit of 1 MB"));
  CHECK(contains(why, "is it the right file?"));
  // The same file is well under a scenario's 16 MB.
  CHECK(read_input_file(dir.path / "over.toml", kScenarioFile).size() == kSweepFile.max_bytes + 1);
  CHECK(kScenarioFile.max_bytes == std::size_t{16} << 20);
  CHECK(kClaimFile.max_bytes == std::size_t{1} << 20);
  CHECK(kMetadataFile.max_bytes == std::size_t{16} << 20);
}

TEST_CASE("an unreadable file is refused with the system's reason") {
  if (::geteuid() == 0) return;  // root reads anything; tests/e2e/hostile_inputs.sh checks it as nobody
  TempDir dir;
  write(dir.path / "secret.toml", "x = 1\n");
  fs::permissions(dir.path / "secret.toml", fs::perms::none);
  CHECK(refusal(dir.path / "secret.toml") == "cannot open the scenario file: Permission denied");
}

TEST_CASE("require_regular_file passes regular files and says why for the rest") {
  TempDir dir;
  write(dir.path / "runs.csv", "run\n");
  CHECK_NOTHROW(require_regular_file(dir.path / "runs.csv", "runs table"));
  try {
    require_regular_file(dir.path, "runs table");
    FAIL("a directory passed");
  } catch (const InputError& e) {
    CHECK(e.issues()[0].message == "cannot open the runs table: it is a directory");
  }
  try {
    require_regular_file(dir.path / "missing.csv", "runs table");
    FAIL("a missing file passed");
  } catch (const InputError& e) {
    CHECK(e.issues()[0].message == "cannot open the runs table: it does not exist");
  }
}
