#pragma once
// Limits on the shape of TOML text, checked before the TOML library parses
// it. toml++ builds one nested table per part of a dotted key and recurses
// through them, so a key of some 35,000 parts (`a.a.a...=1`, a 70 kB file)
// or a table header as deep overflows the stack (SIGSEGV). No alliance file
// comes near the limits: the deepest key of a shipped file has 3 parts and
// the deepest value 2 levels of arrays.
#include <string>
#include <string_view>

namespace alliance {

// Parts of one dotted key or table header (`a.b.c` has 3).
inline constexpr int kMaxKeyParts = 64;
// Arrays and inline tables open inside one another (`[[1]]` is 2 deep).
inline constexpr int kMaxNesting = 64;

// An InputError at the line and column of the first key or bracket past a
// limit. Tracks strings (basic, literal, multi-line; escapes) and comments,
// so dots and brackets inside them do not count. Text that is not valid TOML
// passes when within the limits: the parser reports it.
void check_toml_shape(std::string_view text, const std::string& source);

}  // namespace alliance
