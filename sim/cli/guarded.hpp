#pragma once
// One mapping from what went wrong to an exit code, for subcommands whose
// body needs nothing done on the way out.
#include <functional>

namespace alliance::cli {

// Runs `body` and returns its exit code; an exception becomes its message on
// standard error and the code of its kind: a bad input, an output refused
// or busy, an interrupted sweep in the way: 2; a failure while running
// (cannot write, out of memory): 1.
int guarded(const std::function<int()>& body);

}  // namespace alliance::cli
