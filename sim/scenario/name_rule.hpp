#pragma once
// Names taken from input files that become file or folder names (a sweep's
// `name` is its output folder, results/<name>) must be names, not paths: a
// name like "../../x", "/tmp/x", "" or "." would write outside results/ or
// into it whole.
#include <string>
#include <string_view>

namespace alliance {

inline constexpr std::size_t kMaxNameLength = 100;

// "" when `name` is one path component of 1 to 100 letters, digits, '.',
// '_' or '-' that starts with a letter, digit or '_' (so never ".", "..", a
// hidden name or an option); else why not, in words.
std::string name_problem(std::string_view name);

// `text` for a message: quoted, control bytes escaped, cut after 40 characters.
std::string quoted_for_message(std::string_view text);

}  // namespace alliance
