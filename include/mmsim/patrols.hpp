#pragma once
// Where patrol teams go. At each shift start the fielded teams are spread over
// the zones by the scenario's allocation policy (YAML: patrols.policy). The
// policies are pure functions of per-zone figures, so they can be read and
// tested on their own:
//
// risk(z)   = expected incidents per hour in zone z at its current gang control
//           = incident_rate_per_day(z) * (1 + gang_rate_factor * g(z)) / 24
// demand(z) = teams wanted on patrol in z
//           = theatre.zones.<z>.demand_teams, or
//             population(z) / 100000 * patrols.demand_teams_per_100k
//
// Every policy returns teams per zone, summing to the teams placed, and breaks
// every tie by the lower zone index, so an allocation never depends on
// anything but its inputs.

#include <optional>
#include <span>
#include <vector>

#include "mmsim/contingents.hpp"
#include "mmsim/enum_names.hpp"
#include "mmsim/theatre.hpp"
#include "mmsim/time.hpp"

namespace mmsim {

/// How fielded teams are spread over the zones at each shift start (YAML:
/// patrols.policy; the policies are described below).
enum class AllocationPolicy { proportional, priority, coverage };
inline constexpr EnumName<AllocationPolicy> kAllocationPolicyNames[] = {
    {AllocationPolicy::proportional, "proportional"},
    {AllocationPolicy::priority, "priority"},
    {AllocationPolicy::coverage, "coverage"}};
constexpr std::span<const EnumName<AllocationPolicy>> enum_names(AllocationPolicy) {
    return kAllocationPolicyNames;
}

/// How ready officers become patrol teams and where teams go (YAML: patrols).
struct Patrols {
    Hours shift = 12;                        ///< shift length; allocation at each shift start
    AllocationPolicy policy = AllocationPolicy::proportional;
    Hours response_target = 0.5;             ///< 30 min
    double demand_teams_per_100k = 2.0;      ///< default zone demand per 100,000 people
};

/// Expected incidents per hour in `zone` at gang control `gang_control`
/// (in [0, 1]): incident_rate_per_day * (1 + gang_rate_factor * g) / 24.
double zone_risk_per_hour(const Zone& zone, double gang_control, double gang_rate_factor);

/// Teams wanted on patrol in `zone` (>= 0): its `demand_teams` when given,
/// otherwise population / 100000 * patrols.demand_teams_per_100k.
double zone_demand_teams(const Zone& zone, const Patrols& patrols);

/// `proportional`: teams in proportion to risk, by the largest-remainder
/// (Hamilton) method. Zone z's quota is teams * risk(z) / sum(risk); each zone
/// first gets floor(quota), then the teams left over go one each to the zones
/// with the largest fractional remainders (ties: lower zone index). When every
/// risk is zero the weights are the zones' populations instead, and when those
/// are zero too every zone weighs the same.
/// Preconditions: risk >= 0; population has one entry per zone (may be empty
/// only when teams == 0); teams >= 0.
std::vector<int> allocate_proportional(std::span<const double> risk_per_hour,
                                       std::span<const double> population, int teams);

/// `priority`: zones are taken by risk, highest first (ties: lower index);
/// each in turn gets up to ceil(demand(z)) teams until the teams run out.
/// Teams left once every zone has its demand go round-robin, one per zone per
/// pass, in the same order. Preconditions: risk, demand >= 0, same length;
/// teams >= 0.
std::vector<int> allocate_priority(std::span<const double> risk_per_hour,
                                   std::span<const double> demand_teams, int teams);

/// `coverage`: greedy maximal covering. A zone z is covered when a team is
/// stationed in some zone s with travel.between(s, z) <= response_target.
/// Teams are stationed one at a time in the zone that adds the most
/// population not yet covered (ties: higher risk, then lower index). Once no
/// zone adds population (everything reachable is covered, or only empty
/// zones are left), the remaining teams are placed by `proportional` on risk
/// and added to the stations. Preconditions: one entry per zone of `travel`
/// in risk and population; response_target > 0; teams >= 0.
std::vector<int> allocate_coverage(std::span<const double> risk_per_hour,
                                   std::span<const double> population,
                                   const TravelTimes& travel, Hours response_target,
                                   int teams);

/// The per-zone inputs of an allocation.
struct AllocationInput {
    std::span<const double> risk_per_hour;  ///< expected incidents per hour, per zone
    std::span<const double> demand_teams;   ///< teams wanted, per zone
    std::span<const double> population;     ///< people, per zone
    const TravelTimes* travel = nullptr;    ///< needed by `coverage`
    Hours response_target = 0.5;            ///< hours, needed by `coverage`
};

/// Places `teams` teams by `policy` (one of the three functions above).
std::vector<int> allocate_teams(AllocationPolicy policy, const AllocationInput& input, int teams);

/// A free team about to be given a patrol zone (a post).
struct PostCandidate {
    ZoneId at;                   ///< where the team is now
    std::optional<ZoneId> post;  ///< its current patrol zone; none for a new team
};

/// Turns per-zone openings into posts for free teams, moving as few as
/// possible. `openings[z]` is the number of free teams zone z should get (the
/// allocation minus the busy teams already posted there; may be negative).
/// Pass 1: each team (in the given order, e.g. by team id) whose current post
/// still has an opening keeps it. Pass 2: each remaining team, in order, takes
/// the opening nearest by road from where it is (ties: lower zone index).
/// Precondition: the positive openings add up to at least teams.size().
std::vector<ZoneId> assign_posts(std::span<const int> openings,
                                 std::span<const PostCandidate> teams,
                                 const TravelTimes& travel);

/// The most teams `contingent` can ever field at once, so that per-team
/// figures can be named before a run: floor(officers * duty_share / team_size)
/// for the officers of all its waves, times the generations of a rotation that
/// can serve at once (ceil(tour / (tour - rotation_lead)) with `replace`,
/// since each replacement lands at least tour - rotation_lead after its
/// predecessor and stays `tour`).
int max_teams(const Contingent& contingent);

}  // namespace mmsim
