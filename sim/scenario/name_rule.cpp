#include "scenario/name_rule.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace alliance {

namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '-';
}

}  // namespace

std::string name_problem(std::string_view name) {
  if (name.empty()) return "it is empty";
  if (name.size() > kMaxNameLength) return fmt::format("it is longer than {} characters", kMaxNameLength);
  if (name.find('/') != std::string_view::npos) return "it contains '/': a name is one folder, not a path";
  if (!std::all_of(name.begin(), name.end(), is_name_char))
    return "it contains a character other than a letter, digit, '.', '_' or '-'";
  if (name.front() == '.' || name.front() == '-')
    return fmt::format("it starts with '{}' (so \".\", \"..\" and hidden names are refused)", name.front());
  return "";
}

std::string quoted_for_message(std::string_view text) {
  constexpr std::size_t kShown = 40;
  std::string out = "\"";
  for (std::size_t i = 0; i < std::min(text.size(), kShown); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '"' || c == '\\') out += fmt::format("\\{}", static_cast<char>(c));
    else if (c < 0x20 || c == 0x7f) out += fmt::format("\\x{:02x}", c);
    else out += static_cast<char>(c);
  }
  out += '"';
  if (text.size() > kShown) out += fmt::format(" (cut; {} bytes in all)", text.size());
  return out;
}

}  // namespace alliance
