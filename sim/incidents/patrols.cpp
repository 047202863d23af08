#include "mmsim/patrols.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <numeric>

namespace mmsim {

double zone_risk_per_hour(const Zone& zone, double gang_control, double gang_rate_factor) {
    return zone.incident_rate_per_day * (1 + gang_rate_factor * gang_control) / kHoursPerDay;
}

double zone_demand_teams(const Zone& zone, const Patrols& patrols) {
    return zone.demand_teams.value_or(zone.population / 100000.0 * patrols.demand_teams_per_100k);
}

namespace {

// Largest remainder over `weights` (>= 0, positive sum).
std::vector<int> largest_remainder(std::span<const double> weights, int teams) {
    const std::size_t zones = weights.size();
    const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
    std::vector<int> placed(zones, 0);
    std::vector<double> remainder(zones, 0.0);
    int left = teams;
    for (std::size_t z = 0; z < zones; ++z) {
        const double quota = teams * (weights[z] / total);
        placed[z] = static_cast<int>(std::floor(quota));
        remainder[z] = quota - placed[z];
        left -= placed[z];
    }
    std::vector<std::size_t> order(zones);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return remainder[a] > remainder[b]; });
    // Rounding can leave a quota a hair under its integer; `left` stays within
    // [0, zones], and a second pass would only matter for pathological input.
    for (std::size_t i = 0; left > 0; i = (i + 1) % zones, --left) ++placed[order[i]];
    return placed;
}

bool any_positive(std::span<const double> values) {
    return std::any_of(values.begin(), values.end(), [](double v) { return v > 0; });
}

// Zone indices by risk, highest first, ties by lower index.
std::vector<std::size_t> by_risk(std::span<const double> risk) {
    std::vector<std::size_t> order(risk.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return risk[a] > risk[b]; });
    return order;
}

}  // namespace

std::vector<int> allocate_proportional(std::span<const double> risk_per_hour,
                                       std::span<const double> population, int teams) {
    assert(teams >= 0);
    const std::size_t zones = risk_per_hour.size();
    if (teams == 0 || zones == 0) {
        assert(teams == 0);
        return std::vector<int>(zones, 0);
    }
    if (any_positive(risk_per_hour)) return largest_remainder(risk_per_hour, teams);
    if (population.size() == zones && any_positive(population))
        return largest_remainder(population, teams);
    const std::vector<double> equal(zones, 1.0);
    return largest_remainder(equal, teams);
}

std::vector<int> allocate_priority(std::span<const double> risk_per_hour,
                                   std::span<const double> demand_teams, int teams) {
    assert(teams >= 0 && risk_per_hour.size() == demand_teams.size());
    const std::size_t zones = risk_per_hour.size();
    std::vector<int> placed(zones, 0);
    if (zones == 0) {
        assert(teams == 0);
        return placed;
    }
    const std::vector<std::size_t> order = by_risk(risk_per_hour);
    int left = teams;
    for (std::size_t z : order) {
        const int wanted = static_cast<int>(std::ceil(demand_teams[z]));
        const int given = std::min(wanted, left);
        placed[z] = given;
        left -= given;
    }
    for (std::size_t i = 0; left > 0; i = (i + 1) % zones, --left) ++placed[order[i]];
    return placed;
}

std::vector<int> allocate_coverage(std::span<const double> risk_per_hour,
                                   std::span<const double> population,
                                   const TravelTimes& travel, Hours response_target,
                                   int teams) {
    const std::size_t zones = travel.zone_count();
    assert(teams >= 0 && risk_per_hour.size() == zones && population.size() == zones);
    std::vector<int> placed(zones, 0);
    std::vector<bool> covered(zones, false);
    int left = teams;
    while (left > 0) {
        std::size_t best = zones;
        double best_gain = 0;
        for (std::size_t s = 0; s < zones; ++s) {
            double gain = 0;
            for (std::size_t z = 0; z < zones; ++z)
                if (!covered[z] &&
                    travel.between(ZoneId(static_cast<std::uint32_t>(s)),
                                   ZoneId(static_cast<std::uint32_t>(z))) <= response_target)
                    gain += population[z];
            const bool better = gain > best_gain ||
                                (best < zones && gain == best_gain &&
                                 risk_per_hour[s] > risk_per_hour[best]);
            if (gain > 0 && better) {
                best = s;
                best_gain = gain;
            }
        }
        if (best == zones) break;  // nothing left to cover
        ++placed[best];
        --left;
        for (std::size_t z = 0; z < zones; ++z)
            if (travel.between(ZoneId(static_cast<std::uint32_t>(best)),
                               ZoneId(static_cast<std::uint32_t>(z))) <= response_target)
                covered[z] = true;
    }
    if (left > 0) {
        const std::vector<int> rest = allocate_proportional(risk_per_hour, population, left);
        for (std::size_t z = 0; z < zones; ++z) placed[z] += rest[z];
    }
    return placed;
}

std::vector<int> allocate_teams(AllocationPolicy policy, const AllocationInput& input, int teams) {
    switch (policy) {
        case AllocationPolicy::proportional:
            return allocate_proportional(input.risk_per_hour, input.population, teams);
        case AllocationPolicy::priority:
            return allocate_priority(input.risk_per_hour, input.demand_teams, teams);
        case AllocationPolicy::coverage:
            assert(input.travel != nullptr);
            return allocate_coverage(input.risk_per_hour, input.population, *input.travel,
                                     input.response_target, teams);
    }
    assert(false && "unknown allocation policy");
    return {};
}

std::vector<ZoneId> assign_posts(std::span<const int> openings,
                                 std::span<const PostCandidate> teams,
                                 const TravelTimes& travel) {
    std::vector<int> open(openings.begin(), openings.end());
    std::vector<ZoneId> posts(teams.size());
    std::vector<bool> posted(teams.size(), false);
    for (std::size_t t = 0; t < teams.size(); ++t) {
        const std::optional<ZoneId>& post = teams[t].post;
        if (post && open[post->value] > 0) {
            --open[post->value];
            posts[t] = *post;
            posted[t] = true;
        }
    }
    for (std::size_t t = 0; t < teams.size(); ++t) {
        if (posted[t]) continue;
        std::size_t best = open.size();
        for (std::size_t z = 0; z < open.size(); ++z) {
            if (open[z] <= 0) continue;
            const ZoneId zone(static_cast<std::uint32_t>(z));
            if (best == open.size() ||
                travel.road(teams[t].at, zone) <
                    travel.road(teams[t].at, ZoneId(static_cast<std::uint32_t>(best))))
                best = z;
        }
        assert(best < open.size() && "fewer openings than teams");
        --open[best];
        posts[t] = ZoneId(static_cast<std::uint32_t>(best));
    }
    return posts;
}

int max_teams(const Contingent& contingent) {
    std::int64_t officers = 0;
    for (const Wave& wave : contingent.waves) officers += wave.officers;
    if (contingent.rotation == Rotation::replace && contingent.tour > contingent.rotation_lead)
        officers *= static_cast<std::int64_t>(
            std::ceil(contingent.tour / (contingent.tour - contingent.rotation_lead)));
    // Same arithmetic as the engine's floor(ready * duty_share / team_size), so
    // the bound is never below a roster the engine can ask for.
    const double on_duty = static_cast<double>(officers) * contingent.duty_share;
    return static_cast<int>(std::floor(on_duty / contingent.team_size));
}

}  // namespace mmsim
