#include "scenario/toml_shape.hpp"

#include <vector>

#include <fmt/format.h>

#include "scenario/input_error.hpp"

namespace alliance {

namespace {

// A position in the text as toml++ reports it: 1-based line, and column in
// code points.
struct Position {
  int line = 1;
  int column = 1;
};

class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool done() const { return i_ >= text_.size(); }
  char peek(std::size_t ahead = 0) const { return i_ + ahead < text_.size() ? text_[i_ + ahead] : '\0'; }
  bool at(std::string_view s) const { return text_.substr(i_, s.size()) == s; }
  Position position() const { return at_; }

  void advance() {
    const auto c = static_cast<unsigned char>(text_[i_++]);
    if (c == '\n') at_ = {at_.line + 1, 1};
    else if ((c & 0xC0) != 0x80) ++at_.column;  // not a UTF-8 continuation byte
  }

  // Past a string starting here: "...", '...', """...""" or '''...'''.
  void skip_string() {
    const char quote = peek();
    const bool basic = quote == '"';
    if (at(basic ? "\"\"\"" : "'''")) {
      for (int k = 0; k < 3; ++k) advance();
      while (!done()) {
        if (basic && peek() == '\\') {
          advance();
          if (!done()) advance();
          continue;
        }
        if (peek() == quote && peek(1) == quote && peek(2) == quote) {
          // Up to two more quotes belong to the string: """a""""" is a"".
          for (int k = 0; k < 5 && peek() == quote; ++k) advance();
          return;
        }
        advance();
      }
      return;
    }
    advance();
    while (!done() && peek() != '\n') {  // a line break ends a bad string: the parser reports it
      const char c = peek();
      advance();
      if (c == quote) return;
      if (basic && c == '\\' && !done() && peek() != '\n') advance();
    }
  }

  void skip(int bytes) {
    for (int k = 0; k < bytes && !done(); ++k) ++i_;
  }

  void skip_comment() {
    while (!done() && peek() != '\n') advance();
  }

 private:
  std::string_view text_;
  std::size_t i_ = 0;
  Position at_;
};

bool is_bare_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

class ShapeCheck {
 public:
  ShapeCheck(std::string_view text, const std::string& source) : cursor_(text), source_(source) {}

  void run() {
    if (cursor_.at("\xEF\xBB\xBF")) cursor_.skip(3);  // a byte order mark, so that the first line is a line's start
    while (!cursor_.done()) {
      const char c = cursor_.peek();
      if (c == '\n') {
        cursor_.advance();
        end_key();
        if (open_.empty()) expect_ = Expect::key;  // in an array, a line break continues the value
        header_ = false;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        cursor_.advance();  // `a . b` is a dotted key too
      } else if (c == '#') {
        cursor_.skip_comment();
      } else if (!(in_key_position() && read_key_char(c))) {
        read_value_char(c);  // a value, or no key's character where a key was expected
      }
    }
  }

 private:
  enum class Expect { key, value, other };

  bool in_key_position() const { return expect_ == Expect::key || header_; }

  // A character where a key may be; false when it is none of a key's, so
  // that read_value_char takes it.
  bool read_key_char(char c) {
    if (c == '"' || c == '\'') {
      start_key();
      cursor_.skip_string();
      return true;
    }
    if (is_bare_key_char(c)) {
      start_key();
      cursor_.advance();
      return true;
    }
    if (c == '.') {
      start_key();
      if (++key_parts_ > kMaxKeyParts)
        fail(key_start_, fmt::format("a dotted key or table header of more than {} parts; no alliance file needs "
                                     "more than a few (thousands would overflow the TOML reader's stack)",
                                     kMaxKeyParts));
      cursor_.advance();
      return true;
    }
    if (c == '=' && !header_) {
      end_key();
      expect_ = Expect::value;
      cursor_.advance();
      return true;
    }
    if (c == '[' && !header_ && open_.empty() && key_parts_ == 0) {  // [table] or [[array of tables]]
      header_ = true;
      cursor_.advance();
      if (cursor_.peek() == '[') cursor_.advance();
      return true;
    }
    if (c == ']' && header_) {
      end_key();
      header_ = false;
      expect_ = Expect::other;
      cursor_.advance();
      if (cursor_.peek() == ']') cursor_.advance();
      return true;
    }
    end_key();
    header_ = false;
    expect_ = Expect::other;
    return false;
  }

  void read_value_char(char c) {
    if (c == '"' || c == '\'') {
      cursor_.skip_string();
      expect_ = Expect::other;
      return;
    }
    if (c == '[' || c == '{') {
      open_.push_back(c == '[' ? ']' : '}');
      if (open_.size() > static_cast<std::size_t>(kMaxNesting))
        fail(cursor_.position(), fmt::format("arrays and inline tables nested more than {} deep; no alliance file "
                                             "needs more than a few (thousands would overflow the TOML reader's "
                                             "stack)",
                                             kMaxNesting));
      expect_ = c == '[' ? Expect::value : Expect::key;
    } else if (c == ']' || c == '}') {
      if (!open_.empty()) open_.pop_back();
      expect_ = Expect::other;
    } else if (c == ',') {
      expect_ = open_.empty() ? Expect::other : open_.back() == '}' ? Expect::key : Expect::value;
    } else {
      expect_ = Expect::other;  // a number, date or word: its dots are no key's
    }
    cursor_.advance();
  }

  void start_key() {
    if (key_parts_ > 0) return;
    key_parts_ = 1;
    key_start_ = cursor_.position();
  }
  void end_key() { key_parts_ = 0; }

  [[noreturn]] void fail(Position where, std::string message) const {
    throw InputError({{source_, where.line, where.column, "", std::move(message)}});
  }

  Cursor cursor_;
  const std::string& source_;
  Expect expect_ = Expect::key;
  bool header_ = false;
  std::vector<char> open_;  // the closing bracket of each open array or inline table
  int key_parts_ = 0;       // parts of the key being read; 0 between keys
  Position key_start_;
};

}  // namespace

void check_toml_shape(std::string_view text, const std::string& source) { ShapeCheck(text, source).run(); }

}  // namespace alliance
