#include "report/svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>

namespace mmsim::detail {
namespace {

// Okabe & Ito (2008), reordered so that the colours that stand out most on
// white come first; yellow, weak as a thin line, comes last.
constexpr const char* kPalette[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                    "#E69F00", "#56B4E9", "#000000", "#F0E442"};
constexpr std::size_t kPaletteSize = std::size(kPalette);
constexpr const char* kDashes[] = {"", "7 3", "2 3", "9 3 2 3"};
// Text metrics of the 12 px sans-serif labels, for layout only.
constexpr double kCharWidthPx = 7.0;
constexpr double kLegendRowPx = 18.0;


std::string series_colour(const ChartSeries& s, std::size_t i) {
    return s.colour.empty() ? palette_colour(i) : s.colour;
}

std::string dash_attribute(const ChartSeries& s, std::size_t i) {
    std::string dash = kDashes[(i / kPaletteSize) % std::size(kDashes)];
    if (s.dashed && dash.empty()) dash = "7 3";
    return dash.empty() ? "" : " stroke-dasharray=\"" + dash + "\"";
}

// Decimals that tell consecutive ticks `step` apart.
int tick_decimals(double step) {
    if (!(step > 0) || step >= 1) return 0;
    return std::min(6, static_cast<int>(std::ceil(-std::log10(step) - 1e-9)));
}

struct Tick {
    double value;
    std::string label;
};

// The plot area inside the chart and the data ranges it shows.
struct Frame {
    double left = 0, right = 0, top = 0, bottom = 0;
    double x0 = 0, x1 = 1, y0 = 0, y1 = 1;

