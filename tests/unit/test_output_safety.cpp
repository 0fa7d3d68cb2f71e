// What makes a folder replaceable (manifest.json), the one output path
// check, and the output lock.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "io/output_directory.hpp"
#include "io/output_lock.hpp"
#include "io/output_manifest.hpp"
#include "io/output_target.hpp"
#include "support/files.hpp"

using namespace alliance;
namespace fs = std::filesystem;

namespace {

using test::TempDir;

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

// An output of `kind` with two files, one in a subfolder, finished with its manifest.
fs::path finished_output(const fs::path& dir, OutputKind kind) {
  write(dir / "a.csv", "x,y\n1,2\n");
  write(dir / "inputs" / "b.toml", "k = 1\n");
  write_manifest(dir, kind);
  return dir;
}

}  // namespace

TEST_CASE("a manifest lists every file with its size and SHA-256, and nothing else") {
  TempDir t;
  const fs::path out = finished_output(t.path / "out", OutputKind::run);
  std::string why;
  const auto m = read_manifest(out, why);
  REQUIRE(m);
  CHECK(m->program == "alliance");
  CHECK(m->kind == "run");
  REQUIRE(m->files.size() == 2);
  CHECK(m->files[0].path == "a.csv");
  CHECK(m->files[0].bytes == 8);
  CHECK(m->files[0].sha256.size() == 64);
  CHECK(m->files[1].path == "inputs/b.toml");
  CHECK(manifest_differences(out).empty());
}

TEST_CASE("only an untouched output of the same kind is replaceable") {
  TempDir t;
  const fs::path out = finished_output(t.path / "out", OutputKind::sweep);
  CHECK_FALSE(why_not_replaceable(out, OutputKind::sweep));
  CHECK(why_not_replaceable(out, OutputKind::run));
  CHECK(why_not_replaceable(out, OutputKind::check));

  SUBCASE("a file added") {
    write(out / "notes.txt", "mine");
    CHECK(why_not_replaceable(out, OutputKind::sweep)->find("notes.txt") != std::string::npos);
  }
  SUBCASE("a file grown") {
    std::ofstream(out / "a.csv", std::ios::app) << "3,4\n";
    CHECK(why_not_replaceable(out, OutputKind::sweep)->find("a.csv has changed") != std::string::npos);
  }
  SUBCASE("a link inside") {
    fs::create_symlink("/", out / "root");
    CHECK(why_not_replaceable(out, OutputKind::sweep)->find("symbolic link") != std::string::npos);
  }
  SUBCASE("a file removed is no obstacle: nothing of the user's is lost") {
    fs::remove(out / "a.csv");
    CHECK_FALSE(why_not_replaceable(out, OutputKind::sweep));
    CHECK(manifest_differences(out).size() == 1);
  }
  SUBCASE("the same size, other bytes: replaceable, but verify sees it") {
    write(out / "a.csv", "x,y\n9,2\n");
    CHECK_FALSE(why_not_replaceable(out, OutputKind::sweep));
    REQUIRE(manifest_differences(out).size() == 1);
    CHECK(manifest_differences(out)[0].find("edited") != std::string::npos);
  }
}

TEST_CASE("a file added to a manifest is listed; a file of the user's is never adopted") {
  TempDir t;
  const fs::path out = finished_output(t.path / "out", OutputKind::sweep);
  write(out / "sensitivity.csv", "metric,parameter\n");
  add_to_manifest(out, "sensitivity.csv");
  CHECK_FALSE(why_not_replaceable(out, OutputKind::sweep));
  CHECK(manifest_differences(out).empty());
  write(out / "notes.txt", "mine");
  write(out / "sensitivity.csv", "metric,parameter,s1\n");
  add_to_manifest(out, "sensitivity.csv");
  CHECK(why_not_replaceable(out, OutputKind::sweep));  // notes.txt still not ours
}

TEST_CASE("a marker file alone proves nothing") {
  TempDir t;
  for (const char* marker : {"run.json", "sweep.json"}) {
    const fs::path dir = t.path / marker;
    write(dir / marker, "{}");
    write(dir / "chapter1.tex", "precious");
    CHECK_THROWS_AS(check_output_directory(dir, OutputKind::run), OutputPathError);
    CHECK_THROWS_AS(check_output_directory(dir, OutputKind::sweep), OutputPathError);
  }
  const fs::path forged = t.path / "forged";
  write(forged / "manifest.json", R"({"program": "other", "kind": "run", "files": []})");
  CHECK_THROWS_AS(check_output_directory(forged, OutputKind::run), OutputPathError);
}

