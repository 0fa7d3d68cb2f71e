// libFuzzer target: the sweep-file reader and the designs (`alliance sweep`).
#include <cstddef>
#include <cstdint>

#include "fuzz_inputs.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  alliance::fuzz::sweep_input({reinterpret_cast<const char*>(data), size}, ALLIANCE_FUZZ_SWEEP_SOURCE);
  return 0;
}
