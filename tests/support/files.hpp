#pragma once
// Reading a whole file in tests.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace alliance::test {

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace alliance::test
