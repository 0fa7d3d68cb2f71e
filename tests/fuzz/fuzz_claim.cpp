// libFuzzer target: the claim-file reader (`alliance check`).
#include <cstddef>
#include <cstdint>

#include "fuzz_inputs.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  alliance::fuzz::claim_input({reinterpret_cast<const char*>(data), size});
  return 0;
}
