#pragma once
// Internal: the chart primitives of the HTML report, drawn as inline SVG by
// our own code (no script, font or file outside the page). A chart is a plain
// struct of series; the functions return one <svg> element as text. Colours
// come from the Okabe-Ito palette, which readers with any common colour-vision
// deficiency can tell apart; lines beyond the palette's eight also change
// their dash pattern. Output is deterministic: same chart, same bytes.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "report/chart_axes.hpp"

namespace mmsim::detail {

/// The i-th colour of the Okabe-Ito palette (cycles after eight), as "#rrggbb",
/// most legible on white first.
std::string palette_colour(std::size_t i);

/// One line (with an optional confidence band) or one layer of a stacked area.
struct ChartSeries {
    std::string label;
    std::string colour;             ///< CSS colour; empty = palette by position
    std::vector<double> x;          ///< x values (days from the chart's start for a date axis)
    std::vector<double> y;          ///< same length as x; NaN leaves a gap
    std::vector<double> low, high;  ///< band (e.g. 95% CI); empty = no band
    bool dashed = false;
    bool points = false;            ///< dots with bars from low to high (observations), no line
};

/// A vertical reference line (e.g. the response target) with its label.
struct ChartMarker {
    double x = 0;
    std::string label;
};

/// What every chart needs: its axes and series.
struct Chart {
    std::string title;                   ///< the SVG's accessible title
    std::string x_label;                 ///< with unit, e.g. "response time (min)"
    std::string y_label;                 ///< with unit, e.g. "officers"
    std::optional<Date> start;           ///< set: x is days from this date, axis shows dates
    std::optional<double> x_min, x_max;  ///< default: the data's range
    double y_min = 0;                    ///< bottom of the y axis
    std::optional<double> y_max;         ///< default: a round number above the data
    bool y_percent = false;              ///< y values are shares in [0, 1], shown as %
    std::vector<ChartSeries> series;
    std::vector<ChartMarker> markers;
    int width = 760, height = 300;  ///< viewBox size in CSS pixels
};

/// Lines, each with its band drawn underneath, and the markers.
std::string line_chart(const Chart& chart);

/// Series stacked in order (first at the bottom); bands are ignored. Every
/// series must share the first series' x values.
std::string stacked_area_chart(const Chart& chart);

/// A histogram: bars between consecutive `edges` (ascending, size =
/// heights.size() + 1) in one colour; chart.series is ignored.
std::string histogram_chart(const Chart& chart, const std::vector<double>& edges,
                            const std::vector<double>& heights, const std::string& colour);

/// A pixel coordinate as SVG text: one decimal, finer than any screen or
/// printer needs.
std::string px(double value);

/// `text` with &, <, >, " and ' escaped for HTML and SVG.
std::string escape_xml(std::string_view text);

}  // namespace mmsim::detail
