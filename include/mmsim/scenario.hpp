#pragma once
// A scenario: the fixed model of one what-if, loaded from YAML, validated, and
// `const` for the whole run. Every field here is a documented YAML key (see
// scenarios/README.md); defaults are the values a key takes when omitted.
// Times are hours from the start date (00:00); dates stay dates only where a
// user reads them back.

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "mmsim/distribution.hpp"
#include "mmsim/error.hpp"
#include "mmsim/ids.hpp"
#include "mmsim/time.hpp"

namespace mmsim {

inline constexpr Hours kNever = std::numeric_limits<Hours>::infinity();

/// A planned wave of officers (YAML: contingents.<id>.waves[i]).
struct Wave {
    Date date;          ///< planned landing date
    int officers = 0;   ///< > 0
    SourcePos pos;      ///< where the wave was written (for messages)
};

/// What happens when an officer's tour ends.
enum class Rotation {
    none,     ///< officers stay until the horizon (tour ignored)
    depart,   ///< officers leave at tour end, not replaced
    replace,  ///< a replacement wave is planned `rotation_lead` before tour end
};

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
    bool self_funded = false;            ///< does not draw on the pooled fund (funding issue)
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

/// A zone (commune/neighbourhood) of the theatre (YAML: theatre.zones.<id>).
struct Zone {
    std::string id;
    std::string name;
    double population = 0;             ///< people
    double lat = 0, lon = 0;           ///< degrees (display and travel estimates only)
    double area_km2 = 0;
    double incident_rate_per_day = 0;  ///< baseline rate at gang control 0
    double gang_control = 0;           ///< initial g in [0, 1]
    Hours internal_response = 0;       ///< travel time for a team already in the zone
    std::optional<double> demand_teams;  ///< teams wanted on patrol; default from population
    SourcePos pos;
};

/// An undirected road between two zones (YAML: theatre.roads[i]).
struct Road {
    ZoneId a, b;
    Hours travel = 0;  ///< > 0
    SourcePos pos;
};

struct Theatre {
    std::vector<Zone> zones;
    std::vector<Road> roads;
    std::vector<ZoneId> bases;  ///< where teams start; default: the airport zone, else zone 0
};

enum class AllocationPolicy { proportional, priority, coverage };

/// How ready officers become patrol teams and where teams go (YAML: patrols).
struct Patrols {
    Hours shift = 12;                        ///< shift length; allocation at each shift start
    AllocationPolicy policy = AllocationPolicy::proportional;
    Hours response_target = 0.5;             ///< 30 min
    double demand_teams_per_100k = 2.0;      ///< default zone demand per 100,000 people
};

/// A severity class of incidents (YAML: incidents.classes.<id>).
struct IncidentClass {
    std::string id;
    double share = 1;                 ///< share of a zone's incidents, normalised over classes
    int priority = 1;                 ///< 1 is the most urgent; queue order
    int teams_needed = 1;             ///< >= 1
    Distribution on_scene = Distribution::exponential(1);  ///< hours on scene
    Hours max_wait = kNever;          ///< abandoned (unanswered) after this wait; 0 = lost at once
    SourcePos pos;
};

/// An incident written into the scenario (YAML: incidents.scripted[i]).
struct ScriptedIncident {
    Hours at = 0;
    ZoneId zone;
    IncidentClassId incident_class;
    std::string note;
};

struct Incidents {
    /// rate(zone) = incident_rate_per_day * (1 + gang_rate_factor * g)
    double gang_rate_factor = 1.0;
    std::vector<IncidentClass> classes;
    std::vector<ScriptedIncident> scripted;
};

/// The whole scenario after `extends` and `--set` are resolved.
struct Scenario {
    std::string name;
    std::string description;
    std::string file;                 ///< the file it was loaded from
    Date start;                       ///< time 0 is 00:00 of this date
    Date end;                         ///< last simulated day (inclusive)
    std::uint64_t seed = 1;
    int replications = 10;
    std::string currency = "USD";
    Airport airport;
    std::vector<Contingent> contingents;
    Theatre theatre;                  ///< empty: no patrol/incident model
    Patrols patrols;
    Incidents incidents;
    std::uint64_t hash = 0;           ///< of the resolved scenario (provenance)

    /// Simulated days: end - start + 1.
    int days() const { return days_between(start, end) + 1; }
    /// Horizon in hours.
    Hours horizon() const { return days() * kHoursPerDay; }
};

/// Loads, resolves (`extends`, then each `--set` "path=value" in order) and
/// validates a scenario. Throws ScenarioError listing every problem found.
Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides = {});

}  // namespace mmsim
