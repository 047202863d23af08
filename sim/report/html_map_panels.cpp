// The "Maps" section: which figure each row of small multiples shows, and
// over which days. Periods are the scenario's time windows, or else the
// first, middle and last third of the run: a third's mean is steadier than
// any single day. Flows (patrol ratio, coverage, response) are means over the
// period; gang control, a stock, is its value on the period's last day.

#include <algorithm>
#include <cmath>

#include "report/chart_axes.hpp"
#include "report/html_map.hpp"
#include "report/html_sections.hpp"
#include "mmsim/statistics.hpp"

namespace mmsim::detail {
namespace {

// At most this many maps side by side: narrower ones are unreadable on A4.
constexpr std::size_t kMaxMapPeriods = 4;

struct MapPeriod {
    std::string title;
    std::string window;  // "" for a third of the run
    int first = 0, end = 0;  // days from the start, end excluded
};

std::vector<MapPeriod> map_periods(const Report& report) {
    const int days = days_between(report.start, report.end) + 1;
    std::vector<MapPeriod> periods;
    for (const TimeWindow& w : report.windows) {
        const int first = std::max(0, w.first_day(report.start)), end = std::min(days, w.end_day(report.start));
        if (first < end && periods.size() < kMaxMapPeriods)
            periods.push_back({w.name + ": " + format_date(w.from) + " to " + format_date(w.to), w.name, first, end});
    }
    if (!periods.empty()) return periods;
    static constexpr const char* kThirds[] = {"start", "middle", "end"};
    for (int i = 0; i < 3; ++i) {
        const int first = days * i / 3, end = days * (i + 1) / 3;
        if (first < end)
            periods.push_back({std::string(kThirds[i]) + ": " + format_date(add_days(report.start, first)) + " to " +
                                   format_date(add_days(report.start, end - 1)),
                               "", first, end});
    }
    return periods;
}

double period_mean(const SeriesSummary* s, const MapPeriod& period) {
    if (s == nullptr || static_cast<int>(s->by_day.size()) < period.end) return kNaN;
    double sum = 0;
    int days = 0;
    for (int d = period.first; d < period.end; ++d)
        if (const double v = s->by_day[static_cast<std::size_t>(d)].mean; std::isfinite(v)) {
            sum += v;
            ++days;
        }
    return days > 0 ? sum / days : kNaN;
}

double period_last(const SeriesSummary* s, const MapPeriod& period) {
    if (s == nullptr || static_cast<int>(s->by_day.size()) < period.end || period.end <= 0) return kNaN;
    return s->by_day[static_cast<std::size_t>(period.end - 1)].mean;
}

bool map_row_has_data(const MapRow& row) {
    for (const std::vector<double>& period : row.values)
        for (double v : period)
            if (std::isfinite(v)) return true;
    return false;
}

// `value(period, zone)` for every period and zone.
template <typename Value>
MapRow map_row(const Scenario& scenario, const std::vector<MapPeriod>& periods, MapRow row, Value value) {
    for (const MapPeriod& period : periods) {
        row.period_titles.push_back(period.title);
        std::vector<double> zones;
        for (const Zone& z : scenario.theatre.zones) zones.push_back(value(period, z));
        row.values.push_back(std::move(zones));
    }
    return row;
}

std::vector<MapRow> map_rows(const Report& report, const Scenario& scenario, const std::vector<MapPeriod>& periods) {
    const bool windows = !periods.empty() && !periods.front().window.empty();
    // A window's own metric when the report has it, else the daily series.
    auto window_metric = [&](const MapPeriod& p, const Zone& z, const std::string& suffix) {
        const Summary* s = p.window.empty() ? nullptr : report.metric("window." + p.window + ".zones." + z.id + "." + suffix);
        return s != nullptr ? s->mean : kNaN;
    };
    std::vector<MapRow> rows;
    rows.push_back(map_row(scenario, periods, {"patrol ratio", "%", 100, 0, 1, true, {}, {}},
                           [&](const MapPeriod& p, const Zone& z) {
                               const double v = window_metric(p, z, "patrol_ratio");
                               return std::isfinite(v) ? v : period_mean(find_series(report, "coverage", z.id, "patrol_ratio"), p);
                           }));
    rows.push_back(map_row(scenario, periods, {"population within response target", "%", 100, 0, 1, true, {}, {}},
                           [&](const MapPeriod& p, const Zone& z) {
                               return period_mean(find_series(report, "coverage", z.id, "population_within_target"), p);
                           }));
    MapRow response = windows
        ? map_row(scenario, periods, {"mean response time", "min", 1, 0, 1, false, {}, {}},
                  [&](const MapPeriod& p, const Zone& z) { return window_metric(p, z, "response.mean_min"); })
        : map_row(scenario, periods, {"median response time (mean of the days' medians)", "min", 1, 0, 1, false, {}, {}},
                  [&](const MapPeriod& p, const Zone& z) {
                      return period_mean(find_series(report, "coverage", z.id, "response_p50_min"), p);
                  });
    double slowest = 0;
    for (const std::vector<double>& period : response.values)
        for (double v : period)
            if (std::isfinite(v)) slowest = std::max(slowest, v);
    const std::vector<double> ticks = nice_ticks(0, slowest, 4);
    response.high = ticks.empty() ? 1 : std::max(ticks.back(), slowest);
    rows.push_back(std::move(response));
    rows.push_back(map_row(scenario, periods, {"gang control at the period's end", "%", 100, 0, 1, false, {}, {}},
                           [&](const MapPeriod& p, const Zone& z) {
                               return period_last(find_series(report, "control", z.id, "g"), p);
                           }));
    std::erase_if(rows, [](const MapRow& row) { return !map_row_has_data(row); });
    return rows;
}

std::string map_figure(const std::string& svg, const std::string& caption) {
    return "<figure class=\"map\">\n" + svg + "<figcaption>" + caption + "</figcaption>\n</figure>\n";
}

}  // namespace

std::string maps_section(const Report& report, const Scenario& scenario) {
    std::string out = "<section id=\"maps\">\n<h2>Maps</h2>\n";
    if (!has_map(scenario.theatre))
        return out + "<p class=\"note\">The zones have no coordinates (<code>lat</code>, <code>lon</code>): no map.</p>\n</section>\n";
    out += map_figure(theatre_map_svg(scenario),
                      "Zones at their coordinates (north up), each circle's area proportional to its population; "
                      "roads with their travel minutes; the airport and the bases where teams start.");
    const std::vector<MapPeriod> periods = map_periods(report);
    const bool windows = !periods.empty() && !periods.front().window.empty();
    const std::string over = windows ? "each of the scenario's time windows" : "the first, middle and last third of the run";
    for (const MapRow& row : map_rows(report, scenario, periods))
        out += map_figure(map_row_svg(scenario, row),
                          escape_xml(row.title) + " by zone over " + over +
                              "; means across replications. In every map the lighter (yellow) end is the better "
                              "one; grey means no data. Point at a zone for its figure.");
    if (windows && report.windows.size() > kMaxMapPeriods)
        out += "<p class=\"caption\">Only the first " + std::to_string(kMaxMapPeriods) + " of " +
               std::to_string(report.windows.size()) + " time windows are mapped.</p>\n";
    return out + "</section>\n";
}

}  // namespace mmsim::detail
