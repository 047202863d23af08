// The summary table `mmsim run` prints: readable in a terminal, one section per
// part of the model that the scenario uses.

#include <cassert>
#include <cmath>
#include <cstdio>
#include <algorithm>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <utility>

#include "mmsim/limits.hpp"
#include "mmsim/metrics.hpp"
#include "mmsim/report.hpp"
#include "report/chart_axes.hpp"
#include "report/text_width.hpp"

namespace mmsim {
namespace {

// "12.3" for one replication or no spread, "12.3 ± 0.4" otherwise.
std::string estimate(const Summary* s, int decimals) {
    if (s == nullptr || s->n == 0 || !std::isfinite(s->mean)) return "-";
    char buffer[64];
    double half = (s->ci_high - s->ci_low) / 2;
    // A half-width that rounds to nothing (a constant figure's rounding
    // noise across replications) is not shown as "± 0.0".
    if (s->n > 1 && half >= 0.5 * std::pow(10.0, -decimals))
        std::snprintf(buffer, sizeof buffer, "%.*f ± %.*f", decimals, s->mean, decimals, half);
    else
        std::snprintf(buffer, sizeof buffer, "%.*f", decimals, s->mean);
    return buffer;
}

// estimate() in the metric's display unit (a share in %, money in millions).
std::string shown(const Summary* s, const MetricDisplay& display) {
    if (s == nullptr) return "-";
    Summary scaled = *s;
    scaled.mean *= display.scale;
    scaled.ci_low *= display.scale;
    scaled.ci_high *= display.scale;
    return estimate(&scaled, display.decimals);
}

// Left- and right-aligned in `width` columns, with at least one space apart.
std::string pad(const std::string& text, std::size_t width) {
    const std::size_t length = detail::display_width(text);
    return length >= width ? text + " " : text + std::string(width - length, ' ');
}

std::string rpad(const std::string& text, std::size_t width) {
    const std::size_t length = detail::display_width(text);
    return length >= width ? " " + text : std::string(width - length, ' ') + text;
}

void print_contingents(const Report& report, const Scenario& scenario, std::ostream& out) {
    out << pad("Contingent", 26) << rpad("planned", 10) << rpad("rotations", 11) << rpad("arrived", 10)
        << rpad("ready at end", 14) << rpad("peak in theatre", 17) << rpad("mean delay (d)", 16) << "\n";
    auto row = [&](const std::string& id, const std::string& label) {
        const std::string p = "personnel." + id + ".";
        out << pad(label, 26) << rpad(estimate(report.metric(p + "planned_initial"), 0), 10)
            << rpad(estimate(report.metric(p + "planned_rotations"), 0), 11)
            << rpad(estimate(report.metric(p + "arrived"), 0), 10)
            << rpad(estimate(report.metric(p + "ready_end"), 0), 14)
            << rpad(estimate(report.metric(p + "peak_in_theatre_net"), 0), 17)
            << rpad(estimate(report.metric(p + "mean_arrival_delay_days"), 1), 16) << "\n";
    };
    for (const Contingent& c : scenario.contingents) row(c.id, c.country + " (" + c.id + ")");
    row("all", "All contingents");
    // What the columns leave out, in one line each when it is not nothing.
    auto figure = [&](const char* name) {
        const Summary* s = report.metric(std::string("personnel.all.") + name);
        return s != nullptr && s->n > 0 && s->mean > 0 ? estimate(s, 0) : std::string();
    };
    if (const std::string overlap = figure("peak_handover_overlap"); !overlap.empty())
        out << "Peak in theatre leaves out officers whose relief had landed (handover overlap, at most " << overlap
            << " at once; with them " << estimate(report.metric("personnel.all.peak_in_theatre"), 0) << ").\n";
    for (const Contingent& c : scenario.contingents) {
        const Summary* late = report.metric("personnel." + c.id + ".mean_delay_vs_plan_days");
        if (late != nullptr && late->n > 0)
            out << c.country << "'s waves with a plan date (waves[].plan) landed " << estimate(late, 0)
                << " days after it on average.\n";
    }
    if (const std::string unlanded = figure("not_landed"); !unlanded.empty())
        out << "Not landed by the end: " << unlanded << " officers in " << figure("waves_not_landed")
            << " waves (mean delay counts landed officers only).\n";
}

// One line per metric the report has, labelled, scaled and rounded as the
// metric registry says; nothing when the first metric is missing (a part of
// the model the scenario does not use).
void print_lines(const Report& report, const Scenario& scenario, const char* title,
                 std::span<const std::string_view> names, std::ostream& out) {
    if (report.metric(std::string(names.front())) == nullptr) return;
    out << "\n" << title << "\n";
    for (std::string_view name : names) {
        const Summary* s = report.metric(std::string(name));
        const MetricInfo* info = find_metric(name);
        assert(info != nullptr && "a summary line names an unregistered metric");
        if (s == nullptr || info == nullptr) continue;
        out << "  " << pad(metric_heading(name, scenario.currency), 50)
            << shown(s, metric_display(*info, scenario.currency)) << "\n";
    }
}

// Money, then what shortfalls and vehicles did; each section only when the
// scenario has it.
void print_sustainment(const Report& report, const Scenario& scenario, std::ostream& out) {
    static constexpr std::string_view kFunding[] = {
        "funding.received.all",      "funding.spent.all",
        "funding.spent.personnel",   "funding.spent.deployment",
        "funding.spent.overhead",    "funding.spent.operations",
        "funding.spent.vehicles",    "funding.balance_end",
        "funding.balance_min",       "funding.arrears_end",
        "funding.personnel_arrears_max", "funding.days_personnel_unpaid",
        "funding.in_kind.all",
        "funding.shortfall_days",    "funding.runway_days_end",
        "funding.teams_not_fielded", "personnel.all.deferred_officer_days",
        "funding.withdrawals",       "funding.cost_per_covered_patrol_hour",
        "funding.cost_per_answered_incident",
    };
    static constexpr std::string_view kVehicles[] = {
        "vehicles.delivered",        "vehicles.availability",      "vehicles.failures",
        "vehicles.mean_repair_days", "vehicles.teams_not_fielded", "vehicles.fleet_cost",
    };
    print_lines(report, scenario, "Funding", kFunding, out);
    print_lines(report, scenario, "Vehicles", kVehicles, out);
}

// Text indented by two spaces, wrapped to 80 columns.
void print_wrapped(const std::string& text, std::ostream& out) {
    std::string line = " ";
    std::istringstream words(text);
    for (std::string word; words >> word;) {
        if (detail::display_width(line) + 1 + detail::display_width(word) > 78) {
            out << line << "\n";
            line = " ";
        }
        line += " " + word;
    }
    out << line << "\n";
}

// What limits the patrols: the shares of shifts each resource bound, the
// teams short by cause, and the same in words, wrapped to the terminal.
void print_limits(const Report& report, const Scenario& scenario, std::ostream& out) {
    static constexpr std::string_view kLimits[] = {
        "constraints.demand_teams",         "constraints.fielded_teams",
        "constraints.bound_officers",       "constraints.bound_vehicles",
        "constraints.bound_money",          "constraints.demand_met",
        "constraints.teams_short_officers", "constraints.teams_short_vehicles",
        "constraints.teams_short_money"};
    const std::optional<LimitsSummary> limits = summarize_limits(report);
    if (!limits) return;
    print_lines(report, scenario, "What limits the patrols (at shift starts)", kLimits, out);
    print_wrapped(describe_limits(*limits, report), out);
}

// Incidents, waits, responses and losses by severity class, when there are
// several (the whole run's, after any warm-up).
void print_classes(const Report& report, const Scenario& scenario, std::ostream& out) {
    const auto& classes = scenario.incidents.classes;
    if (classes.size() < 2 || report.metric("classes." + classes[0].id + ".incidents") == nullptr) return;
    static constexpr std::string_view kColumns[] = {"incidents", "dispatch.mean_wait_min", "response.mean_min",
                                                    "unanswered_share"};
    out << "\nIncidents by class (priority)\n  " << pad("Class", 24) << rpad("incidents", 16)
        << rpad("mean wait (min)", 16) << rpad("response (min)", 16) << rpad("unanswered (%)", 16) << "\n";
    for (const IncidentClass& c : classes) {
        const std::string p = "classes." + c.id + ".";
        out << "  " << pad(c.id + " (" + std::to_string(c.priority) + ")", 24);
        for (std::string_view column : kColumns) {
            const std::string name = p + std::string(column);
            const MetricInfo* info = find_metric(name);
            assert(info != nullptr && "a class column names an unregistered metric");
            out << rpad(info ? shown(report.metric(name), metric_display(*info, scenario.currency)) : "-", 16);
        }
        out << "\n";
    }
}

// Gang control over the capital, then zone by zone: start (the scenario's
// values), mean over the days, end, and days until below the threshold.
void print_control(const Report& report, const Scenario& scenario, std::ostream& out) {
    if (report.metric("control.mean") == nullptr) return;
    const ControlDynamics& control = scenario.control;
    char threshold[32];
    std::snprintf(threshold, sizeof threshold, "%.2f", control.threshold);
    // The mean over the replications that got there, and how many did.
    auto days = [&](const std::string& name) {
        const Summary* s = report.metric(name);
        if (s == nullptr || s->n == 0) return std::string("never");
        std::string text = estimate(s, 0);
        if (static_cast<int>(s->n) < report.replications)
            text += " (" + std::to_string(s->n) + " of " + std::to_string(report.replications) + ")";
        return text;
    };
    out << "\nGang control (share held by gangs; " << (control.dynamic() ? "dynamic" : "static: every rate 0")
        << ")\n";
    const std::string below = std::string("days until below ") + threshold;
    // The start is the scenario's, the same in every replication: no interval.
    Summary start = report.metric("control.start") ? *report.metric("control.start") : Summary{};
    start.ci_low = start.ci_high = start.mean;
    const std::pair<std::string, std::string> lines[] = {
        {"at the start (population-weighted)", estimate(&start, 3)},
        {"mean over the days", estimate(report.metric("control.mean"), 3)},
        {"at the end", estimate(report.metric("control.end"), 3)},
        {below, days("control.days_to_threshold")},
    };
    for (const auto& [label, value] : lines) out << "  " << pad(label, 44) << value << "\n";
    out << "  " << pad("Zone", 24) << rpad("start", 7) << rpad("mean", 16) << rpad("end", 16)
        << rpad(below, 26) << "\n";
    // A long zone list stays in report.json and control.csv.
    constexpr std::size_t kMaxZoneRows = 30;
    const auto& zones = scenario.theatre.zones;
    for (std::size_t z = 0; z < zones.size() && z < kMaxZoneRows; ++z) {
        const Zone& zone = zones[z];
        const std::string p = "control." + zone.id + ".";
        char start[16];
        std::snprintf(start, sizeof start, "%.3f", zone.gang_control);
        out << "  " << pad(zone.name, 24) << rpad(start, 7) << rpad(estimate(report.metric(p + "mean"), 3), 16)
            << rpad(estimate(report.metric(p + "end"), 3), 16) << rpad(days(p + "days_to_threshold"), 26)
            << "\n";
    }
    if (zones.size() > kMaxZoneRows)
        out << "  (" << zones.size() - kMaxZoneRows << " more zones in report.json and control.csv)\n";
}

// Each window's figures beside the whole run's, two windows to a block so
// that a line fits 80 columns.
void print_windows(const Report& report, const Scenario& scenario, std::ostream& out) {
    if (report.windows.empty()) return;
    out << "\nTime windows (flows over the window's days; stocks at the end of its last day)\n";
    constexpr std::size_t kPerBlock = 2, kLabel = 40, kColumn = 19;
    for (std::size_t first = 0; first < report.windows.size(); first += kPerBlock) {
        const std::size_t last = std::min(report.windows.size(), first + kPerBlock);
        std::string names = "  " + pad("", kLabel) + rpad("whole run", kColumn);
        std::string from = "  " + pad("", kLabel) + rpad("from " + format_date(report.start), kColumn);
        std::string to = "  " + pad("", kLabel) + rpad("to " + format_date(report.end), kColumn);
        for (std::size_t w = first; w < last; ++w) {
            const TimeWindow& window = report.windows[w];
            names += rpad(window.name, kColumn);
            from += rpad("from " + format_date(window.from), kColumn);
            to += rpad("to " + format_date(window.to), kColumn);
        }
        out << (first > 0 ? "\n" : "") << names << "\n" << from << "\n" << to << "\n";
        for (std::string_view name : window_table_metrics()) {
            const MetricInfo* info = find_metric(name);
            assert(info != nullptr && "a window line names an unregistered metric");
            if (info == nullptr) continue;
            const MetricDisplay display = metric_display(*info, scenario.currency);
            auto cell = [&](const Summary* s) { return rpad(shown(s, display), kColumn); };
            std::string line = "  " + pad(metric_heading(name, scenario.currency), kLabel) +
                               cell(report.metric(std::string(name)));
            bool any = false;
            for (std::size_t w = first; w < last; ++w) {
                const Summary* s = report.metric("window." + report.windows[w].name + "." + std::string(name));
                any = any || s != nullptr;
                line += cell(s);
            }
            if (any) out << line << "\n";
        }
    }
}

}  // namespace

std::span<const std::string_view> window_table_metrics() {
    static constexpr std::string_view kMetrics[] = {
        "coverage.patrol_ratio",         "coverage.population_within_target",
        "response.mean_min",             "response.p90_min",
        "response.within_target_share",  "incidents.total",
        "incidents.unanswered_share",    "constraints.bound_officers",
        "constraints.bound_vehicles",    "constraints.bound_money",
        "constraints.fielded_teams",     "personnel.all.in_theatre_end",
        "personnel.all.ready_end",       "control.mean",
        "control.end",                   "funding.spent.all",
        "funding.balance_end",           "funding.shortfall_days",
    };
    return kMetrics;
}

std::string coverage_explained(const Scenario& scenario) {
    if (scenario.theatre.zones.empty()) return "";
    double demand = 0;
    bool own_demand = false;
    for (const Zone& zone : scenario.theatre.zones) {
        demand += zone_demand_teams(zone, scenario.patrols);
        own_demand = own_demand || zone.demand_teams.has_value();
    }
    const std::string norm = own_demand ? "the zones' own demand"
                                        : "a demand of " +
                                              detail::format_quantity(scenario.patrols.demand_teams_per_100k, 1) +
                                              " teams per 100,000 people";
    return "Patrol ratio: patrol team-hours over " + norm + " (" + detail::format_quantity(demand, 0) +
           " teams in all), a planning norm, not a measured need. Population within target: people a free "
           "team can reach within " + detail::format_quantity(scenario.patrols.response_target * kMinutesPerHour, 0) +
           " min, a zone counting in part. A few teams on standby can reach many people while patrolling "
           "little of what the norm asks.";
}

void print_summary(const Report& report, const Scenario& scenario, std::ostream& out) {
    const std::string hash = format_hash(report.scenario_hash);
    out << "mmsim " << MMSIM_VERSION << " | " << report.scenario_name << " (" << report.scenario_file
        << ")\n"
        << format_date(report.start) << " to " << format_date(report.end) << " ("
        << scenario.days() << " days), " << report.replications << " replications, seed "
        << report.seed << ", scenario hash " << hash << "\n"
        << "Figures are means with 95% confidence half-widths across replications.\n";
    if (const int warm_up_days = static_cast<int>(scenario.incidents.warm_up / kHoursPerDay); warm_up_days > 0)
        out << "Warm-up: coverage, incident and response figures leave out the first " << warm_up_days
            << " days (they count from " << format_date(add_days(scenario.start, warm_up_days)) << ").\n";
    // What makes this run differ from the scenario file's own.
    if (!report.label.empty()) out << "Label: " << report.label << "\n";
    for (const std::string& argument : report.overrides) out << "What-if: --set " << argument << "\n";
    for (std::size_t i = 1; i < report.files.size(); ++i)
        out << "Extends: " << report.files[i].path << " (hash " << format_hash(report.files[i].hash) << ")\n";
    out << "Reproduce: " << report.reproduce() << "\n\n";
    print_contingents(report, scenario, out);

    static constexpr std::string_view kCoverage[] = {
        "coverage.patrol_ratio", "coverage.population_within_target", "teams.mean_workload"};
    static constexpr std::string_view kResponse[] = {
        "incidents.total",   "incidents.unanswered_share",   "response.mean_min",
        "response.p50_min",  "response.p90_min",             "response.within_target_share",
        "dispatch.mean_wait_min", "dispatch.cross_zone_share"};
    print_lines(report, scenario, "Coverage", kCoverage, out);
    if (report.metric("coverage.patrol_ratio") != nullptr)
        print_wrapped(coverage_explained(scenario), out);
    print_lines(report, scenario, "Incidents and response", kResponse, out);
    print_classes(report, scenario, out);
    print_limits(report, scenario, out);
    print_control(report, scenario, out);
    print_sustainment(report, scenario, out);
    print_windows(report, scenario, out);
}

}  // namespace mmsim
