#pragma once
// The parameters of a sweep file as read, before its design turns them into
// points: the loader (sweep_loader.cpp) fills these, the designs
// (sweep_design.cpp) expand them.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mmsim/document.hpp"
#include "mmsim/sweep.hpp"
#include "scenario/reader.hpp"

namespace mmsim::detail {

/// One value a parameter takes.
struct SweepValue {
    std::string shown;  ///< as written in CSV files
    std::string yaml;   ///< as given to apply_override after "path="
    SourcePos pos;      ///< where it was written (a list item, or the range)
};

/// `{from, to, step}` or `{from, to, count}`; in a Latin hypercube also
/// `{from, to}` (continuous). The three numbers share one unit suffix.
struct SweepRange {
    double from = 0, to = 0;
    std::optional<double> step;
    std::optional<std::int64_t> count;
    std::string unit;  ///< e.g. "d" for {from: 1d, to: 5d, step: 1d}; "" for plain numbers
    SourcePos pos;
};

struct SweepParameter {
    std::string path;
    SourcePos key_pos;
    std::vector<SweepValue> values;   ///< a list of values
    std::optional<SweepRange> range;  ///< or a range
};

/// Most parameters (or table columns) a sweep may vary.
inline constexpr std::size_t kMaxSweepParameters = 1000;

/// The `parameters` map of a grid or Latin-hypercube sweep (problems are
/// reported to `top`'s diagnostics; bad parameters are left out).
std::vector<SweepParameter> read_parameters(const MapReader& top, SweepDesign design);

/// The `columns` (paths, and where each was written) and `rows` of a table
/// design, as points.
std::vector<SweepPoint> read_table(const MapReader& top, std::vector<std::string>& paths,
                                   std::vector<SourcePos>& column_pos);

/// The value of a YAML node as a sweep value (any node: scalars, lists, maps).
SweepValue sweep_value(const Node& node);

/// The values of a range with a step or a count, at most `max_values` of
/// them (nullopt when there would be more).
std::optional<std::vector<SweepValue>> range_values(const SweepRange& range,
                                                    std::size_t max_values);

/// A number of a range, `value` followed by `unit`, rounded to
/// `significant_digits`.
std::string range_text(double value, const std::string& unit, int significant_digits);

/// Whether a design of `points` x `parameters` values is within
/// kMaxSweepValues; reports it at `where` (naming `design`) when not.
bool design_fits(std::uint64_t points, std::uint64_t parameters, const std::string& design,
                 const SourcePos& where, Diagnostics& out);

/// Builds the points of a grid (first parameter slowest), reporting a grid of
/// more than kMaxSweepPoints at `where`.
std::vector<SweepPoint> grid_points(const std::vector<SweepParameter>& parameters,
                                    const SourcePos& where, Diagnostics& out);

/// Builds `samples` Latin-hypercube points.
std::vector<SweepPoint> hypercube_points(const std::vector<SweepParameter>& parameters,
                                         std::size_t samples, std::uint64_t seed);

/// One point from the values of one table row.
SweepPoint make_point(const std::vector<std::string>& paths, const std::vector<SweepValue>& values);

}  // namespace mmsim::detail
