#pragma once
// CSV as the sweep files write and read it (RFC 4180): fields quoted only when
// they hold a comma, a quote or a line break; numbers in the shortest text
// that reads back to the same double, so files are exact and identical on
// every platform.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mmsim::detail {

/// `text` as one CSV field, quoted when needed.
std::string csv_field(std::string_view text);

/// Appends the shortest decimal text that reads back as `value` to `out`;
/// nothing for NaN and infinities (an undefined figure is an empty field).
void append_csv_number(std::string& out, double value);

/// A figure as the report and compare CSV files print it: 10 significant
/// digits (printf's %.10g); "" for NaN and infinities.
std::string csv_figure(double value);
/// The longest csv_figure ("-1.234567891e-308" is 17 characters), with room.
inline constexpr std::size_t kCsvFigureMax = 24;
/// Writes csv_figure(value) from `first`, which has room for kCsvFigureMax
/// characters, and returns its end: for rows built in a buffer of their own.
char* write_csv_figure(char* first, double value);

/// The rows of a CSV text, fields unquoted. A missing last line break is
/// accepted. Throws ScenarioError (`file:line:col`) on a stray quote or a
/// quoted field left open.
std::vector<std::vector<std::string>> parse_csv(std::string_view text, const std::string& file);

}  // namespace mmsim::detail
