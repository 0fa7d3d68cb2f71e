#pragma once
// Calibration files (TOML) -> CalibrationDef. Throws InputError listing
// every problem, each with file, line, column and key, like the scenario,
// sweep and claim readers. The format is in scenarios/calibrations/README.md.
#include <filesystem>
#include <string>
#include <string_view>

#include "calibrate/calibration_def.hpp"

namespace alliance {

CalibrationDef read_calibration_text(std::string_view text, std::string source_name);
CalibrationDef read_calibration_file(const std::filesystem::path& path);

}  // namespace alliance
