#include "cli/guarded.hpp"

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "scenario/input_error.hpp"

namespace alliance::cli {

int guarded(const std::function<int()>& body) {
  try {
    return body();
  } catch (const InputError& e) {
    report(e);  // every issue, file:line:column
    return kExitBadInput;
  } catch (const Error& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return e.failure() == Failure::bad_input ? kExitBadInput : kExitFailure;
  } catch (const std::exception& e) {  // out of memory, a write to a closed pipe: a failure while running
    fmt::print(stderr, "error: {}\n", e.what());
    return kExitFailure;
  }
}

}  // namespace alliance::cli