    double to_px_x(double x) const { return left + (x - x0) / (x1 - x0) * (right - left); }
    double to_px_y(double y) const {
        const double clamped = std::clamp(y, y0, y1);
        return bottom - (clamped - y0) / (y1 - y0) * (bottom - top);
    }
};

struct LegendItem {
    std::string label, colour, dash;
    bool area;
};

std::vector<Tick> x_ticks(const Chart& chart, const Frame& f) {
    std::vector<Tick> ticks;
    if (chart.start) {
        const int days = static_cast<int>(std::floor(f.x1)) + 1;
        for (const DateTick& t : date_ticks(*chart.start, days, 8))
            if (t.day >= f.x0 && t.day <= f.x1) ticks.push_back({static_cast<double>(t.day), t.label});
        return ticks;
    }
    std::vector<double> values = nice_ticks(f.x0, f.x1, 8);
    const int decimals = values.size() > 1 ? tick_decimals(values[1] - values[0]) : 0;
    for (double v : values)
        if (v >= f.x0 - 1e-9 && v <= f.x1 + 1e-9) ticks.push_back({v, format_quantity(v, decimals)});
    return ticks;
}

// The y ticks; the axis is widened to the outermost ticks, so that it starts
// and ends on a labelled value (e.g. -1 below a balance of -0.6).
std::vector<Tick> y_ticks(const Chart& chart, Frame& f) {
    std::vector<Tick> ticks;
    std::vector<double> values = nice_ticks(f.y0, f.y1, 6);
    if (!values.empty()) {
        f.y0 = std::min(f.y0, values.front());
        f.y1 = std::max(f.y1, values.back());
    }
    const double scale = chart.y_percent ? 100.0 : 1.0;
    const int decimals = values.size() > 1 ? tick_decimals((values[1] - values[0]) * scale) : 0;
    for (double v : values)
        if (v >= f.y0 - 1e-9 && v <= f.y1 + 1e-9)
            ticks.push_back({v, format_quantity(v * scale, decimals) + (chart.y_percent ? "%" : "")});
    return ticks;
}

// Lays out the frame (margins from legend rows and tick label widths) and
// draws everything but the data, which `draw` adds between grid and legend.
std::string render(const Chart& chart, double x0, double x1, double y1, const std::vector<LegendItem>& legend,
                   const std::function<void(const Frame&, std::string&)>& draw) {
    Frame f;
    f.x0 = chart.x_min.value_or(x0);
    f.x1 = chart.x_max.value_or(x1);
    if (!(f.x1 > f.x0)) f.x1 = f.x0 + 1;
    f.y0 = chart.y_min;
    f.y1 = y1;
    if (!(f.y1 > f.y0)) f.y1 = f.y0 + 1;

    const std::vector<Tick> yt = y_ticks(chart, f);
    std::size_t label_chars = 1;
    for (const Tick& t : yt) label_chars = std::max(label_chars, t.label.size());
    const double width = chart.width, height = chart.height;
    f.left = 34 + kCharWidthPx * static_cast<double>(label_chars);
    f.right = width - 16;

    // Legend rows: items flow left to right and wrap at the right edge.
    std::vector<std::pair<double, int>> places;  // (x offset, row)
    double cursor = f.left;
    int row = 0;
    for (const LegendItem& item : legend) {
        const double w = 24 + kCharWidthPx * static_cast<double>(item.label.size()) + 14;
        if (cursor + w > f.right && cursor > f.left) {
            cursor = f.left;
            ++row;
        }
        places.emplace_back(cursor, row);
        cursor += w;
    }
    const int rows = legend.empty() ? 0 : row + 1;
    f.top = 14 + kLegendRowPx * rows + (chart.markers.empty() ? 0 : 12);
    f.bottom = height - 46;

    std::string out = "<svg class=\"chart\" viewBox=\"0 0 " + std::to_string(chart.width) + " " +
                      std::to_string(chart.height) +
                      "\" role=\"img\" font-family=\"sans-serif\" "
                      "font-size=\"12\"><title>" +
                      escape_xml(chart.title) + "</title>\n";
    for (const Tick& t : yt) {
        const std::string y = px(f.to_px_y(t.value));
        out += "<line x1=\"" + px(f.left) + "\" x2=\"" + px(f.right) + "\" y1=\"" + y + "\" y2=\"" + y +
               "\" stroke=\"#dddddd\"/>\n<text x=\"" + px(f.left - 6) + "\" y=\"" + y +
               "\" dy=\"4\" text-anchor=\"end\" fill=\"#333333\">" + escape_xml(t.label) + "</text>\n";
    }
    for (const Tick& t : x_ticks(chart, f)) {
        const std::string x = px(f.to_px_x(t.value));
        out += "<line x1=\"" + x + "\" x2=\"" + x + "\" y1=\"" + px(f.bottom) + "\" y2=\"" + px(f.bottom + 5) +
               "\" stroke=\"#555555\"/>\n<text x=\"" + x + "\" y=\"" + px(f.bottom + 18) +
               "\" text-anchor=\"middle\" fill=\"#333333\">" + escape_xml(t.label) + "</text>\n";
    }
    draw(f, out);
    out += "<path d=\"M" + px(f.left) + "," + px(f.top) + "V" + px(f.bottom) + "H" + px(f.right) +
           "\" fill=\"none\" stroke=\"#555555\"/>\n";
    for (const ChartMarker& m : chart.markers) {
        if (m.x < f.x0 || m.x > f.x1) continue;
        const std::string x = px(f.to_px_x(m.x));
        out += "<line x1=\"" + x + "\" x2=\"" + x + "\" y1=\"" + px(f.top) + "\" y2=\"" + px(f.bottom) +
               "\" stroke=\"#333333\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>\n<text x=\"" + x +
               "\" y=\"" + px(f.top - 4) + "\" text-anchor=\"middle\" fill=\"#333333\">" + escape_xml(m.label) +
               "</text>\n";
    }
    for (std::size_t i = 0; i < legend.size(); ++i) {
        const LegendItem& item = legend[i];
        const double x = places[i].first;
        const double y = 12 + kLegendRowPx * places[i].second;
        if (item.area)
            out += "<rect x=\"" + px(x) + "\" y=\"" + px(y - 9) + "\" width=\"18\" height=\"10\" fill=\"" +
                   item.colour + "\"/>\n";
        else
            out += "<line x1=\"" + px(x) + "\" x2=\"" + px(x + 18) + "\" y1=\"" + px(y - 4) + "\" y2=\"" +
                   px(y - 4) + "\" stroke=\"" + item.colour + "\" stroke-width=\"2.5\"" + item.dash + "/>\n";
        out += "<text x=\"" + px(x + 24) + "\" y=\"" + px(y) + "\" fill=\"#222222\">" + escape_xml(item.label) +
               "</text>\n";
    }
    out += "<text x=\"" + px((f.left + f.right) / 2) + "\" y=\"" + px(height - 8) +
           "\" text-anchor=\"middle\" fill=\"#222222\">" + escape_xml(chart.x_label) + "</text>\n";
    out += "<text transform=\"translate(14," + px((f.top + f.bottom) / 2) +
           ") rotate(-90)\" text-anchor=\"middle\" fill=\"#222222\">" + escape_xml(chart.y_label) +
           "</text>\n</svg>\n";
    return out;
}

// The data range of the series (y including bands), ignoring NaN.
void data_range(const std::vector<ChartSeries>& series, double& x0, double& x1, double& y1) {
    x0 = std::numeric_limits<double>::infinity();
    x1 = -x0;
    y1 = 0;
    for (const ChartSeries& s : series) {
        for (std::size_t i = 0; i < s.x.size(); ++i) {
            if (!std::isfinite(s.y[i])) continue;
            x0 = std::min(x0, s.x[i]);
            x1 = std::max(x1, s.x[i]);
            y1 = std::max(y1, s.y[i]);
            if (i < s.high.size() && std::isfinite(s.high[i])) y1 = std::max(y1, s.high[i]);
        }
    }
    if (!std::isfinite(x0)) {
        x0 = 0;
        x1 = 1;
    }
}

// A y-axis top just above `value`, at a round tick.
double round_top(double value) {
    if (!(value > 0)) return 1;
    const std::vector<double> ticks = nice_ticks(0, value, 6);
    return std::max(value, ticks.empty() ? value : ticks.back());
}

// Runs of consecutive indices where every value is finite.
std::vector<std::pair<std::size_t, std::size_t>> finite_runs(const ChartSeries& s, bool with_band) {
    std::vector<std::pair<std::size_t, std::size_t>> runs;
    auto ok = [&](std::size_t i) {
        return std::isfinite(s.y[i]) && (!with_band || (std::isfinite(s.low[i]) && std::isfinite(s.high[i])));
    };
    for (std::size_t i = 0; i < s.x.size();) {
        if (!ok(i)) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < s.x.size() && ok(j)) ++j;
        runs.emplace_back(i, j);
        i = j;
    }
    return runs;
}

}  // namespace

