// The zone table of report.html: one row per zone, one column per figure,
// each column shaded from its lowest to its highest value. Gang control comes
// from whatever the report has: per-zone control metrics ("zones.<id>.*control*"
// or "control.<id>.*"), else the daily "control" table, else the scenario's
// (static) initial control.

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <set>

#include "report/html_sections.hpp"
#include "mmsim/statistics.hpp"

namespace mmsim::detail {
namespace {

struct ZoneColumn {
    std::string header;
    std::vector<std::optional<Summary>> summaries;  // per zone, with CI; or
    std::vector<double> values;                     // per zone, a plain value
    double scale = 1;
    int decimals = 0;
    std::string unit;

    double value(std::size_t z) const {
        if (!summaries.empty()) return summaries[z] ? summaries[z]->mean * scale : kNaN;
        return values[z] * scale;
    }
    std::string cell(std::size_t z) const {
        if (!summaries.empty())
            return estimate_html(summaries[z] ? &*summaries[z] : nullptr, scale, decimals, unit);
        return std::isfinite(values[z]) ? format_quantity(values[z] * scale, decimals) + unit : "\u2013";
    }
};

// The metric `name`, if the report has it.
std::optional<Summary> optional_metric(const Report& report, const std::string& name) {
    const Summary* metric = report.metric(name);
    return metric ? std::optional(*metric) : std::nullopt;
}

// The metric "<group>.<zone>.<suffix>" of each zone.
ZoneColumn metric_column(const Report& report, const Scenario& scenario, const std::string& group,
                         const std::string& suffix, std::string header, double scale, int decimals,
                         std::string unit) {
    ZoneColumn column{std::move(header), {}, {}, scale, decimals, std::move(unit)};
    for (const Zone& z : scenario.theatre.zones)
        column.summaries.push_back(optional_metric(report, group + "." + z.id + "." + suffix));
    return column;
}

bool has_data(const ZoneColumn& column) {
    for (std::size_t z = 0; z < std::max(column.summaries.size(), column.values.size()); ++z)
        if (std::isfinite(column.value(z))) return true;
    return false;
}

// The mean over days of a zone's daily series (no interval: days are not
// independent replications).
double mean_over_days(const SeriesSummary* s) {
    if (s == nullptr) return kNaN;
    double sum = 0;
    int days = 0;
    for (const Summary& v : s->by_day)
        if (std::isfinite(v.mean)) {
            sum += v.mean;
            ++days;
        }
    return days > 0 ? sum / days : kNaN;
}

std::vector<ZoneColumn> control_columns(const Report& report, const Scenario& scenario) {
    std::vector<ZoneColumn> columns;
    // Per-zone control metrics, whatever their names ("zones.<id>.control_mean").
    std::vector<std::string> suffixes;
    for (const Zone& z : scenario.theatre.zones) {
        const std::string prefix = "zones." + z.id + ".";
        for (const MetricSummary& m : report.metrics)
            if (m.name.starts_with(prefix) && m.name.find("control", prefix.size()) != std::string::npos &&
                std::find(suffixes.begin(), suffixes.end(), m.name.substr(prefix.size())) == suffixes.end())
                suffixes.push_back(m.name.substr(prefix.size()));
    }
    for (const std::string& suffix : suffixes) {
        std::string header = "gang " + suffix;
        std::replace(header.begin(), header.end(), '_', ' ');
        std::replace(header.begin(), header.end(), '.', ' ');
        columns.push_back(metric_column(report, scenario, "zones", suffix, header, 100, 1, "%"));
    }
    if (!columns.empty()) return columns;

    // Control metrics by zone ("control.<id>.mean", "control.<id>.end", ...):
    // shares in percent, durations in days.
    for (const Zone& z : scenario.theatre.zones) {
        const std::string prefix = "control." + z.id + ".";
        for (const MetricSummary& m : report.metrics)
            if (m.name.starts_with(prefix) &&
                std::find(suffixes.begin(), suffixes.end(), m.name.substr(prefix.size())) == suffixes.end())
                suffixes.push_back(m.name.substr(prefix.size()));
    }
    for (const std::string& suffix : suffixes) {
        const bool days = suffix.find("days") != std::string::npos;
        std::string header = "gang control, " + suffix;
        std::replace(header.begin(), header.end(), '_', ' ');
        ZoneColumn column{header, {}, {}, days ? 1.0 : 100.0, days ? 0 : 1, days ? "" : "%"};
        for (const Zone& z : scenario.theatre.zones)
            column.summaries.push_back(optional_metric(report, "control." + z.id + "." + suffix));
        columns.push_back(std::move(column));
    }
    if (!columns.empty()) return columns;

    // The daily control table: first and last day of its first metric.
    for (const SeriesSummary& s : report.series) {
        if (s.table != "control") continue;
        ZoneColumn start{"gang control, first day", {}, {}, 100, 1, "%"};
        ZoneColumn end{"gang control, last day", {}, {}, 100, 1, "%"};
        for (const Zone& z : scenario.theatre.zones) {
            const SeriesSummary* zone = find_series(report, "control", z.id, s.metric);
            const bool any = zone != nullptr && !zone->by_day.empty();
            start.summaries.push_back(any ? std::optional(zone->by_day.front()) : std::nullopt);
            end.summaries.push_back(any ? std::optional(zone->by_day.back()) : std::nullopt);
        }
        if (has_data(end)) return {start, end};
        break;
    }

    ZoneColumn initial{"gang control (scenario, static)", {}, {}, 100, 0, "%"};
    for (const Zone& z : scenario.theatre.zones) initial.values.push_back(z.gang_control);
    return {initial};
}

}  // namespace

std::string zones_section(const Report& report, const Scenario& scenario) {
    std::string out = "<section id=\"zones\">\n<h2>Zones</h2>\n";
    const auto& zones = scenario.theatre.zones;
    if (zones.empty()) return out + "<p class=\"note\">No theatre in this scenario.</p>\n</section>\n";

    std::vector<ZoneColumn> columns;
    ZoneColumn population{"population", {}, {}, 1, 0, ""};
    for (const Zone& z : zones) population.values.push_back(z.population);
    columns.push_back(population);
    columns.push_back(metric_column(report, scenario, "zones", "patrol_ratio", "patrol ratio", 100, 1, "%"));
    ZoneColumn within{"population within target (mean of days)", {}, {}, 100, 1, "%"};
    for (const Zone& z : zones)
        within.values.push_back(
            mean_over_days(find_series(report, "coverage", z.id, "population_within_target")));
    columns.push_back(within);
    columns.push_back(
        metric_column(report, scenario, "constraints", "teams_short", "teams short of demand (mean of shifts)", 1, 1, ""));
    columns.push_back(metric_column(report, scenario, "zones", "incidents", "incidents", 1, 0, ""));
    columns.push_back(metric_column(report, scenario, "zones", "response.mean_min", "mean response (min)", 1, 1, ""));
    for (ZoneColumn& c : control_columns(report, scenario)) columns.push_back(std::move(c));
    std::erase_if(columns, [](const ZoneColumn& c) { return !has_data(c); });

    out += "<table class=\"zones\">\n<thead><tr><th>Zone</th>";
    for (const ZoneColumn& c : columns) out += "<th class=\"num\">" + escape_xml(c.header) + "</th>";
    out += "</tr></thead>\n<tbody>\n";
    std::vector<std::pair<double, double>> ranges;
    for (const ZoneColumn& c : columns) {
        double low = std::numeric_limits<double>::infinity(), high = -low;
        for (std::size_t z = 0; z < zones.size(); ++z) {
            const double v = c.value(z);
            if (!std::isfinite(v)) continue;
            low = std::min(low, v);
            high = std::max(high, v);
        }
        ranges.emplace_back(low, high);
    }
    for (std::size_t z = 0; z < zones.size(); ++z) {
        out += "<tr><td>" + escape_xml(zones[z].name.empty() ? zones[z].id : zones[z].name) + "</td>";
        for (std::size_t c = 0; c < columns.size(); ++c)
            out += "<td class=\"num\"" + shade_style(columns[c].value(z), ranges[c].first, ranges[c].second) +
                   ">" + columns[c].cell(z) + "</td>";
        out += "</tr>\n";
    }
    out +=
        "</tbody>\n</table>\n<p class=\"caption\">Each column is shaded from its lowest (light) to its "
        "highest (dark) value. Figures are means over replications with 95% intervals in brackets; "
        "patrol ratio and within-target share are over the whole run. Per-zone figures are also in "
        "zones.csv.</p>\n";
    return out + "</section>\n";
}

}  // namespace mmsim::detail
