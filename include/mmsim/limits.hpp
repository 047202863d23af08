#pragma once
// What limits the patrols, read from a report: the shares of shifts at which
// officers, vehicles or money bound, or demand was met (the constraints.*
// metrics and the daily `constraints` table; how a resource binds is told in
// scenarios/README.md, "What limits the patrols"), and when the main limit
// took over. The summary, report.html and compare say it in words.

#include <optional>
#include <span>
#include <string>

#include "mmsim/enum_names.hpp"
#include "mmsim/report.hpp"

namespace mmsim {

/// What set the teams fielded at a shift start.
enum class Limit { officers, vehicles, money, demand_met };
inline constexpr EnumName<Limit> kLimitNames[] = {
    {Limit::officers, "officers"}, {Limit::vehicles, "vehicles"}, {Limit::money, "money"},
    {Limit::demand_met, "demand met"}};
constexpr std::span<const EnumName<Limit>> enum_names(Limit) { return kLimitNames; }

struct LimitsSummary {
    /// Share of the run's shifts bound by each limit (demand_met: demand
    /// met), means across replications; ties count for each limit bound.
    double share[4] = {};
    double tied = 0;  ///< share of shifts bound by several resources
    Limit main = Limit::demand_met;  ///< the largest share
    /// The limit that bound most shifts on the last day, and the first day
    /// of the stretch up to the end in which it bound most shifts every day
    /// (0: the whole run).
    Limit last = Limit::demand_met;
    int last_from_day = 0;
    double last_share = 0;  ///< its share of the shifts from that day on
    /// Before that day, the shares of the shifts as in `share` (when the day > 0).
    double before[4] = {};
    /// Days the fund ended with personnel bills unpaid (mean; 0 without funding).
    double days_personnel_unpaid = 0;
};

/// A share as a whole percentage: "92%".
std::string whole_percent(double share);

/// The summary of a report that has the constraints metrics and series; none
/// for a scenario without a theatre (no patrols).
std::optional<LimitsSummary> summarize_limits(const Report& report);

/// In words: "Vehicles bound 92% of shifts, officers 19% (11% tied). From
/// 2025-01-03 on, vehicles bound 100% of shifts; before that, vehicles 83%,
/// officers 38%." and, when money held officers back, a sentence saying so.
std::string describe_limits(const LimitsSummary& limits, const Report& report);

}  // namespace mmsim
