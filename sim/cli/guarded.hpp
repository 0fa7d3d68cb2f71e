#pragma once
// The one mapping from what went wrong to an exit code: every subcommand
// runs inside it (cli/main.cpp), so a subcommand lets errors propagate and
// catches only to add to the message or to go on.
#include <functional>

namespace alliance::cli {

// Runs `body` and returns its exit code; an exception becomes its message on
// standard error and the code of its kind (core/error.hpp): an InputError
// (every issue, file:line:column) or another bad input: 2; anything else: 1.
int guarded(const std::function<int()>& body);

}  // namespace alliance::cli
