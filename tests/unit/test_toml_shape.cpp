// The shape limits checked before toml++ sees a text (issue 13: a key of
// 35,000 parts overflowed its stack): just under each limit passes, just
// over fails at the right line and column, and dots and brackets inside
// strings and comments are not counted.
#include <doctest/doctest.h>

#include <string>

#include "scenario/input_error.hpp"
#include "scenario/table_reader.hpp"
#include "scenario/toml_shape.hpp"
#include "support/scenarios.hpp"

using namespace alliance;

namespace {

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// a.a.a... with `parts` parts.
std::string dotted(int parts) { return "a" + repeat(".a", parts - 1); }

// The issue check_toml_shape raises, or nullopt when the text passes.
std::optional<InputIssue> issue_of(const std::string& text) {
  try {
    check_toml_shape(text, "t.toml");
  } catch (const InputError& e) {
    REQUIRE(e.issues().size() == 1);
    return e.issues()[0];
  }
  return std::nullopt;
}

bool mentions(const std::optional<InputIssue>& issue, const std::string& part) {
  return issue && issue->message.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("a dotted key of 64 parts passes, of 65 fails at the key") {
  CHECK_FALSE(issue_of(dotted(kMaxKeyParts) + " = 1\n"));
  const auto issue = issue_of("x = 1\n  " + dotted(kMaxKeyParts + 1) + " = 1\n");
  REQUIRE(issue);
  CHECK(issue->file == "t.toml");
  CHECK(issue->line == 2);
  CHECK(issue->column == 3);
  CHECK(mentions(issue, "more than 64 parts"));
  // Spaces around the dots and quoted parts count the same.
  CHECK(issue_of("\"q\" . " + repeat("b . ", kMaxKeyParts) + "c = 1\n"));
  CHECK_FALSE(issue_of("'q' . " + repeat("b . ", kMaxKeyParts - 2) + "c = 1\n"));
}

TEST_CASE("a table header of 64 parts passes, of 65 fails; so do arrays of tables") {
  CHECK_FALSE(issue_of("[" + dotted(kMaxKeyParts) + "]\nx = 1\n"));
  CHECK_FALSE(issue_of("[[" + dotted(kMaxKeyParts) + "]]\nx = 1\n"));
  const auto table = issue_of("[" + dotted(kMaxKeyParts + 1) + "]\n");
  REQUIRE(table);
  CHECK(table->line == 1);
  CHECK(table->column == 2);
  CHECK(issue_of("[[ " + dotted(kMaxKeyParts + 1) + " ]]\n"));
}

TEST_CASE("keys inside inline tables are limited too") {
  CHECK_FALSE(issue_of("x = { " + dotted(kMaxKeyParts) + " = 1 }\n"));
  CHECK(issue_of("x = { y = 2, " + dotted(kMaxKeyParts + 1) + " = 1 }\n"));
  CHECK(issue_of("x = [ { " + dotted(kMaxKeyParts + 1) + " = 1 } ]\n"));
}

TEST_CASE("arrays and inline tables nest 64 deep, not 65") {
  CHECK_FALSE(issue_of("v = " + repeat("[", kMaxNesting) + repeat("]", kMaxNesting) + "\n"));
  CHECK_FALSE(issue_of("v = " + repeat("{a = ", kMaxNesting) + "1" + repeat("}", kMaxNesting) + "\n"));
  const auto arrays = issue_of("v = " + repeat("[", kMaxNesting + 1) + repeat("]", kMaxNesting + 1) + "\n");
  REQUIRE(arrays);
  CHECK(arrays->line == 1);
  CHECK(arrays->column == 5 + kMaxNesting);  // the 65th bracket
  CHECK(mentions(arrays, "nested more than 64 deep"));
  CHECK(issue_of("v = " + repeat("[{a = ", 33) + "1" + repeat("}]", 33) + "\n"));
  // Closed brackets do not add up: many arrays one after another are fine.
  CHECK_FALSE(issue_of("v = [" + repeat("[[1]], ", 1000) + "]\n"));
  // A multi-line array continues over its lines.
  CHECK(issue_of("v = [\n" + repeat("[\n", kMaxNesting) + "]\n"));
}

TEST_CASE("dots and brackets in strings and comments do not count") {
  const std::string dots = repeat(".", 10'000);
  const std::string brackets = repeat("[{", 10'000);
  CHECK_FALSE(issue_of("x = \"" + dots + brackets + "\"\n"));
  CHECK_FALSE(issue_of("x = '" + dots + brackets + "'\n"));
  CHECK_FALSE(issue_of("x = \"\"\"\n" + dots + "\n" + brackets + "\n\"\"\"\n"));
  CHECK_FALSE(issue_of("x = '''\n" + dots + "\n" + brackets + "\n'''\n"));
  CHECK_FALSE(issue_of("# " + dots + brackets + "\nx = 1\n"));
  CHECK_FALSE(issue_of("x = 1 # " + dotted(10'000) + "\n"));
  CHECK_FALSE(issue_of("\"" + dots + "\" = 1\n"));  // one quoted part
  CHECK_FALSE(issue_of("['" + dots + "']\nx = 1\n"));
  // Escaped quotes do not end a basic string; a literal string has no escapes.
  CHECK_FALSE(issue_of("x = \"a\\\"" + dots + brackets + "\"\n"));
  CHECK(issue_of("x = 'a\\'\n" + dotted(kMaxKeyParts + 1) + " = 1\n"));
  // Up to two quotes end a multi-line string's text: """a""""" is a"".
  CHECK_FALSE(issue_of("x = \"\"\"a\"\"\"\"\"\ny = \"" + brackets + "\"\n"));
  CHECK_FALSE(issue_of("x = '''a'''''\ny = '" + brackets + "'\n"));
  // A string does not hide what follows it.
  const auto after = issue_of("x = \"[[[\"\n" + dotted(kMaxKeyParts + 1) + " = 1\n");
  REQUIRE(after);
  CHECK(after->line == 2);
}

TEST_CASE("dots in values are not key parts") {
  CHECK_FALSE(issue_of("v = [" + repeat("1.5, ", 1000) + "]\n"));
  CHECK_FALSE(issue_of("d = 1979-05-27T07:32:00.999999Z\n"));
}

TEST_CASE("columns count characters, not bytes, as toml++ does") {
  const auto issue = issue_of("x = \"\xC3\xA9\xC3\xA9\" # \xC3\xA9\n\xC3\xA9 = 1\n\"\xC3\xA9\"." + dotted(kMaxKeyParts) + " = 1\n");
  REQUIRE(issue);
  CHECK(issue->line == 3);
  CHECK(issue->column == 1);
  const auto later = issue_of("x = [\"\xC3\xA9\xC3\xA9\", " + repeat("[", kMaxNesting) + "]\n");
  REQUIRE(later);
  CHECK(later->column == 11 + kMaxNesting);  // x = ["éé", is 11 characters
}

TEST_CASE("parse_toml applies the limits before parsing") {
  try {
    parse_toml("[simulation]\n" + dotted(35'000) + " = 1\n", "deep.toml");
    FAIL("a key of 35,000 parts parsed");
  } catch (const InputError& e) {
    CHECK(e.issues()[0].to_string().rfind("deep.toml:2:1: error: a dotted key", 0) == 0);
  }
  CHECK_THROWS_AS(parse_toml("[" + dotted(35'000) + "]\n", "deep.toml"), InputError);
  CHECK_THROWS_AS(parse_toml("v = " + repeat("{a = ", 1000) + "1" + repeat("}", 1000), "deep.toml"), InputError);
  CHECK_NOTHROW(parse_toml(dotted(kMaxKeyParts) + " = 1\n", "ok.toml"));
}

TEST_CASE("--set keeps the same limits, for its key path and for its value") {
  CHECK_THROWS_AS(test::line_scenario({dotted(35'000) + "=1"}), InputError);
  try {
    test::line_scenario({dotted(kMaxKeyParts + 1) + "=1"});
    FAIL("a --set path of 65 parts passed");
  } catch (const InputError& e) {
    CHECK(e.issues()[0].message.find("65 parts; the limit is 64") != std::string::npos);
    CHECK(e.issues()[0].key.size() < 80);  // the assignment is cut in the message
  }
  // 64 parts pass the guard; the reader then reports the unknown key.
  try {
    test::line_scenario({dotted(kMaxKeyParts) + "=1"});
    FAIL("an unknown key passed");
  } catch (const InputError& e) {
    CHECK(e.issues()[0].message.find("unknown key") != std::string::npos);
  }
  // The value is not taken as a string when it is too deep to parse.
  try {
    test::line_scenario({"alliance.name={" + dotted(35'000) + "=1}"});
    FAIL("a deep value passed");
  } catch (const InputError& e) {
    CHECK(e.issues()[0].message.find("the value: a dotted key") != std::string::npos);
  }
  CHECK_THROWS_AS(test::line_scenario({"alliance.name=" + repeat("[", kMaxNesting + 1)}), InputError);
  // Strings with dots and brackets are still values.
  const ScenarioDef def = test::line_scenario({"alliance.name=\"" + repeat("[.]", 100) + "\""});
  CHECK(def.alliance.name == repeat("[.]", 100));
}
