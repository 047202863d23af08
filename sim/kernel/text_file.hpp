#pragma once
// Reading user files as text, defensively: size-limited, regular files only,
// and refused when they are not UTF-8 text (binary garbage gets a clear
// message instead of a confusing YAML error). Files mmsim wrote itself
// (journals, design.csv, results.csv, a workbook) are read as they are.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace mmsim::detail {

/// The whole file, or nullopt with `problem` set ("No such file or directory",
/// "is a directory", "file too large (...)"). Files over `max_bytes` are
/// refused before they are read.
std::optional<std::string> read_text_file(const std::string& path, std::string& problem,
                                          std::uintmax_t max_bytes);

/// The whole file's bytes, unchecked, or nullopt when it cannot be read:
/// for files mmsim wrote itself, which need none of read_text_file's checks.
std::optional<std::string> read_file_bytes(const std::filesystem::path& path);

/// Throws ScenarioError at the first byte that is not UTF-8 text: invalid
/// UTF-8, or a control character other than tab, line feed and carriage return.
void check_plain_text(std::string_view text, const std::string& file);

}  // namespace mmsim::detail
