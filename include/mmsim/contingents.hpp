#pragma once
// Contingents and their arrival (YAML: contingents, airport): who is planned
// to come, in which waves, and the airport they land through. How waves become
// officers ready for patrol (delays, airlift capacity, closures, induction,
// rotation, attrition) is told in scenarios/README.md, "Contingents"; the
// figures the run reports are the `personnel.*` metrics (mmsim metrics).

#include <optional>
#include <string>
#include <vector>

#include "mmsim/distribution.hpp"
#include "mmsim/enum_names.hpp"
#include "mmsim/error.hpp"
#include "mmsim/ids.hpp"
#include "mmsim/money.hpp"
#include "mmsim/time.hpp"

namespace mmsim {

/// A planned wave of officers (YAML: contingents.<id>.waves[i]).
struct Wave {
    Date date;          ///< landing date as modelled (before arrival_delay)
    int officers = 0;   ///< > 0
    /// The date the mandate or pledge planned it for, when known (may lie
    /// before the scenario): delay against plan is reported from it.
    std::optional<Date> plan;
    SourcePos pos;      ///< where the wave was written (for messages)
};

/// What happens when an officer's tour ends.
enum class Rotation {
    none,     ///< officers stay until the horizon (tour ignored)
    depart,   ///< officers leave at tour end, not replaced
    replace,  ///< a replacement wave is planned `rotation_lead` before tour end
};
inline constexpr EnumName<Rotation> kRotationNames[] = {
    {Rotation::none, "none"}, {Rotation::depart, "depart"}, {Rotation::replace, "replace"}};
constexpr std::span<const EnumName<Rotation>> enum_names(Rotation) { return kRotationNames; }

/// A national contingent (YAML: contingents.<id>).
struct Contingent {
    std::string id;                ///< the YAML key, e.g. "kenya"
    std::string country;           ///< display name, e.g. "Kenya"
    std::string role = "police";   ///< free text (police, military police, ...)
    std::vector<Wave> waves;       ///< in date order
    Distribution arrival_delay = Distribution::fixed(0);  ///< hours added to each wave's planned date
    Hours induction = 7 * kHoursPerDay;  ///< landing to ready
    int team_size = 8;                   ///< officers per patrol team (> 0)
    double duty_share = 0.5;             ///< share of ready officers on shift, (0, 1]
    Hours tour = 0;                      ///< tour length; 0 with rotation none
    Rotation rotation = Rotation::none;
    Hours rotation_lead = 14 * kHoursPerDay;  ///< replacement planned this long before tour end
    double attrition_per_year = 0;       ///< share of ready officers lost per year (medical etc.), [0, 1)
    bool self_funded = false;            ///< does not draw on the pooled fund
    Cents cost_per_officer_day = 0;      ///< per officer in theatre (induction or ready) per day
    Cents deployment_cost_per_officer = 0;  ///< once per officer landed (airlift, kit)
    SourcePos pos;
};

/// A period with the airport closed (YAML: airport.closures[i]).
struct Closure {
    Hours from = 0;    ///< closes at 00:00 of `from`
    Hours reopen = 0;  ///< reopens at 00:00 of `reopen` (> from)
    std::string reason;
};

/// The airport officers land through (YAML: airport).
struct Airport {
    std::optional<ZoneId> zone;          ///< the zone the airport lies in (theatre)
    std::optional<int> daily_capacity;   ///< officers landed per calendar day; none = unlimited
    std::vector<Closure> closures;       ///< sorted, non-overlapping
};

}  // namespace mmsim
