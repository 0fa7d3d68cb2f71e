#pragma once
// Limits that keep a hand-edited scenario from exhausting the machine.
namespace alliance {

inline constexpr int kMaxSteps = 12'000;       // 1000 years of months
inline constexpr int kMaxReplicates = 100'000;
inline constexpr int kMaxStates = 1'000;

}  // namespace alliance
