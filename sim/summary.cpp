// The summary table `mmsim run` prints: readable in a terminal, one section per
// part of the model that the scenario uses.

#include <cmath>
#include <cstdio>
#include <ostream>
#include <string>

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

}  // namespace

void print_summary(const Report& report, const Scenario& scenario, std::ostream& out) {
    char hash[20];
    std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(report.scenario_hash));
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
}

}  // namespace mmsim
