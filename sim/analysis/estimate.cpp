// The queueing estimate of one day: teams as hypercube units at their posts,
// the mean service time (travel to the scene + on scene) found by fixed-point
// iteration, since travel depends on which team is sent.

#include "mmsim/estimate.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <tuple>

#include "mmsim/hypercube.hpp"
#include "mmsim/patrols.hpp"

namespace mmsim {
namespace {


// The teams' posts (zone indices), zone by zone, from the policy's allocation.
std::vector<int> team_posts(const std::vector<int>& allocation) {
    std::vector<int> posts;
    for (std::size_t z = 0; z < allocation.size(); ++z) posts.insert(posts.end(), allocation[z], static_cast<int>(z));
    return posts;
}

// Zone j's dispatch order: nearest team first; ties to a team posted in the
// zone, then to the lower team (dispatch.cpp's rule, with teams at their posts).
std::vector<std::vector<int>> preference_lists(const std::vector<int>& posts, const TravelTimes& travel) {
    std::vector<std::vector<int>> lists(travel.zone_count());
    for (std::size_t j = 0; j < lists.size(); ++j) {
        std::vector<int>& list = lists[j];
        list.resize(posts.size());
        std::iota(list.begin(), list.end(), 0);
        const ZoneId to{static_cast<std::uint32_t>(j)};
        auto key = [&](int unit) {
            const ZoneId from{static_cast<std::uint32_t>(posts[unit])};
            return std::tuple(travel.between(from, to), posts[unit] != static_cast<int>(j), unit);
        };
        std::sort(list.begin(), list.end(), [&](int a, int b) { return key(a) < key(b); });
    }
    return lists;
}

// The zone figures of a solved hypercube; `wait_rate_per_h` = N mu - lambda.
ZoneEstimate zone_figures(const HypercubeResult& h, std::size_t j, const std::vector<int>& list,
                          const std::vector<Hours>& travel_from_unit, bool loss, double wait_rate_per_h,
                          Hours target) {
    ZoneEstimate z;
    z.prob_wait = h.prob_all_busy;
    const double units = static_cast<double>(list.size());
    double travel = 0, within = 0;
    for (std::size_t k = 0; k < list.size(); ++k) {
        const double share = h.dispatch_share[j][k];
        const Hours t = travel_from_unit[list[k]];
        travel += share * t;
        if (t <= target + 1e-9) within += share;
        if (!loss) {  // a queued call: any unit equally likely
            travel += h.prob_all_busy / units * t;
            if (t <= target + 1e-9)
                within += h.prob_all_busy / units * (1 - std::exp(-wait_rate_per_h * (target - t)));
        }
    }
    const double answered = loss ? 1 - h.prob_all_busy : 1.0;
    z.mean_travel_min = answered > 0 ? travel / answered * kMinutesPerHour : kNaN;
    z.mean_response_min = z.mean_travel_min + h.mean_wait_h * kMinutesPerHour;
    z.within_target_share = answered > 0 ? within / answered : kNaN;
    return z;
}

// Figures of a system that cannot answer: no teams, or an unstable queue.
void set_unanswerable(ZoneEstimate& z, double workload) {
    z.workload = workload;
    z.prob_wait = 1;
    z.mean_travel_min = z.mean_response_min = std::numeric_limits<double>::infinity();
    z.within_target_share = 0;
}

}  // namespace

Estimate estimate(const Scenario& scenario, Date date) {
    if (scenario.theatre.zones.empty())
        throw ScenarioError(SourcePos{scenario.file, 0, 0},
                            "estimate needs a theatre: the scenario has no zones, so no patrols and no incidents");
    Estimate e;
    e.scenario_name = scenario.name;
    e.scenario_hash = format_hash(scenario.hash);
    e.response_target = scenario.patrols.response_target;
    e.force = estimate_force(scenario, date);

    const std::vector<Zone>& zones = scenario.theatre.zones;
    const TravelTimes travel(scenario.theatre);
    std::vector<double> risk, demand, population;
    for (const Zone& zone : zones) {
        risk.push_back(zone_risk_per_hour(zone, zone.gang_control, scenario.incidents.gang_rate_factor));
        demand.push_back(zone_demand_teams(zone, scenario.patrols));
        population.push_back(zone.population);
    }
    const AllocationInput input{risk, demand, population, &travel, scenario.patrols.response_target};
    const std::vector<int> allocation = allocate_teams(scenario.patrols.policy, input, e.force.teams);

    // Per incident: teams sent and their on-scene hours, over the classes.
    double shares = 0, teams_per_incident = 0, on_scene_team_h = 0;
    e.loss = true;
    for (const IncidentClass& k : scenario.incidents.classes) {
        shares += k.share;
        teams_per_incident += k.share * k.teams_needed;
        on_scene_team_h += k.share * k.teams_needed * mean(k.on_scene);
        e.loss = e.loss && k.max_wait == 0;
    }
    e.on_scene_h = on_scene_team_h / teams_per_incident;
    teams_per_incident /= shares;
    const double incidents_per_h = std::accumulate(risk.begin(), risk.end(), 0.0);
    e.dispatches_per_h = incidents_per_h * teams_per_incident;

    const std::vector<int> posts = team_posts(allocation);
    const int n = e.force.teams;
    HypercubeInput model;
    model.units = n;
    model.preferences = preference_lists(posts, travel);
    model.queue = e.loss ? HypercubeQueue::loss : HypercubeQueue::fcfs;
    for (double r : risk) model.atom_rate_per_h.push_back(r * teams_per_incident);
    model.unit_group = posts;
    e.exact = n <= kExactHypercubeMaxUnits;

    // travel[j][u]: hours for unit u to reach an incident in zone j
    std::vector<std::vector<Hours>> unit_travel(zones.size(), std::vector<Hours>(n));
    for (std::size_t j = 0; j < zones.size(); ++j)
        for (int u = 0; u < n; ++u)
            unit_travel[j][u] = travel.between(ZoneId{static_cast<std::uint32_t>(posts[u])},
                                               ZoneId{static_cast<std::uint32_t>(j)});
    double mean_travel_h = 0;
    for (std::size_t j = 0; j < zones.size(); ++j) mean_travel_h += risk[j] * zones[j].internal_response;
    mean_travel_h = incidents_per_h > 0 ? mean_travel_h / incidents_per_h : 0.0;

    HypercubeResult h;
    e.stable = n > 0;
    for (int round = 0; e.stable && round < 100; ++round) {
        e.service_h = e.on_scene_h + mean_travel_h;
        model.service_rate_per_h = 1 / e.service_h;
        if (!e.loss && e.dispatches_per_h >= n / e.service_h) {
            e.stable = false;
            break;
        }
        h = e.exact ? hypercube_exact(model) : hypercube_approximate(model);
        double travel_sum = 0, answered = 0;
        for (std::size_t j = 0; j < zones.size(); ++j) {
            const ZoneEstimate z = zone_figures(h, j, model.preferences[j], unit_travel[j], e.loss, 0, 0);
            const double weight = model.atom_rate_per_h[j] * (e.loss ? 1 - h.prob_all_busy : 1.0);
            if (weight > 0) travel_sum += weight * z.mean_travel_min / kMinutesPerHour;
            answered += weight;
        }
        const double next = answered > 0 ? travel_sum / answered : mean_travel_h;
        const bool settled = std::abs(next - mean_travel_h) < 1e-10;
        mean_travel_h = next;
        if (settled) break;
    }
    e.service_h = e.on_scene_h + mean_travel_h;
    e.offered_load = e.dispatches_per_h * e.service_h;

    const double wait_rate = n / e.service_h - e.dispatches_per_h;
    e.all.zone = "all";
    e.all.teams = n;
    e.all.incidents_per_day = incidents_per_h * kHoursPerDay;
    double weight_sum = 0;
    for (std::size_t j = 0; j < zones.size(); ++j) {
        ZoneEstimate z;
        if (e.stable) {
            z = zone_figures(h, j, model.preferences[j], unit_travel[j], e.loss, wait_rate,
                             scenario.patrols.response_target);
            double busy = 0;
            for (int u = 0; u < n; ++u)
                if (posts[u] == static_cast<int>(j)) busy += h.workload[u];
            z.workload = allocation[j] > 0 ? busy / allocation[j] : kNaN;
        } else {
            set_unanswerable(z, allocation[j] > 0 ? 1.0 : kNaN);
        }
        z.zone = zones[j].id;
        z.teams = allocation[j];
        z.incidents_per_day = risk[j] * kHoursPerDay;
        if (e.stable && risk[j] > 0) {
            e.all.mean_travel_min += risk[j] * z.mean_travel_min;
            e.all.mean_response_min += risk[j] * z.mean_response_min;
            e.all.within_target_share += risk[j] * z.within_target_share;
            weight_sum += risk[j];
        }
        e.zones.push_back(z);
    }
    if (!e.stable) {
        set_unanswerable(e.all, n > 0 ? 1.0 : kNaN);
    } else {
        e.all.prob_wait = h.prob_all_busy;
        e.all.workload = std::accumulate(h.workload.begin(), h.workload.end(), 0.0) / n;
        for (double* figure : {&e.all.mean_travel_min, &e.all.mean_response_min, &e.all.within_target_share})
            *figure = weight_sum > 0 ? *figure / weight_sum : kNaN;
    }
    return e;
}

}  // namespace mmsim
