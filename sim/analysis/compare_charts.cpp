#include "analysis/compare_charts.hpp"

#include <algorithm>
#include <cmath>

#include "mmsim/metrics.hpp"
#include "report/chart_axes.hpp"
#include "report/html_sections.hpp"
#include "report/svg_chart.hpp"

namespace mmsim::detail {
namespace {

constexpr double kWidth = 760, kLeft = 190, kRight = 30, kRow = 28, kTop = 34, kBottom = 30;

// The differences of one metric: a row per alternative, x = the difference.
std::string difference_chart(const MetricComparison& m, const Comparison& c) {
    double low = 0, high = 0;
    for (const Difference& d : m.differences)
        for (double v : {d.ci_low, d.ci_high, d.diff})
            if (std::isfinite(v)) {
                low = std::min(low, v);
                high = std::max(high, v);
            }
    const std::vector<double> ticks = nice_ticks(low, high, 5);
    // As many decimals as the tick step needs.
    const double step = ticks.size() > 1 ? ticks[1] - ticks[0] : 1;
    const int decimals = std::max(0, static_cast<int>(-std::floor(std::log10(step) + 1e-9)));
    const double x0 = ticks.front(), x1 = ticks.back() > x0 ? ticks.back() : x0 + 1;
    auto x = [&](double v) { return kLeft + (v - x0) / (x1 - x0) * (kWidth - kLeft - kRight); };
    const double height = kTop + kRow * static_cast<double>(m.differences.size()) + kBottom;
    const std::string title = metric_label(m.metric) + ": difference from " + c.runs.front().label;
    std::string svg = "<svg viewBox=\"0 0 " + px(kWidth) + " " + px(height) +
                      "\" role=\"img\" font-family=\"sans-serif\" font-size=\"12\"><title>" + escape_xml(title) +
                      "</title>\n<text x=\"0\" y=\"16\" font-weight=\"600\">" + escape_xml(title) + " (" +
                      escape_xml(m.metric) + ")</text>\n";
    const double bottom = height - kBottom;
    for (double t : ticks)
        svg += "<line x1=\"" + px(x(t)) + "\" x2=\"" + px(x(t)) + "\" y1=\"" + px(kTop - 6) + "\" y2=\"" +
               px(bottom) + "\" stroke=\"" + (t == 0 ? "#555555" : "#e0e0e0") + "\"/>\n<text x=\"" + px(x(t)) +
               "\" y=\"" + px(bottom + 16) + "\" text-anchor=\"middle\">" + format_quantity(t, decimals) + "</text>\n";
    for (std::size_t i = 0; i < m.differences.size(); ++i) {
        const Difference& d = m.differences[i];
        const double y = kTop + kRow * (static_cast<double>(i) + 0.5);
        const std::string colour = d.significant ? "#D55E00" : "#0072B2";
        svg += "<text x=\"" + px(kLeft - 10) + "\" y=\"" + px(y + 4) + "\" text-anchor=\"end\">" +
               escape_xml(c.runs[i + 1].label) + "</text>\n";
        if (!std::isfinite(d.diff)) continue;
        if (std::isfinite(d.ci_low) && std::isfinite(d.ci_high))
            svg += "<line x1=\"" + px(x(d.ci_low)) + "\" x2=\"" + px(x(d.ci_high)) + "\" y1=\"" + px(y) +
                   "\" y2=\"" + px(y) + "\" stroke=\"" + colour + "\" stroke-width=\"3\"/>\n";
        svg += "<circle cx=\"" + px(x(d.diff)) + "\" cy=\"" + px(y) + "\" r=\"5\" fill=\"" + colour + "\"/>\n";
    }
    return svg + "</svg>\n";
}

}  // namespace

std::string difference_charts(const Comparison& c, std::size_t max_metrics) {
    if (c.runs.size() < 2 || c.metrics.empty()) return "";
    std::string out = "<h2>Differences from the base</h2>\n<p class=\"caption\">Each alternative's difference from " +
                      escape_xml(c.runs.front().label) +
                      " (dot) with its 95% interval (bar); orange where the interval excludes 0.</p>\n";
    for (std::size_t i = 0; i < c.metrics.size() && i < max_metrics; ++i)
        out += "<figure>" + difference_chart(c.metrics[i], c) + "</figure>\n";
    if (c.metrics.size() > max_metrics)
        out += "<p class=\"note\">The first " + std::to_string(max_metrics) + " of " +
               std::to_string(c.metrics.size()) + " metrics are drawn; all are in the table above.</p>\n";
    return out;
}

std::string series_charts(const Comparison& c) {
    if (c.series.empty() || !c.start) return "";
    std::string out = "<h2>Daily series of every run</h2>\n";
    for (const ComparedSeries& s : c.series) {
        const std::string name = s.table + "." + s.metric;
        const bool percent = drawn_as_percent(find_metric(name, MetricKind::daily));
        Chart chart;
        chart.title = metric_label(name, MetricKind::daily);
        chart.x_label = "date";
        chart.y_label = percent ? chart.title + " (%)" : metric_heading(name, "", MetricKind::daily);
        chart.y_percent = percent;
        chart.start = *c.start;
        chart.height = 260;
        for (std::size_t r = 0; r < s.by_run.size(); ++r) {
            SeriesSummary series{s.table, s.entity, s.metric, s.by_run[r]};
            chart.series.push_back(chart_series(series, c.runs[r].label));
            chart.series.back().low.clear();  // bands of several runs would hide each other
            chart.series.back().high.clear();
        }
        chart.series.front().colour = "#000000";  // the base
        out += "<figure>" + line_chart(chart) + "<figcaption class=\"caption\">Daily " + escape_xml(chart.title) +
               " (entity " + escape_xml(s.entity) + "), means across replications; the base in black.</figcaption>"
               "</figure>\n";
    }
    return out;
}

}  // namespace mmsim::detail
