// The force on one day without randomness: the arrivals model's rules
// (sim/model/arrivals.cpp) replayed with each random draw at its mean.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <queue>
#include <vector>

#include "mmsim/estimate.hpp"

namespace mmsim {
namespace {

struct DueWave {
    Hours due = 0;
    std::uint64_t order = 0;  // first planned first, among equal due times
    std::uint32_t contingent = 0;
    std::int64_t officers = 0;
    friend bool operator>(const DueWave& a, const DueWave& b) {
        return a.due != b.due ? a.due > b.due : a.order > b.order;
    }
};

struct Landing {
    std::uint32_t contingent;
    std::int64_t officers;
    Hours at;
};

const Closure* airport_closure_at(const Airport& airport, Hours time) {
    for (const Closure& closure : airport.closures)
        if (closure.from <= time && time < closure.reopen) return &closure;
    return nullptr;
}

// Every landing up to `until` hours, first come first served through the
// airlift's daily capacity and closures; replacements are planned as landings
// happen.
std::vector<Landing> landings_until(const Scenario& scenario, Hours until) {
    std::priority_queue<DueWave, std::vector<DueWave>, std::greater<>> due;
    std::uint64_t order = 0;
    auto plan = [&](std::uint32_t c, std::int64_t officers, Hours planned_at) {
        due.push({planned_at + mean(scenario.contingents[c].arrival_delay), order++, c, officers});
    };
    for (std::uint32_t c = 0; c < scenario.contingents.size(); ++c)
        for (const Wave& wave : scenario.contingents[c].waves)
            plan(c, wave.officers, days_between(scenario.start, wave.date) * kHoursPerDay);

    std::vector<Landing> out;
    const std::optional<int>& capacity = scenario.airport.daily_capacity;
    Hours clock = 0;  // the airlift serves the queue in order
    int landing_day = -1;
    std::int64_t landed_today = 0;
    while (!due.empty() && due.top().due <= until) {
        DueWave wave = due.top();
        due.pop();
        Hours t = std::max(clock, wave.due);
        while (wave.officers > 0 && t <= until) {
            if (const Closure* closure = airport_closure_at(scenario.airport, t)) {
                t = closure->reopen;
                continue;
            }
            const int day = static_cast<int>(std::floor(t / kHoursPerDay));
            if (day != landing_day) landing_day = day, landed_today = 0;
            const std::int64_t room =
                capacity ? *capacity - landed_today : std::numeric_limits<std::int64_t>::max();
            if (room <= 0) {
                t = (day + 1) * kHoursPerDay;
                continue;
            }
            const std::int64_t officers = std::min(room, wave.officers);
            out.push_back({wave.contingent, officers, t});
            landed_today += officers;
            wave.officers -= officers;
            const Contingent& contingent = scenario.contingents[wave.contingent];
            if (contingent.rotation == Rotation::replace)
                plan(wave.contingent, officers, t + contingent.tour - contingent.rotation_lead);
        }
        clock = t;
        if (wave.officers > 0) break;  // the rest lands after `until`
    }
    return out;
}

// Teams the vehicles up could carry for `wanted` teams per contingent: own
// fleets first, then the pooled fleets one team at a time to each contingent
// in turn (the engine's highest-averages order changes who gets a vehicle,
// rarely how many teams are fielded).
int vehicle_teams(const Scenario& scenario, const std::vector<double>& up, std::vector<int> wanted) {
    const Vehicles& vehicles = *scenario.vehicles;
    std::vector<double> left = up;
    auto per_team = [&](std::uint32_t c, std::size_t f) {
        const std::optional<int>& capacity = vehicles.fleets[f].capacity;
        return capacity ? (scenario.contingents[c].team_size + *capacity - 1) / *capacity : 1;
    };
    int teams = 0;
    for (std::size_t f = 0; f < vehicles.fleets.size(); ++f) {
        if (!vehicles.fleets[f].contingent) continue;
        const std::uint32_t c = vehicles.fleets[f].contingent->value;
        const int n = std::min(wanted[c], static_cast<int>(left[f] / per_team(c, f)));
        wanted[c] -= n;
        left[f] -= n * per_team(c, f);
        teams += n;
    }
    for (bool gave = true; gave;) {
        gave = false;
        for (std::uint32_t c = 0; c < scenario.contingents.size(); ++c) {
            if (wanted[c] <= 0) continue;
            for (std::size_t f = 0; f < vehicles.fleets.size(); ++f) {
                if (vehicles.fleets[f].contingent || left[f] < per_team(c, f)) continue;
                left[f] -= per_team(c, f);
                --wanted[c];
                ++teams;
                gave = true;
                break;
            }
        }
    }
    return teams;
}

}  // namespace

ForceEstimate estimate_force(const Scenario& scenario, Date date) {
    ForceEstimate force;
    force.date = date;
    const Hours at = days_between(scenario.start, date) * kHoursPerDay;
    force.ready_officers.assign(scenario.contingents.size(), 0.0);
    for (const Landing& landing : landings_until(scenario, at)) {
        const Contingent& contingent = scenario.contingents[landing.contingent];
        const Hours ready = landing.at + contingent.induction;
        const bool gone = contingent.rotation != Rotation::none && landing.at + contingent.tour <= at;
        if (ready > at || gone) continue;
        const double years_ready = (at - ready) / (365 * kHoursPerDay);
        force.ready_officers[landing.contingent] +=
            static_cast<double>(landing.officers) * std::pow(1 - contingent.attrition_per_year, years_ready);
    }
    std::vector<int> wanted;
    for (std::size_t c = 0; c < scenario.contingents.size(); ++c) {
        const Contingent& contingent = scenario.contingents[c];
        // a hair above, so that 3 * 1.0 / 1 stays 3 whatever the rounding
        wanted.push_back(static_cast<int>(
            std::floor(force.ready_officers[c] * contingent.duty_share / contingent.team_size + 1e-9)));
        force.officer_teams += wanted.back();
    }
    force.teams = force.officer_teams;
    if (scenario.vehicles) {
        std::vector<double> up;
        for (const Fleet& fleet : scenario.vehicles->fleets) {
            std::int64_t delivered = 0;
            for (const VehicleDelivery& delivery : fleet.deliveries)
                if (delivery.date <= date) delivered += delivery.count;
            const double down_h = mean(fleet.repair) + fleet.parts_share * mean(fleet.parts_wait);
            const double availability = std::isinf(fleet.mtbf) ? 1.0 : fleet.mtbf / (fleet.mtbf + down_h);
            up.push_back(std::floor(static_cast<double>(delivered) * availability + 1e-9));
        }
        const int unlimited = std::numeric_limits<int>::max() / 4;
        force.vehicle_teams = vehicle_teams(scenario, up, std::vector<int>(wanted.size(), unlimited));
        force.teams = vehicle_teams(scenario, up, wanted);
    }
    return force;
}

}  // namespace mmsim
