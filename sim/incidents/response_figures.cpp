// The response model's figures: each day's series and the replication's
// metrics (see response.hpp).
#include "incidents/response_model.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <string>

#include "mmsim/statistics.hpp"

namespace mmsim::detail {

namespace {

constexpr const char* kCoverageSeries[] = {"patrol_ratio",      "population_within_target",
                                        "incidents",         "response_p50_min",
                                        "response_p90_min",  "teams_fielded"};

// Points of the response-time distribution reported as response.cdf.<x>_min:
// every 5 min up to 2 h, then a coarser tail up to a day.
constexpr int kResponseCdfMin[] = {5,   10,  15,  20,  25,  30,  35,  40,  45,  50,  55,
                                   60,  65,  70,  75,  80,  85,  90,  95,  100, 105, 110,
                                   115, 120, 150, 180, 240, 360, 480, 720, 1440};

// The daily response percentiles, in the order of the series.
constexpr double kDailyPercentiles[] = {0.5, 0.9};

// A day's time integral, at the day's end (see ResponseModel::rest_of_day()).
// Changes that cancel out at one instant can leave a rounding residue of a
// few 1e-15 h; a negative one would be a negative time, so it is zero.
double closed(double integral) { return std::max(0.0, integral); }

}  // namespace

void ResponseModel::on_day_end(Sim& sim, int day) {
    assert(static_cast<int>(series_[0][s_incidents].size()) == day);
    assert(sim.now() == day_end_h_);
    const double day_h = kHoursPerDay;
    double weighted_ratio = 0, weight = 0, covered_pop_h = 0, whole_pop_h = 0, population = 0, fielded_h = 0;
    std::vector<double>& all_response = day_all_response_min_;
    all_response.clear();
    double percentiles[2] = {kNaN, kNaN};  // of the zone, then of the theatre
    for (std::size_t z = 0; z < zones_; ++z) {
        const double patrol_h = closed(day_patrol_h_[z]);
        const double covered_h = closed(day_covered_h_[z]);
        const double zone_fielded_h = closed(day_fielded_h_[z]);
        const double demand_h = demand_teams_[z] * day_h;
        const double zone_ratio = demand_h > 0 ? std::min(1.0, patrol_h / demand_h) : kNaN;
        last_day_ratio_[z] = zone_ratio;
        if (demand_h > 0) {
            weighted_ratio += population_[z] * zone_ratio;
            weight += population_[z];
        }
        covered_pop_h += population_[z] * covered_h;
        whole_pop_h += population_[z] * closed(day_whole_h_[z]);
        population += population_[z];
        fielded_h += zone_fielded_h;

        std::vector<double>& responses = day_response_min_[z];
        if (zones_ > 1) all_response.insert(all_response.end(), responses.begin(), responses.end());
        quantiles(responses, kDailyPercentiles, percentiles);
        auto& row = series_[z + 1];
        row[s_patrol_ratio].push_back(zone_ratio);
        row[s_population_within_target].push_back(covered_h / day_h);
        row[s_incidents].push_back(day_incidents_[z]);
        row[s_response_p50_min].push_back(percentiles[0]);
        row[s_response_p90_min].push_back(percentiles[1]);
        row[s_teams_fielded].push_back(zone_fielded_h / day_h);

        // The next day's integrals start as if today's counts held all day.
        day_patrol_h_[z] = patrolling_in_[z] * day_h;
        day_covered_h_[z] = zone_share_[z] * day_h;
        day_whole_h_[z] = zone_whole_[z] ? day_h : 0;
        day_fielded_h_[z] = fielded_in_[z] * day_h;
        day_incidents_[z] = 0;
        responses.clear();
    }
    auto close_day = [&](Totals& t) {
        for (std::size_t z = 0; z < zones_; ++z)
            if (demand_teams_[z] > 0) t.zone_ratio_sum[z] += last_day_ratio_[z];
        t.busy_team_h += closed(day_busy_h_);
        t.fielded_team_h += fielded_h;
        t.queue_h += closed(day_queue_h_);
        t.elapsed_h += day_h;
        t.ratio_weighted_sum += weighted_ratio;
        t.ratio_weight += weight;
        t.covered_population_h += covered_pop_h;
        t.whole_zone_population_h += whole_pop_h;
        ++t.days_closed;
    };
    close_day(run_);
    for (Window& window : windows_)
        if (day >= window.first_day && day < window.end_day) close_day(window.totals);
    day_busy_h_ = busy_ * day_h;
    day_queue_h_ = static_cast<double>(waiting_.size()) * day_h;
    day_end_h_ = sim.now() + day_h;

    auto& all = series_[0];
    all[s_patrol_ratio].push_back(ratio(weighted_ratio, weight));
    all[s_population_within_target].push_back(ratio(covered_pop_h, population * day_h));
    double incidents = 0;
    for (std::size_t z = 1; z <= zones_; ++z) incidents += series_[z][s_incidents].back();
    all[s_incidents].push_back(incidents);
    // With one zone the theatre's responses are the zone's, already done.
    if (zones_ > 1) quantiles(all_response, kDailyPercentiles, percentiles);
    all[s_response_p50_min].push_back(percentiles[0]);
    all[s_response_p90_min].push_back(percentiles[1]);
    all[s_teams_fielded].push_back(fielded_h / day_h);
}

void ResponseModel::finish(Sim& sim, ReplicationResult& result) const {
    if (const Window* after = warm_up_window())
        put_metrics(after->totals, still_waiting(after->from_h, after->end_h), "", true, sim, result);
    else
        put_metrics(run_, still_waiting(0, kNever), "", true, sim, result);
    for (const Window& window : windows_)
        if (&window != warm_up_window())
            put_metrics(window.totals, still_waiting(window.from_h, window.end_h), window.prefix, false, sim,
                        result);
    for (std::size_t entity = 0; entity <= zones_; ++entity)
        for (std::size_t m = 0; m < s_count; ++m)
            result.series.push_back(DailySeries{
                "coverage", entity == 0 ? "all" : scenario_.theatre.zones[entity - 1].id,
                kCoverageSeries[m], series_[entity][m]});
}

ResponseModel::StillWaiting ResponseModel::still_waiting(Hours from_h, Hours end_h) const {
    StillWaiting waiting{std::vector<std::uint64_t>(zones_, 0), std::vector<std::uint64_t>(classes_.size(), 0)};
    for (std::uint32_t slot = waiting_.first(); slot != WaitingQueue::kNone; slot = waiting_.next(slot)) {
        const Incident& incident = incidents_[slot];
        if (incident.arrival < from_h || incident.arrival >= end_h) continue;
        ++waiting.by_zone[incident.zone.value];
        ++waiting.by_class[incident.incident_class];
    }
    return waiting;
}

void ResponseModel::put_metrics(const Totals& t, const StillWaiting& waiting, const std::string& prefix,
                                bool whole_run, Sim& sim, ReplicationResult& result) const {
    auto put = [&](const std::string& name, double value) { result.metrics.push_back({prefix + name, value}); };
    double population = 0;
    for (double p : population_) population += p;
    const double resolved = static_cast<double>(t.answered + t.abandoned);

    BoundedSample responses = t.response_min;  // a copy: its quantiles sort it
    const auto responded = static_cast<double>(responses.count());

    put("coverage.patrol_ratio", ratio(t.ratio_weighted_sum, t.ratio_weight));
    put("coverage.population_within_target",
        ratio(t.covered_population_h, population * t.days_closed * kHoursPerDay));
    put("coverage.population_in_reached_zones",
        ratio(t.whole_zone_population_h, population * t.days_closed * kHoursPerDay));
    put("response.mean_min", ratio(t.response_min_sum, responded));
    put("response.p50_min", responses.quantile(0.5));
    put("response.p90_min", responses.quantile(0.9));
    put("response.within_target_share", ratio(static_cast<double>(t.within_target), responded));
    put("dispatch.mean_wait_min", ratio(t.wait_h_sum * kMinutesPerHour, static_cast<double>(t.answered)));
    put("dispatch.wait_probability", ratio(static_cast<double>(t.waited), resolved));
    put("dispatch.cross_zone_share",
        ratio(static_cast<double>(t.cross_zone), static_cast<double>(t.dispatches)));
    put("incidents.total", static_cast<double>(t.total));
    put("incidents.answered", static_cast<double>(t.answered));
    put("incidents.unanswered_share", ratio(static_cast<double>(t.abandoned), resolved));
    put("queue.mean_length", ratio(t.queue_h, t.elapsed_h));
    put("teams.mean_workload", ratio(t.busy_team_h, t.fielded_team_h));
    // The response-time distribution at fixed points, so that replications
    // can be averaged point by point (the HTML report draws it); the whole
    // run's only.
    // Whole minutes up to 2048 are bin edges of the bounded sample, so these
    // counts are exact however many incidents were answered.
    if (whole_run) {
        for (int limit_min : kResponseCdfMin) {
            const std::uint64_t within = responses.count_at_most(static_cast<double>(limit_min));
            put("response.cdf." + std::to_string(limit_min) + "_min",
                ratio(static_cast<double>(within), responded));
        }
        put_team_workloads(sim, result);
    }
    for (std::size_t z = 0; z < zones_; ++z) {
        const std::string zone = "zones." + scenario_.theatre.zones[z].id + ".";
        put(zone + "response.mean_min",
            ratio(t.zone_response_min_sum[z], static_cast<double>(t.zone_responses[z])));
        put(zone + "incidents", static_cast<double>(t.zone_incidents[z]));
        put(zone + "patrol_ratio", demand_teams_[z] > 0 ? ratio(t.zone_ratio_sum[z], t.days_closed) : kNaN);
        const std::uint64_t answered = t.zone_incidents[z] - t.zone_abandoned[z] - waiting.by_zone[z];
        put(zone + "dispatch.mean_wait_min",
            ratio(t.zone_wait_h_sum[z] * kMinutesPerHour, static_cast<double>(answered)));
        put(zone + "unanswered_share",
            ratio(static_cast<double>(t.zone_abandoned[z]), static_cast<double>(answered + t.zone_abandoned[z])));
    }
    for (std::size_t k = 0; k < classes_.size(); ++k) {
        // One class: the theatre's sums, gathered in the same order.
        const ClassTotals c = t.per_class ? t.by_class[k]
                                          : ClassTotals{t.total, t.abandoned, t.waited, responses.count(),
                                                        t.wait_h_sum, t.response_min_sum};
        const std::uint64_t answered = c.total - c.abandoned - waiting.by_class[k];
        assert(t.per_class || answered == t.answered);
        const std::string name = "classes." + classes_[k].id + ".";
        const auto resolved_k = static_cast<double>(answered + c.abandoned);
        put(name + "incidents", static_cast<double>(c.total));
        put(name + "response.mean_min", ratio(c.response_min_sum, static_cast<double>(c.responses)));
        put(name + "dispatch.mean_wait_min",
            ratio(c.wait_h_sum * kMinutesPerHour, static_cast<double>(answered)));
        put(name + "dispatch.wait_probability", ratio(static_cast<double>(c.waited), resolved_k));
        put(name + "unanswered_share", ratio(static_cast<double>(c.abandoned), resolved_k));
    }
}

void ResponseModel::put_team_workloads(Sim& sim, ReplicationResult& result) const {
    auto put = [&](std::string name, double value) { result.metrics.push_back({std::move(name), value}); };
    const Hours horizon = scenario_.horizon();
    for (std::uint32_t c = 0; c < slots_.size(); ++c) {
        const std::string prefix = "workload." + scenario_.contingents[c].id + ".";
        for (int number = 1; number <= max_teams_[c]; ++number) {
            double workload = kNaN;
            if (static_cast<std::size_t>(number) <= slots_[c].size()) {
                const Team& team = teams_[slots_[c][static_cast<std::size_t>(number - 1)]];
                Hours busy_h = team.busy_h;
                if (busy(team)) busy_h += sim.now() - team.busy_since;
                if (team.ever_fielded) workload = busy_h / horizon;
            }
            put(prefix + std::to_string(number), workload);
        }
    }
}

}  // namespace mmsim::detail
