#include "cli/guarded.hpp"

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "io/output_directory.hpp"
#include "io/output_lock.hpp"
#include "scenario/input_error.hpp"
#include "sensitivity/analyze_sweep.hpp"
#include "sweep/merge_shards.hpp"
#include "sweep/sweep_runner.hpp"

namespace alliance::cli {

int guarded(const std::function<int()>& body) {
  auto say = [](const std::exception& e) { fmt::print(stderr, "error: {}\n", e.what()); };
  try {
    return body();
  } catch (const InputError& e) {
    report(e);
    return kExitBadInput;
  } catch (const MergeError& e) {
    say(e);
    return kExitBadInput;
  } catch (const AnalysisError& e) {
    say(e);
    return kExitBadInput;
  } catch (const SweepStateError& e) {
    say(e);
    return kExitBadInput;
  } catch (const OutputPathError& e) {
    say(e);
    return kExitBadInput;
  } catch (const OutputBusyError& e) {
    say(e);
    return kExitBadInput;
  } catch (const std::exception& e) {  // OutputError, and whatever else fails while running
    say(e);
    return kExitFailure;
  }
}

}  // namespace alliance::cli