std::string px(double value) { return fixed(value, 1); }

std::string palette_colour(std::size_t i) { return kPalette[i % kPaletteSize]; }

std::string escape_xml(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string line_chart(const Chart& chart) {
    double x0, x1, y1;
    data_range(chart.series, x0, x1, y1);
    const double top = chart.y_max.value_or(chart.y_percent ? 1.0 : round_top(y1));
    std::vector<LegendItem> legend;
    for (std::size_t i = 0; i < chart.series.size(); ++i) {
        const ChartSeries& s = chart.series[i];
        legend.push_back({s.label, series_colour(s, i), dash_attribute(s, i), false});
    }
    return render(chart, x0, x1, top, legend, [&](const Frame& f, std::string& out) {
        for (std::size_t i = 0; i < chart.series.size(); ++i) {  // bands first, under every line
            const ChartSeries& s = chart.series[i];
            if (s.points || s.low.size() != s.x.size() || s.high.size() != s.x.size()) continue;
            for (auto [from, to] : finite_runs(s, true)) {
                std::string d;
                for (std::size_t k = from; k < to; ++k)
                    d += (k == from ? "M" : "L") + px(f.to_px_x(s.x[k])) + "," + px(f.to_px_y(s.high[k]));
                for (std::size_t k = to; k-- > from;)
                    d += "L" + px(f.to_px_x(s.x[k])) + "," + px(f.to_px_y(s.low[k]));
                out += "<path class=\"band\" d=\"" + d + "Z\" fill=\"" + series_colour(s, i) +
                       "\" fill-opacity=\"0.2\" stroke=\"none\"/>\n";
            }
        }
        for (std::size_t i = 0; i < chart.series.size(); ++i) {
            const ChartSeries& s = chart.series[i];
            if (s.points) {
                const bool bars = s.low.size() == s.x.size() && s.high.size() == s.x.size();
                for (std::size_t k = 0; k < s.x.size(); ++k) {
                    if (!std::isfinite(s.y[k])) continue;
                    const std::string x = px(f.to_px_x(s.x[k]));
                    if (bars && std::isfinite(s.low[k]) && std::isfinite(s.high[k]))
                        out += "<line class=\"bar\" x1=\"" + x + "\" x2=\"" + x + "\" y1=\"" +
                               px(f.to_px_y(s.low[k])) + "\" y2=\"" + px(f.to_px_y(s.high[k])) + "\" stroke=\"" +
                               series_colour(s, i) + "\" stroke-width=\"1.5\"/>\n";
                    out += "<circle class=\"point\" cx=\"" + x + "\" cy=\"" + px(f.to_px_y(s.y[k])) +
                           "\" r=\"4\" fill=\"" + series_colour(s, i) + "\"/>\n";
                }
                continue;
            }
            std::string d;
            for (auto [from, to] : finite_runs(s, false))
                for (std::size_t k = from; k < to; ++k)
                    d += (k == from ? "M" : "L") + px(f.to_px_x(s.x[k])) + "," + px(f.to_px_y(s.y[k]));
            if (d.empty()) continue;
            out += "<path class=\"line\" d=\"" + d + "\" fill=\"none\" stroke=\"" + series_colour(s, i) +
                   "\" stroke-width=\"2\" stroke-linejoin=\"round\"" + dash_attribute(s, i) + "/>\n";
        }
    });
}

std::string stacked_area_chart(const Chart& chart) {
    if (chart.series.empty()) return line_chart(chart);
    const std::vector<double>& xs = chart.series.front().x;
    std::vector<std::vector<double>> tops;  // cumulative tops, per series
    std::vector<double> below(xs.size(), 0.0);
    double y1 = 0;
    for (const ChartSeries& s : chart.series) {
        std::vector<double> top(xs.size());
        for (std::size_t k = 0; k < xs.size(); ++k) {
            const double v = k < s.y.size() && std::isfinite(s.y[k]) ? std::max(0.0, s.y[k]) : 0.0;
            top[k] = below[k] + v;
            y1 = std::max(y1, top[k]);
        }
        below = top;
        tops.push_back(std::move(top));
    }
    const double x0 = xs.empty() ? 0 : xs.front(), x1 = xs.empty() ? 1 : xs.back();
    std::vector<LegendItem> legend;
    for (std::size_t i = 0; i < chart.series.size(); ++i)
        legend.push_back({chart.series[i].label, series_colour(chart.series[i], i), "", true});
    return render(
        chart, x0, x1, chart.y_max.value_or(round_top(y1)), legend, [&](const Frame& f, std::string& out) {
            for (std::size_t i = 0; i < chart.series.size(); ++i) {
                if (xs.empty()) break;
                std::string d;
                for (std::size_t k = 0; k < xs.size(); ++k)
                    d += (k == 0 ? "M" : "L") + px(f.to_px_x(xs[k])) + "," + px(f.to_px_y(tops[i][k]));
                for (std::size_t k = xs.size(); k-- > 0;)
                    d += "L" + px(f.to_px_x(xs[k])) + "," + px(f.to_px_y(i == 0 ? 0.0 : tops[i - 1][k]));
                out += "<path class=\"area\" d=\"" + d + "Z\" fill=\"" + series_colour(chart.series[i], i) +
                       "\" stroke=\"#ffffff\" stroke-width=\"0.75\"/>\n";
            }
        });
}

std::string histogram_chart(const Chart& chart, const std::vector<double>& edges,
                            const std::vector<double>& heights, const std::string& colour) {
    double y1 = 0;
    for (double h : heights)
        if (std::isfinite(h)) y1 = std::max(y1, h);
    const double x0 = edges.empty() ? 0 : edges.front(), x1 = edges.empty() ? 1 : edges.back();
    const double top = chart.y_max.value_or(round_top(y1));
    return render(chart, x0, x1, top, {}, [&](const Frame& f, std::string& out) {
        for (std::size_t i = 0; i < heights.size() && i + 1 < edges.size(); ++i) {
            if (!std::isfinite(heights[i])) continue;
            const double left = f.to_px_x(edges[i]), right = f.to_px_x(edges[i + 1]);
            const double y = f.to_px_y(heights[i]);
            out += "<rect class=\"bar\" x=\"" + px(left) + "\" y=\"" + px(y) + "\" width=\"" +
                   px(std::max(0.0, right - left - 1)) + "\" height=\"" + px(f.bottom - y) + "\" fill=\"" +
                   colour + "\"/>\n";
        }
    });
}

}  // namespace mmsim::detail
