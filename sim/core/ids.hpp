#pragma once
// Strong ids: a state index is not a crisis index is not a replicate number.
#include <compare>
#include <cstdint>

namespace alliance {

struct StateId {
  std::uint32_t value = 0;
  auto operator<=>(const StateId&) const = default;
};

struct CrisisId {
  std::uint32_t value = 0;
  auto operator<=>(const CrisisId&) const = default;
};

}  // namespace alliance
