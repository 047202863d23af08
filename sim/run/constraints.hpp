#pragma once
// Internal: what limits the patrol teams, shift by shift. At each shift start
// the engine knows, in teams, what each resource alone allows:
//   officers  floor(ready x duty_share / team_size), summed over contingents;
//   vehicles  the teams the vehicles in service could carry, were officers
//             unlimited (none without a `vehicles` section);
//   money     the teams the fund allows under reduce_operations in shortfall,
//             plus the self-funded contingents' teams (none when uncapped);
// and what was fielded. Demand met: fielded >= the zones' total demand.
// Otherwise a resource binds when it is tight: the teams it alone allows are
// the teams fielded. Several can bind at once (a tie: relieving one of them
// alone gains nothing). When none is tight (a contingent's own fleet idle
// while another's officers lack vehicles), the last cut in the chain
// officers -> vehicles -> money binds.
// Teams short of demand are split along the same chain, each capped at
// demand: officers D - min(O, D); vehicles min(O, D) - min(A, D), A being the
// officers' teams the vehicles can carry; money min(A, D) - min(F, D). The
// three add up to D - min(F, D).
// Per zone: the teams the allocation policy allotted it at each shift start,
// against its own demand. The zones share one pool, so a zone short of its
// demand is short for the reason the pool is (above), in the proportion the
// policy chose.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "mmsim/engine.hpp"
#include "mmsim/scenario.hpp"

namespace mmsim::detail {

/// A shift start's teams, per contingent and as a whole.
struct ShiftLimits {
    std::vector<int> officer_teams;   ///< what the ready officers allow
    std::vector<int> after_vehicles;  ///< officer_teams capped by the vehicles
    std::vector<int> roster;          ///< fielded
    std::optional<int> vehicles;      ///< vehicles alone; none = no vehicles section
    std::optional<int> money;         ///< money alone; none = no cap
};

class ConstraintRecord {
public:
    explicit ConstraintRecord(const Scenario& scenario);

    /// A shift starting on day `day` (0-based) fields `limits.roster` and
    /// allots `allocation[z]` of its teams to zone z.
    void on_shift(int day, const ShiftLimits& limits, std::span<const int> allocation);
    /// constraints.* metrics and the daily `constraints` table.
    void finish(ReplicationResult& result) const;

private:
    // Per-day sums over the day's shift starts (divided by the count at the end).
    enum Column {
        demand, officers_allow, vehicles_allow, money_allow, fielded, bound_officers, bound_vehicles,
        bound_money, demand_met, tied, short_officers, short_vehicles, short_money, columns
    };
    // The shares and teams short over days [first_day, end_day), named
    // `prefix` + the metric.
    void put_shares(const std::string& prefix, int first_day, int end_day, ReplicationResult& result) const;

    const Scenario& scenario_;
    double demand_teams_ = 0;
    std::vector<std::vector<double>> by_day_;  ///< [column][day]
    std::vector<int> shifts_;                  ///< per day
    std::vector<double> contingent_short_vehicles_, contingent_short_money_;  ///< sums over shifts
    std::vector<double> zone_demand_;         ///< teams each zone wants
    std::vector<double> zone_short_;          ///< sums over shifts of max(0, demand - allotted)
    std::vector<int> zone_short_shifts_;      ///< shifts at which the zone got less than its demand
};

}  // namespace mmsim::detail
