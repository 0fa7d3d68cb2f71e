// The ordered writer: runs finished in any order are written in run order,
// and a writer killed at any point resumes without losing or repeating a run.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "support/files.hpp"
#include "sweep/ordered_writer.hpp"

using namespace alliance;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("alliance_ow_" + std::to_string(::getpid()));
  TempDir() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

const SweepHeaders kHeaders{"run,x\n", "run,error\n", ""};

SweepRecord record(std::size_t run) {
  SweepRecord r;
  r.run = run;
  r.failed = run % 5 == 4;
  r.row = r.failed ? std::to_string(run) + ",boom\n" : std::to_string(run) + "," + std::to_string(run * run) + "\n";
  return r;
}

std::string expected_runs(std::size_t n, const Shard& shard = {}) {
  std::string s = kHeaders.runs;
  for (std::size_t i = 0; i < n; ++i)
    if (i % shard.count == shard.index && i % 5 != 4) s += record(i).row;
  return s;
}

}  // namespace

TEST_CASE("records handed over out of order are written in order") {
  TempDir dir;
  {
    OrderedWriter w(dir.path, {}, 10, kHeaders, false);
    for (const std::size_t run : {3u, 1u, 0u, 2u, 9u, 5u, 4u, 6u, 8u, 7u}) w.record(record(run));
    CHECK(w.done() == 10);
    CHECK(w.ok() == 8);
    CHECK(w.failed() == 2);
    w.finish();
  }
  CHECK(test::slurp(dir.path / "runs.csv") == expected_runs(10));
  CHECK(test::slurp(dir.path / "failures.csv") == "run,error\n4,boom\n9,boom\n");
  CHECK_FALSE(fs::exists(dir.path / "journal"));
}

TEST_CASE("a shard writes its own runs only") {
  TempDir dir;
  const Shard shard{1, 3};
  OrderedWriter w(dir.path, shard, 10, kHeaders, false);
  CHECK(w.owned() == 3);  // runs 1, 4, 7
  for (const std::size_t run : {7u, 1u, 4u}) w.record(record(run));
  w.finish();
  CHECK(test::slurp(dir.path / "runs.csv") == expected_runs(10, shard));
}

TEST_CASE("after a kill: a torn line is dropped, journaled runs come back, none is repeated") {
  TempDir dir;
  {
    OrderedWriter w(dir.path, {}, 12, kHeaders, false);
    for (const std::size_t run : {0u, 1u, 2u, 5u, 6u}) w.record(record(run));  // 5, 6 wait in the journal
    // the process dies here: no finish()
  }
  {  // and the kill tore a line being written
    std::ofstream runs(dir.path / "runs.csv", std::ios::app);
    runs << "3,9";
  }
  OrderedWriter w(dir.path, {}, 12, kHeaders, true);
  CHECK(w.first_unwritten() == 3);
  CHECK(w.finished_before(5));
  CHECK(w.finished_before(6));
  CHECK_FALSE(w.finished_before(4));
  CHECK(w.done() == 5);
  for (std::size_t run = 3; run < 12; ++run)
    if (!w.finished_before(run)) w.record(record(run));
  w.finish();
  CHECK(test::slurp(dir.path / "runs.csv") == expected_runs(12));
  CHECK(test::slurp(dir.path / "failures.csv") == "run,error\n4,boom\n9,boom\n");
}

TEST_CASE("a file that is not this sweep's is not resumed over") {
  TempDir dir;
  {
    std::ofstream runs(dir.path / "runs.csv");
    runs << "something,else\n1,2\n";
  }
  CHECK_THROWS(OrderedWriter(dir.path, {}, 4, kHeaders, true));
}

TEST_CASE("leading_run reads the run column") {
  CHECK(leading_run("12,3,4") == 12u);
  CHECK(leading_run("7 0 3 0") == 7u);
  CHECK_FALSE(leading_run("run,point").has_value());
  CHECK_FALSE(leading_run("12").has_value());
}
