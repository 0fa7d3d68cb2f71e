// libFuzzer target: `--set` overrides on the reference scenario, one per line.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

#include "fuzz_inputs.hpp"

namespace {
std::string base;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  std::ifstream in(ALLIANCE_FUZZ_BASE_SCENARIO, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  base = s.str();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  alliance::fuzz::overrides_input(base, {reinterpret_cast<const char*>(data), size});
  return 0;
}
