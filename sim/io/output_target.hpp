#pragma once
// The one check of an output path, made by every subcommand before any
// computation (README, "What alliance may replace"):
//
// - trailing slashes are dropped ("results/x/" names results/x);
// - ".", "..", "/", the home folder, the working directory and any folder
//   that holds it, and any folder that holds one of the inputs are refused;
// - a symbolic link is refused, dangling or not: alliance neither writes
//   through a link nor replaces one (give the folder it points to);
// - the parent must be a folder alliance can write in (or creatable in one);
// - an existing folder must be empty, or provably an earlier output of the
//   same kind (io/output_manifest.hpp); anything else is refused.
//
// Every refusal is an OutputPathError (exit code 2) and touches nothing.
#include <filesystem>
#include <vector>

#include "io/output_manifest.hpp"

namespace alliance {

// Returns the path to use (trailing slashes dropped).
std::filesystem::path check_output_directory(const std::filesystem::path& given, OutputKind kind,
                                             const std::vector<std::filesystem::path>& inputs = {});

// For a single output file (`graph --out`, `analyze --out`): a path that
// ends in '/', names a link or anything but a regular file is refused; an
// existing regular file is replaced, as with any program's -o.
std::filesystem::path check_output_file(const std::filesystem::path& given,
                                        const std::vector<std::filesystem::path>& inputs = {});

}  // namespace alliance
