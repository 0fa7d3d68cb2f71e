// libFuzzer target: the scenario reader (and a few steps of a scenario it accepts).
#include <cstddef>
#include <cstdint>

#include "fuzz_inputs.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  alliance::fuzz::scenario_input({reinterpret_cast<const char*>(data), size});
  return 0;
}
