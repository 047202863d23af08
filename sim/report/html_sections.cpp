#include "report/html_sections.hpp"
#include "mmsim/limits.hpp"
#include "mmsim/metrics.hpp"
#include "mmsim/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <string_view>
#include <utility>

namespace mmsim::detail {
namespace {

std::string note(const std::string& text) { return "<p class=\"note\">" + escape_xml(text) + "</p>\n"; }

std::string figure(const std::string& svg, const std::string& caption) {
    return "<figure>\n" + svg + "<figcaption>" + caption + "</figcaption>\n</figure>\n";
}

// A chart of daily values, its time axis over the whole run, so that days
// without data show as gaps.
Chart dated_chart(const Report& report, std::string title, std::string y_label) {
    Chart chart;
    chart.title = std::move(title);
    chart.y_label = std::move(y_label);
    chart.x_label = "date";
    chart.start = report.start;
    chart.x_min = 0;
    chart.x_max = std::max(1, days_between(report.start, report.end));
    return chart;
}

std::string percent(double share, int decimals) { return format_quantity(share * 100, decimals) + "%"; }

// What people call an id: a contingent's country, a zone's or a funding
// source's name; other ids (fleets, cost categories) as they are.
std::string display_name(const Scenario& scenario, const std::string& id) {
    for (const Contingent& c : scenario.contingents)
        if (c.id == id) return c.country;
    for (const Zone& z : scenario.theatre.zones)
        if (z.id == id) return z.name.empty() ? z.id : z.name;
    if (scenario.funding)
        for (const FundingSource& source : scenario.funding->sources)
            if (source.id == id) return source.name.empty() ? source.id : source.name;
    return id;
}

// A metric's label with the display names of the ids in its name.
std::string display_label(const Scenario& scenario, const MetricInfo& info, const std::string& name) {
    std::string label(info.label);
    for (const std::string& id : metric_ids(name))
        if (id != "all") label += ", " + display_name(scenario, id);
    return label;
}

// The response-time distribution: (limit in minutes, share answered within it).
std::vector<std::pair<int, const Summary*>> response_cdf(const Report& report) {
    static constexpr std::string_view kPrefix = "response.cdf.", kSuffix = "_min";
    std::vector<std::pair<int, const Summary*>> points;
    for (const MetricSummary& m : report.metrics) {
        const std::string_view name = m.name;
        if (name.size() <= kPrefix.size() + kSuffix.size() || !name.starts_with(kPrefix) ||
            !name.ends_with(kSuffix))
            continue;
        const std::string number(name.substr(kPrefix.size(), name.size() - kPrefix.size() - kSuffix.size()));
        if (number.find_first_not_of("0123456789") != std::string::npos) continue;
        points.emplace_back(std::stoi(number), &m.summary);
    }
    std::sort(points.begin(), points.end());
    return points;
}

// Money axis: the scenario's currency, in thousands or millions when large.
struct MoneyScale {
    double divisor;
    std::string unit;
};

MoneyScale money_scale(const std::vector<const SeriesSummary*>& series, const std::string& currency) {
    double largest = 0;
    for (const SeriesSummary* s : series)
        for (const Summary& v : s->by_day)
            if (std::isfinite(v.mean)) largest = std::max(largest, std::fabs(v.mean));
    if (largest >= 1e6) return {1e6, currency + " millions"};
    if (largest >= 1e4) return {1e3, currency + " thousands"};
    return {1, currency};
}

}  // namespace

const SeriesSummary* find_series(const Report& report, const std::string& table, const std::string& entity,
                                 const std::string& metric) {
    return report.daily(table, entity, metric);
}

ChartSeries chart_series(const SeriesSummary& series, const std::string& label, double scale) {
    ChartSeries out;
    out.label = label;
    for (std::size_t day = 0; day < series.by_day.size(); ++day) {
        const Summary& v = series.by_day[day];
        out.x.push_back(static_cast<double>(day));
        out.y.push_back(v.mean * scale);
        out.low.push_back(v.ci_low * scale);
        out.high.push_back(v.ci_high * scale);
    }
    return out;
}

std::string estimate_html(const Summary* s, double scale, int decimals, const std::string& unit) {
    if (s == nullptr || s->n == 0 || !std::isfinite(s->mean)) return "\u2013";
    std::string text = format_quantity(s->mean * scale, decimals) + unit;
    if (s->n > 1 && s->ci_high > s->ci_low)
        text += " <span class=\"ci\">(" + format_quantity(s->ci_low * scale, decimals) + "\u2013" +
                format_quantity(s->ci_high * scale, decimals) + ")</span>";
    return text;
}

std::string shade_style(double value, double low, double high) {
    if (!std::isfinite(value)) return "";
    const double t = high > low ? std::clamp((value - low) / (high - low), 0.0, 1.0) : 0.5;
    // ColorBrewer "Blues" end points: one hue, so no colour-vision deficiency
    // confuses the order; only lightness carries the value.
    auto mix = [t](int from, int to) { return static_cast<int>(std::lround(from + t * (to - from))); };
    char style[96];
    std::snprintf(style, sizeof style, " style=\"background:#%02x%02x%02x;color:%s\"", mix(0xf7, 0x21),
                  mix(0xfb, 0x66), mix(0xff, 0xac), t > 0.55 ? "#ffffff" : "#111111");
    return style;
}

std::string personnel_section(const Report& report, const Scenario& scenario) {
    std::string out = "<section id=\"personnel\">\n<h2>Officers by contingent</h2>\n";
    Chart chart = dated_chart(report, "Officers in theatre by contingent", "officers in theatre");
    for (const Contingent& c : scenario.contingents)
        if (const SeriesSummary* s = find_series(report, "personnel", c.id, "in_theatre"))
            chart.series.push_back(chart_series(*s, c.country));
    if (chart.series.empty()) return out + note("This report has no personnel series.") + "</section>\n";
    out += figure(stacked_area_chart(chart),
                  "Officers in theatre (landed, not yet departed) by contingent, stacked; means across " +
                      std::to_string(report.replications) + " replications.");

    out +=
        "<table>\n<thead><tr><th>Contingent</th><th class=\"num\">planned waves</th>"
        "<th class=\"num\">rotations</th><th class=\"num\">arrived</th>"
        "<th class=\"num\">peak in theatre, less handovers</th><th class=\"num\">peak handover overlap</th>"
        "<th class=\"num\">ready at end</th><th class=\"num\">not landed</th>"
        "<th class=\"num\">mean arrival delay (days)</th></tr></thead>\n<tbody>\n";
    auto row = [&](const std::string& id, const std::string& label) {
        const std::string p = "personnel." + id + ".";
        out += "<tr><td>" + escape_xml(label) + "</td>";
        for (const char* metric : {"planned_initial", "planned_rotations", "arrived", "peak_in_theatre_net",
                                   "peak_handover_overlap", "ready_end", "not_landed"})
            out += "<td class=\"num\">" + estimate_html(report.metric(p + metric), 1, 0) + "</td>";
        out += "<td class=\"num\">" + estimate_html(report.metric(p + "mean_arrival_delay_days"), 1, 1) +
               "</td></tr>\n";
    };
    for (const Contingent& c : scenario.contingents) row(c.id, c.country + " (" + c.id + ")");
    row("all", "All contingents");
    return out + "</tbody>\n</table>\n" +
           note("Planned waves are the scenario's; rotations, the replacements the model planned. The peak "
                "leaves out officers whose relief had already landed (the handover overlap, shown apart). Mean "
                "delay is over landed officers; those not landed by the end are counted apart.") +
           "</section>\n";
}

std::string coverage_section(const Report& report, const Scenario& scenario) {
    std::string out = "<section id=\"coverage\">\n<h2>Patrol coverage</h2>\n";
    const SeriesSummary* ratio = find_series(report, "coverage", "all", "patrol_ratio");
    const SeriesSummary* within = find_series(report, "coverage", "all", "population_within_target");
    if (ratio == nullptr || within == nullptr)
        return out + note("No theatre in this scenario: patrols and incidents are not simulated.") +
               "</section>\n";
    Chart chart = dated_chart(report, "Patrol coverage over time", "share (%)");
    chart.y_percent = true;
    chart.series.push_back(chart_series(*ratio, "patrol ratio (patrol team-hours / demand)"));
    chart.series.push_back(chart_series(*within, "population within the response target"));
    out += figure(line_chart(chart),
                  "Daily population-weighted patrol ratio and time-averaged share of the population a free "
                  "team can reach; lines are means, bands 95% confidence intervals across replications. " +
                      escape_xml(coverage_explained(scenario)));
    if (const SeriesSummary* teams = find_series(report, "coverage", "all", "teams_fielded")) {
        Chart fielded = dated_chart(report, "Patrol teams fielded", "teams fielded (day mean)");
        fielded.height = 240;
        fielded.series.push_back(chart_series(*teams, "teams fielded"));
        out += figure(line_chart(fielded), "Teams on the roster, averaged over each day, with 95% band.");
    }
    return out + "</section>\n";
}

std::string limits_section(const Report& report) {
    std::string out = "<section id=\"limits\">\n<h2>What limits the patrols</h2>\n";
    const std::optional<LimitsSummary> limits = summarize_limits(report);
    if (!limits) return out + note("No theatre in this scenario: no patrols.") + "</section>\n";
    out += "<p>" + escape_xml(describe_limits(*limits, report)) + "</p>\n";

    // The teams each resource alone allows, beside demand and the roster.
    Chart allow = dated_chart(report, "Teams each resource allows", "teams");
    const std::pair<const char*, const char*> lines[] = {
        {"demand", "demand"}, {"officers_allow", "officers allow"}, {"vehicles_allow", "vehicles allow"},
        {"money_allow", "money allows"}, {"fielded", "fielded"}};
    for (const auto& [metric, label] : lines) {
        const SeriesSummary* s = find_series(report, "constraints", "all", metric);
        bool any = false;
        if (s != nullptr)
            for (const Summary& day : s->by_day) any = any || std::isfinite(day.mean);
        if (!any) continue;
        allow.series.push_back(chart_series(*s, label));
        if (std::string_view(metric) == "fielded") allow.series.back().colour = "#000000";
    }
    out += figure(line_chart(allow),
                  "The teams the ready officers, the vehicles in service and the money would each allow on "
                  "their own (means over each day's shift starts; a resource without a line never limited), "
                  "the zones' demand and the teams fielded. The lowest line is what binds.");

    Chart bound = dated_chart(report, "Share of shifts each resource bound", "shifts (%)");
    bound.y_percent = true;
    bound.height = 240;
    for (const char* metric : {"bound_officers", "bound_vehicles", "bound_money", "demand_met"})
        if (const SeriesSummary* s = find_series(report, "constraints", "all", metric))
            bound.series.push_back(chart_series(*s, metric_label("constraints." + std::string(metric),
                                                                 MetricKind::daily)));
    for (ChartSeries& line : bound.series) {  // bands would hide each other
        line.low.clear();
        line.high.clear();
    }
    out += figure(line_chart(bound),
                  "Share of each day's shifts at which officers, vehicles or money bound (the teams it alone "
                  "allows were the teams fielded; ties count for each), or demand was met; means across "
                  "replications.");
    return out + "</section>\n";
}

std::string response_section(const Report& report, const Scenario& scenario) {
    std::string out = "<section id=\"response\">\n<h2>Response time</h2>\n";
    const auto cdf = response_cdf(report);
    bool any = false;
    for (const auto& point : cdf) any = any || std::isfinite(point.second->mean);
    if (!any)
        return out +
               note(scenario.theatre.zones.empty() ? "No theatre in this scenario: no incidents."
                                                   : "No incident was answered in any replication.") +
               "</section>\n";

    const double target_min = scenario.patrols.response_target * 60;
    // Show the bulk of the distribution: up to where 98% are answered (at
    // least an hour or twice the target, at most 4 hours); the summary line
    // gives the share beyond.
    double shown_max = std::max(60.0, 2 * target_min);
    for (const auto& [limit, s] : cdf) {
        if (limit < shown_max) continue;
        shown_max = limit;
        if (!(s->mean < 0.98) || limit >= 240) break;
    }
    ChartSeries line;
    line.label = "share answered within the time (CDF)";
    line.x = {0};
    line.y = line.low = line.high = {0};
    for (const auto& [limit, s] : cdf) {
        if (limit > shown_max) break;
        line.x.push_back(limit);
        line.y.push_back(s->mean);
        line.low.push_back(std::max(0.0, s->ci_low));
        line.high.push_back(std::min(1.0, s->ci_high));
    }
    Chart chart;
    chart.title = "Response-time distribution";
    chart.x_label = "response time, incident to first team on scene (min)";
    chart.y_label = "answered within (%)";
    chart.y_percent = true;
    chart.x_min = 0;
    chart.x_max = shown_max;
    chart.series.push_back(line);
    chart.markers.push_back({target_min, "target " + format_quantity(target_min, 0) + " min"});

    std::string summary = "Within the target of " + format_quantity(target_min, 0) +
                          " min: " + estimate_html(report.metric("response.within_target_share"), 100, 1, "%") +
                          "; median " + estimate_html(report.metric("response.p50_min"), 1, 1, " min") +
                          "; 90th percentile " + estimate_html(report.metric("response.p90_min"), 1, 1, " min");
    const double last_shown = line.x.back();
    if (cdf.back().first > last_shown && line.y.size() > 1 && std::isfinite(line.y.back()))
        summary += "; longer than " + format_quantity(last_shown, 0) + " min: " + percent(1 - line.y.back(), 1);
    out += "<p>" + summary + ".</p>\n";
    out += figure(line_chart(chart),
                  "Share of answered incidents whose first team was on scene within each time (mean and 95% "
                  "band across replications); the dashed line is the scenario's response target.");

    // Histogram: shares per bin are differences of the CDF's means.
    std::vector<double> edges{0}, heights;
    double previous = 0;
    for (const auto& [limit, s] : cdf) {
        if (limit > std::min(shown_max, 120.0)) break;  // the 5-min bins
        edges.push_back(limit);
        heights.push_back(std::isfinite(s->mean) ? s->mean - previous : kNaN);
        previous = std::isfinite(s->mean) ? s->mean : previous;
    }
    Chart bars;
    bars.title = "Response-time histogram";
    bars.x_label = "response time (min), " + format_quantity(edges.size() > 1 ? edges[1] : 5, 0) + "-min bins";
    bars.y_label = "share of answered (%)";
    bars.y_percent = true;
    bars.height = 240;
    bars.markers.push_back({target_min, "target"});
    out += figure(
        histogram_chart(bars, edges, heights, palette_colour(0)),
        "Mean share of answered incidents in each bin (up to " + format_quantity(edges.back(), 0) + " min).");

    const SeriesSummary* p50 = find_series(report, "coverage", "all", "response_p50_min");
    const SeriesSummary* p90 = find_series(report, "coverage", "all", "response_p90_min");
    if (p50 != nullptr && p90 != nullptr) {
        Chart daily = dated_chart(report, "Daily response time", "response time (min)");
        daily.height = 260;
        daily.series.push_back(chart_series(*p50, "median"));
        daily.series.push_back(chart_series(*p90, "90th percentile"));
        out += figure(line_chart(daily),
                      "Median and 90th percentile of each day's response times; "
                      "gaps are days without an answered incident.");
    }
    return out + "</section>\n";
}

std::string funding_section(const Report& report, const Scenario& scenario) {
    std::string out = "<section id=\"funding\">\n<h2>Funding</h2>\n";
    const std::vector<std::pair<const char*, const char*>> wanted = {
        {"balance", "balance"},
        {"cumulative_receipts", "cumulative receipts"},
        {"cumulative_spending", "cumulative spending"}};
    std::vector<const SeriesSummary*> found;
    std::vector<std::string> labels;
    for (const auto& [metric, label] : wanted)
        if (const SeriesSummary* s = find_series(report, "funding", "all", metric)) {
            found.push_back(s);
            labels.push_back(label);
        }
    if (found.empty()) return out + note("No funding model in this scenario.") + "</section>\n";

    const MoneyScale scale = money_scale(found, scenario.currency);
    Chart chart = dated_chart(report, "Funding balance, receipts and spending", scale.unit);
    double lowest = 0;
    for (std::size_t i = 0; i < found.size(); ++i) {
        chart.series.push_back(chart_series(*found[i], labels[i], 1 / scale.divisor));
        for (double v : chart.series.back().low)
            if (std::isfinite(v)) lowest = std::min(lowest, v);
    }
    if (lowest < 0) chart.y_min = nice_ticks(lowest, 0, 5).front();
    out += figure(line_chart(chart),
                  "The pooled fund's balance at the end of each day and the receipts and "
                  "spending to date, in " +
                      escape_xml(scale.unit) + "; means with 95% bands across replications.");

    std::string rows;
    for (const MetricSummary& m : report.metrics) {
        const MetricInfo* info = find_metric(m.name);
        if (!m.name.starts_with("funding.") || info == nullptr) continue;
        const MetricDisplay display = metric_display(*info, scenario.currency);
        const std::string label = with_unit(*info, display_label(scenario, *info, m.name), scenario.currency);
        rows += "<tr><td>" + escape_xml(label) + "</td><td class=\"num\">" +
                estimate_html(&m.summary, display.scale, display.decimals) + "</td></tr>\n";
    }
    if (!rows.empty())
        out +=
            "<table>\n<thead><tr><th>Metric</th><th class=\"num\">mean (95% CI)</th></tr></thead>\n<tbody>\n" +
            rows + "</tbody>\n</table>\n";
    return out + "</section>\n";
}

std::string other_series_section(const Report& report, const Scenario& scenario) {
    constexpr std::size_t kMaxLines = 16;
    constexpr std::size_t kMaxBands = 2;  // more bands hide each other
    std::string out;
    for (const std::string& table : report.tables()) {
        if (table == "personnel" || table == "coverage" || table == "funding" || table == "constraints") continue;
        std::vector<std::string> metrics;
        std::map<std::string, std::vector<const SeriesSummary*>> by_metric;
        for (const SeriesSummary& s : report.series) {
            if (s.table != table) continue;
            if (!by_metric.contains(s.metric)) metrics.push_back(s.metric);
            by_metric[s.metric].push_back(&s);
        }
        out += "<h3>" + escape_xml(table) + ".csv</h3>\n";
        for (const std::string& metric : metrics) {
            // "all" is drawn last, black and dashed, so that it stays visible
            // when it coincides with a single entity.
            std::vector<const SeriesSummary*> lines = by_metric[metric];
            std::stable_partition(lines.begin(), lines.end(),
                                  [](const SeriesSummary* s) { return s->entity != "all"; });
            if (lines.size() > kMaxLines) lines.erase(lines.begin() + kMaxLines - 1, lines.end() - 1);
            const std::string name = table + "." + metric;
            const bool percent = drawn_as_percent(find_metric(name, MetricKind::daily));
            const std::string label = metric_label(name, MetricKind::daily);
            Chart chart = dated_chart(report, table + ": " + label,
                                      percent ? label + " (%)" : metric_heading(name, scenario.currency,
                                                                                MetricKind::daily));
            chart.y_percent = percent;
            chart.height = 260;
            for (const SeriesSummary* line : lines) {
                const std::string entity = display_name(scenario, line->entity);
                chart.series.push_back(chart_series(*line, entity == "all" ? "all (mission)" : entity));
                if (line->entity == "all") {
                    chart.series.back().colour = "#000000";
                    chart.series.back().dashed = true;
                }
                if (lines.size() > kMaxBands) {
                    chart.series.back().low.clear();
                    chart.series.back().high.clear();
                }
            }
            std::string caption = "Daily " + escape_xml(label) +
                                  " by entity, means across replications" +
                                  std::string(lines.size() > kMaxBands ? "" : " with 95% bands");
            if (by_metric[metric].size() > lines.size())
                caption += "; " + std::to_string(lines.size()) + " of " +
                           std::to_string(by_metric[metric].size()) + " entities are drawn (all are in " +
                           escape_xml(table) + ".csv)";
            out += figure(line_chart(chart), caption + ".");
        }
    }
    if (out.empty()) return out;
    return "<section id=\"more\">\n<h2>Other daily series</h2>\n" + out + "</section>\n";
}

}  // namespace mmsim::detail
