#include "mmsim/work_limits.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "mmsim/error.hpp"
#include "mmsim/runner.hpp"

namespace mmsim {
namespace {

// Events the loop handles for one incident: arrival, travel, arrival on
// scene, departure (measured on the shipped scenarios: 3.1 to 3.6).
constexpr double kEventsPerIncident = 4;
// Daily series of one replication: about 20 for the whole theatre and 8 per
// zone, contingent, fleet or funding source (counted on mss-2024.yaml).
constexpr double kSeriesFixed = 40;
constexpr double kSeriesPerEntity = 8;
// Bytes of one waiting incident (measured: 68 with every class waiting
// `never` on tiny.yaml).
constexpr double kBytesPerWaitingIncident = 96;
constexpr double kBytesPerMib = 1024.0 * 1024.0;

std::string figure(double value) {
    char text[32];
    std::snprintf(text, sizeof text, value < 1e6 ? "%.0f" : "%.3g", value);
    return text;
}

std::string thread_count(int threads) {
    return std::to_string(threads) + (threads == 1 ? " thread" : " threads");
}

}  // namespace

WorkEstimate estimate_work(const Scenario& scenario, int threads) {
    WorkEstimate work;
    const double days = scenario.days();
    const double replications = scenario.replications;
    double rate_per_day = 0;
    for (const Zone& zone : scenario.theatre.zones)
        rate_per_day += zone.incident_rate_per_day *
                        (1 + std::max(0.0, scenario.incidents.gang_rate_factor));
    const bool theatre = !scenario.theatre.zones.empty();
    if (theatre)
        work.incidents = (rate_per_day * days +
                          static_cast<double>(scenario.incidents.scripted.size())) *
                         replications;

    double teams = 0;
    for (const Contingent& contingent : scenario.contingents) {
        double arrived = 0;
        for (const Wave& wave : contingent.waves) arrived += wave.officers;
        teams += std::floor(arrived * contingent.duty_share / contingent.team_size);
    }
    double fleets = 0;
    if (scenario.vehicles) {
        for (const Fleet& fleet : scenario.vehicles->fleets) {
            ++fleets;
            double count = 0;
            for (const VehicleDelivery& delivery : fleet.deliveries) count += delivery.count;
            if (fleet.mtbf != kNever && fleet.mtbf > 0)
                work.vehicle_failures += count * days * kHoursPerDay / fleet.mtbf * replications;
        }
    }
    const double zones = static_cast<double>(scenario.theatre.zones.size());
    if (theatre) {
        const double shifts = std::ceil(days * kHoursPerDay / scenario.patrols.shift);
        work.shift_steps = shifts * (teams + zones) * replications;
    }
    const double sources = scenario.funding ? static_cast<double>(scenario.funding->sources.size()) : 0;
    const double entities = zones + static_cast<double>(scenario.contingents.size()) + fleets + sources;
    work.daily_steps = days * (1 + entities) * replications;
    work.events = work.incidents * kEventsPerIncident + work.vehicle_failures * 2 +
                  work.shift_steps + work.daily_steps;
    work.figures_mib = days * (kSeriesFixed + kSeriesPerEntity * entities) * replications *
                       sizeof(double) / kBytesPerMib;
    if (theatre) {
        Hours longest_wait = 0;
        for (const IncidentClass& c : scenario.incidents.classes)
            longest_wait = std::max(longest_wait, c.max_wait);
        const double per_replication = work.incidents / replications;
        const double waiting = std::min(per_replication, rate_per_day / kHoursPerDay * longest_wait +
                                                             static_cast<double>(scenario.incidents.scripted.size()));
        work.waiting_mib = waiting * kBytesPerWaitingIncident *
                           effective_threads(threads, scenario.replications) / kBytesPerMib;
    }
    work.memory_mib = work.figures_mib + work.waiting_mib;
    return work;
}

void check_work(const Scenario& scenario, const WorkLimits& limits, int threads) {
    const WorkEstimate work = estimate_work(scenario, threads);
    const std::string runs = ", over " + std::to_string(scenario.days()) + " days x " +
                             std::to_string(scenario.replications) + " replications";
    if (work.events > limits.max_events) {
        // The term that drives the estimate, with the keys that set it.
        const double incidents = work.incidents * kEventsPerIncident;
        const double failures = work.vehicle_failures * 2;
        const double largest = std::max({incidents, failures, work.shift_steps, work.daily_steps});
        std::string cause;
        if (largest == incidents)
            cause = figure(work.incidents) +
                    " incidents (theatre.zones.*.incident_rate_per_day and incidents.gang_rate_factor" +
                    runs + ")";
        else if (largest == failures)
            cause = figure(work.vehicle_failures) + " vehicle failures (vehicles.fleets.*.mtbf" +
                    runs + ")";
        else if (largest == work.shift_steps)
            cause = figure(work.shift_steps) +
                    " team-shifts (patrols.shift, and contingents.*.waves and team_size" + runs + ")";
        else
            cause = figure(work.daily_steps) + " entity-days (theatre.zones, contingents, fleets and sources" + runs + ")";
        throw UsageError(scenario.file + ": the run would take about " + figure(work.events) +
                         " events, more than the limit of " + figure(limits.max_events) +
                         ": it is driven by " + cause +
                         "; make it smaller, or raise the limit with --max-events");
    }
    if (work.memory_mib > limits.max_memory_mib) {
        const std::string cause =
            work.waiting_mib > work.figures_mib
                ? figure(work.waiting_mib) +
                      " MiB of incidents waiting at once (theatre.zones.*.incident_rate_per_day "
                      "and incidents.classes.*.max_wait, on " +
                      thread_count(effective_threads(threads, scenario.replications)) + ")"
                : figure(work.figures_mib) + " MiB of daily figures (start, end and replications: " +
                      std::to_string(scenario.days()) + " days x " +
                      std::to_string(scenario.replications) + " replications)";
        throw UsageError(scenario.file + ": the run would need about " + figure(work.memory_mib) +
                         " MiB, more than the limit of " + figure(limits.max_memory_mib) +
                         " MiB: it is driven by " + cause +
                         "; make it smaller, or raise the limit with --max-memory");
    }
}

}  // namespace mmsim
