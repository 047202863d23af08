#pragma once
// Internal: the charts of compare.html: each metric's differences from the
// base with their 95% intervals, one row per alternative, and the main daily
// series of every run overlaid.

#include <string>

#include "mmsim/compare.hpp"

namespace mmsim::detail {

/// One SVG per compared metric (the first `max_metrics`): a point and its
/// interval per alternative against a zero line. "" with one run.
std::string difference_charts(const Comparison& comparison, std::size_t max_metrics = 12);

/// One line chart per daily series of `comparison.series`, a line per run.
std::string series_charts(const Comparison& comparison);

}  // namespace mmsim::detail