TEST_CASE("the output path check") {
  TempDir t;
  CHECK(check_output_directory(t.path / "new" / "out", OutputKind::run) == t.path / "new" / "out");
  CHECK(check_output_directory((t.path / "x").string() + "///", OutputKind::run) == t.path / "x");
  fs::create_directories(t.path / "empty");
  CHECK(check_output_directory(t.path / "empty", OutputKind::check) == t.path / "empty");
  CHECK_THROWS_AS(check_output_directory("", OutputKind::run), OutputPathError);
  CHECK_THROWS_AS(check_output_directory("/", OutputKind::run), OutputPathError);
  CHECK_THROWS_AS(check_output_directory(".", OutputKind::run), OutputPathError);
  CHECK_THROWS_AS(check_output_directory("..", OutputKind::run), OutputPathError);
  CHECK_THROWS_AS(check_output_directory(t.path / "a" / "..", OutputKind::run), OutputPathError);

  SUBCASE("links, whatever they point to") {
    fs::create_directories(t.path / "real");
    fs::create_directory_symlink(t.path / "real", t.path / "link");
    fs::create_symlink(t.path / "nowhere", t.path / "dangling");
    fs::create_symlink(t.path / "loop", t.path / "loop");
    for (const char* l : {"link", "dangling", "loop"})
      CHECK_THROWS_AS(check_output_directory(t.path / l, OutputKind::run), OutputPathError);
  }
  SUBCASE("a file, and a path under a file") {
    write(t.path / "f", "x");
    CHECK_THROWS_AS(check_output_directory(t.path / "f", OutputKind::run), OutputPathError);
    CHECK_THROWS_AS(check_output_directory(t.path / "f" / "out", OutputKind::run), OutputPathError);
    CHECK(check_output_file(t.path / "f") == t.path / "f");  // a file may replace a file
    CHECK_THROWS_AS(check_output_file(t.path / "f" / ""), OutputPathError);
  }
  SUBCASE("a folder holding an input, or the input itself") {
    write(t.path / "in" / "s.toml", "x");
    CHECK_THROWS_AS(check_output_directory(t.path / "in", OutputKind::run, {t.path / "in" / "s.toml"}),
                    OutputPathError);
    CHECK_THROWS_AS(check_output_file(t.path / "in" / "s.toml", {t.path / "in" / "s.toml"}), OutputPathError);
    CHECK_THROWS_AS(check_output_directory(t.path, OutputKind::run, {t.path / "in" / "s.toml"}), OutputPathError);
  }
  SUBCASE("the working directory and what holds it, and the home folder") {
    const fs::path before = fs::current_path();
    fs::create_directories(t.path / "cwd" / "deep");
    fs::current_path(t.path / "cwd" / "deep");
    CHECK_THROWS_AS(check_output_directory(t.path / "cwd" / "deep", OutputKind::run), OutputPathError);
    CHECK_THROWS_AS(check_output_directory(t.path / "cwd", OutputKind::run), OutputPathError);
    CHECK(check_output_directory("sub", OutputKind::run) == "sub");
    fs::current_path(before);
    const char* home = std::getenv("HOME");
    const std::string saved = home ? home : "";
    ::setenv("HOME", (t.path / "home").c_str(), 1);
    fs::create_directories(t.path / "home");
    CHECK_THROWS_AS(check_output_directory(t.path / "home", OutputKind::run), OutputPathError);
    if (home) ::setenv("HOME", saved.c_str(), 1);
    else ::unsetenv("HOME");
  }
}

TEST_CASE("an output's lock is exclusive, named, and gone once released") {
  TempDir t;
  const fs::path out = t.path / "out";
  {
    OutputLock first(out);
    CHECK(fs::exists(OutputLock::lock_path(out)));
    // flock(2) locks belong to an open file, so a second lock conflicts even
    // within one process: as a second process's would.
    try {
      OutputLock second(out);
      FAIL("a second lock was granted");
    } catch (const OutputBusyError& e) {
      CHECK(std::string(e.what()).find(std::to_string(::getpid())) != std::string::npos);
    }
  }
  CHECK_FALSE(fs::exists(OutputLock::lock_path(out)));
  // A lock file left by a process that ended (no flock held) never blocks.
  write(OutputLock::lock_path(out), "process 1 on elsewhere\n");
  OutputLock again(out);
  CHECK(fs::exists(OutputLock::lock_path(out)));
}

TEST_CASE("commit removes stray temporary files and writes the manifest last") {
  TempDir t;
  const fs::path out = t.path / "out";
  {
    OutputDirectory dir(out, OutputKind::check);
    dir.write_file("verdicts.csv", {"a\n"});
    write(dir.staging_path() / ".run.json.tmp-12345", "torn");
    dir.commit();
  }
  CHECK(fs::exists(out / "verdicts.csv"));
  CHECK(fs::exists(out / "manifest.json"));
  CHECK_FALSE(fs::exists(out / ".run.json.tmp-12345"));
  CHECK(manifest_differences(out).empty());
  // The next check replaces it; a run may not.
  CHECK_NOTHROW(OutputDirectory(out, OutputKind::check));
  CHECK_THROWS_AS(OutputDirectory(out, OutputKind::run), OutputPathError);
}
