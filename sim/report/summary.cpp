// The summary table `mmsim run` prints: readable in a terminal, one section per
// part of the model that the scenario uses.

#include <cmath>
#include <cstdio>
#include <ostream>
#include <string>
#include <utility>

#include "mmsim/report.hpp"

namespace mmsim {
namespace {

// "12.3" for one replication or no spread, "12.3 ± 0.4" otherwise.
std::string estimate(const Summary* s, int decimals) {
    if (s == nullptr || s->n == 0 || !std::isfinite(s->mean)) return "-";
    char buffer[64];
    double half = (s->ci_high - s->ci_low) / 2;
    if (s->n > 1 && half > 0)
        std::snprintf(buffer, sizeof buffer, "%.*f ± %.*f", decimals, s->mean, decimals, half);
    else
        std::snprintf(buffer, sizeof buffer, "%.*f", decimals, s->mean);
    return buffer;
}

std::string pad(const std::string& text, std::size_t width) {
    // Count code points, not bytes, so "±" and accented names line up.
    std::size_t length = 0;
    for (unsigned char c : text) length += (c & 0xC0) != 0x80;
    return length >= width ? text + " " : text + std::string(width - length, ' ');
}

std::string rpad(const std::string& text, std::size_t width) {
    std::size_t length = 0;
    for (unsigned char c : text) length += (c & 0xC0) != 0x80;
    return length >= width ? " " + text : std::string(width - length, ' ') + text;
}

void print_contingents(const Report& report, const Scenario& scenario, std::ostream& out) {
    out << pad("Contingent", 26) << rpad("planned", 14) << rpad("arrived", 14)
        << rpad("ready at end", 14) << rpad("peak in theatre", 17) << rpad("mean delay (d)", 16)
        << "\n";
    auto row = [&](const std::string& id, const std::string& label) {
        const std::string p = "personnel." + id + ".";
        out << pad(label, 26) << rpad(estimate(report.metric(p + "planned"), 0), 14)
            << rpad(estimate(report.metric(p + "arrived"), 0), 14)
            << rpad(estimate(report.metric(p + "ready_end"), 0), 14)
            << rpad(estimate(report.metric(p + "peak_in_theatre"), 0), 17)
            << rpad(estimate(report.metric(p + "mean_arrival_delay_days"), 1), 16) << "\n";
    };
    for (const Contingent& c : scenario.contingents) row(c.id, c.country + " (" + c.id + ")");
    row("all", "All contingents");
}

struct Line {
    const char* metric;
    const char* label;
    double scale;
    int decimals;
};

void print_lines(const Report& report, const char* title, std::span<const Line> lines,
                 std::ostream& out) {
    if (report.metric(lines.front().metric) == nullptr) return;
    out << "\n" << title << "\n";
    for (const Line& line : lines) {
        const Summary* s = report.metric(line.metric);
        if (s == nullptr) continue;
        Summary scaled = *s;
        scaled.mean *= line.scale;
        scaled.ci_low *= line.scale;
        scaled.ci_high *= line.scale;
        out << "  " << pad(line.label, 44) << estimate(&scaled, line.decimals) << "\n";
    }
}

// Money in millions of the scenario's currency, then what shortfalls and
// vehicles did; each section only when the scenario has it.
void print_sustainment(const Report& report, const Scenario& scenario, std::ostream& out) {
    const std::string millions = " (million " + scenario.currency + ")";
    const std::string units = " (" + scenario.currency + ")";
    const std::string labels[] = {
        "received" + millions,          "spent" + millions,
        "  personnel" + millions,       "  deployment" + millions,
        "  overhead" + millions,        "  operations" + millions,
        "  vehicles" + millions,        "balance at the end" + millions,
        "lowest balance" + millions,    "unpaid bills at the end" + millions,
        "days in shortfall",            "runway at the end (days)",
        "teams not fielded for want of money",
        "cost per covered patrol hour" + units,
        "cost per answered incident" + units,
    };
    const Line funding[] = {
        {"funding.received.all", labels[0].c_str(), 1e-6, 1},
        {"funding.spent.all", labels[1].c_str(), 1e-6, 1},
        {"funding.spent.personnel", labels[2].c_str(), 1e-6, 1},
        {"funding.spent.deployment", labels[3].c_str(), 1e-6, 1},
        {"funding.spent.overhead", labels[4].c_str(), 1e-6, 1},
        {"funding.spent.operations", labels[5].c_str(), 1e-6, 1},
        {"funding.spent.vehicles", labels[6].c_str(), 1e-6, 1},
        {"funding.balance_end", labels[7].c_str(), 1e-6, 1},
        {"funding.balance_min", labels[8].c_str(), 1e-6, 1},
        {"funding.arrears_end", labels[9].c_str(), 1e-6, 1},
        {"funding.shortfall_days", labels[10].c_str(), 1, 0},
        {"funding.runway_days_end", labels[11].c_str(), 1, 0},
        {"funding.teams_not_fielded", labels[12].c_str(), 1, 1},
        {"personnel.all.deferred_officer_days", "officer-days held back for want of money", 1, 0},
        {"funding.withdrawals", "contingents withdrawn for want of money", 1, 0},
        {"funding.cost_per_covered_patrol_hour", labels[13].c_str(), 1, 0},
        {"funding.cost_per_answered_incident", labels[14].c_str(), 1, 0},
    };
    static constexpr Line kVehicles[] = {
        {"vehicles.delivered", "vehicles delivered", 1, 0},
        {"vehicles.availability", "availability (share of time up)", 1, 3},
        {"vehicles.failures", "failures on duty", 1, 0},
        {"vehicles.mean_repair_days", "repair time, mean (days)", 1, 1},
        {"vehicles.teams_not_fielded", "teams not fielded for want of vehicles", 1, 1},
        {"vehicles.fleet_cost", "fleet cost, purchases and upkeep (million)", 1e-6, 1},
    };
    print_lines(report, "Funding", funding, out);
    print_lines(report, "Vehicles", kVehicles, out);
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

}  // namespace

void print_summary(const Report& report, const Scenario& scenario, std::ostream& out) {
    const std::string hash = format_hash(report.scenario_hash);
    out << "mmsim " << MMSIM_VERSION << " | " << report.scenario_name << " (" << report.scenario_file
        << ")\n"
        << format_date(report.start) << " to " << format_date(report.end) << " ("
        << scenario.days() << " days), " << report.replications << " replications, seed "
        << report.seed << ", scenario hash " << hash << "\n"
        << "Figures are means with 95% confidence half-widths across replications.\n\n";
    print_contingents(report, scenario, out);

    static constexpr Line kCoverage[] = {
        {"coverage.patrol_ratio", "patrol ratio (share of demand)", 1, 3},
        {"coverage.population_within_target", "population within response target", 1, 3},
        {"teams.mean_workload", "team workload (share of time busy)", 1, 3},
    };
    static constexpr Line kResponse[] = {
        {"incidents.total", "incidents", 1, 0},
        {"incidents.unanswered_share", "unanswered share", 1, 3},
        {"response.mean_min", "response time, mean (min)", 1, 1},
        {"response.p50_min", "response time, median (min)", 1, 1},
        {"response.p90_min", "response time, 90th percentile (min)", 1, 1},
        {"response.within_target_share", "answered within target", 1, 3},
        {"dispatch.mean_wait_min", "wait for a team, mean (min)", 1, 1},
        {"dispatch.cross_zone_share", "dispatches across zones", 1, 3},
    };
    print_lines(report, "Coverage", kCoverage, out);
    print_lines(report, "Incidents and response", kResponse, out);
    print_control(report, scenario, out);
    print_sustainment(report, scenario, out);
}

}  // namespace mmsim
