#pragma once
// Every whole file the program reads comes through read_input_file: it is
// opened without blocking (a FIFO never hangs), checked to be a regular file
// (not a directory, FIFO, device or socket) and read up to a limit for its
// kind, so no input can hang the program or exhaust its memory. Errors are
// InputErrors naming the file and saying why ("it does not exist",
// "Permission denied", "it is a directory", "larger than the limit ...").
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace alliance {

// What a file is, for messages, and the most bytes it may hold.
struct InputKind {
  std::string_view what;       // "scenario file": "cannot open the scenario file: ..."
  std::size_t max_bytes;
  std::string_view why_limit;  // why nothing legitimate comes near the limit
};

// A scenario of 1000 states (the most the reader accepts) is under 1 MB.
inline constexpr InputKind kScenarioFile{"scenario file", std::size_t{16} << 20,
                                         "a scenario of 1000 states is under 1 MB"};
// The shipped sweep and claim files are a few kB at most.
inline constexpr InputKind kSweepFile{"sweep file", std::size_t{1} << 20,
                                      "1 MB holds thousands of parameters or values"};
inline constexpr InputKind kClaimFile{"claim file", std::size_t{1} << 20, "1 MB holds thousands of hypotheses"};
inline constexpr InputKind kCalibrationFile{"calibration file", std::size_t{1} << 20,
                                            "1 MB holds thousands of parameters and cases"};
// JSON written by alliance itself (sweep.json, state.json): under 1 MB even
// for a design of 1000 parameters.
inline constexpr InputKind kMetadataFile{"metadata file", std::size_t{16} << 20,
                                         "alliance writes metadata files of under 1 MB"};

// The file's bytes, or an InputError (file, no line) saying why not.
std::string read_input_file(const std::filesystem::path& path, const InputKind& kind);

// For files read as a stream of lines (runs.csv, points.csv): an InputError
// unless `path` names a regular file (following symbolic links), so that a
// FIFO or device put in an output folder cannot hang or flood the reader.
void require_regular_file(const std::filesystem::path& path, std::string_view what);

}  // namespace alliance
