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
#include "mmsim/ledger.hpp"
#include "mmsim/money.hpp"
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

/// What a pledge's money may pay for (YAML: pledges[i].earmark).
struct Earmark {
    enum class Kind { none, contingent, category };
    Kind kind = Kind::none;
    ContingentId contingent;                                ///< kind contingent
    LedgerCategory category = LedgerCategory::personnel;   ///< kind category (a cost category)
};

/// A promise of money (YAML: funding.sources.<id>.pledges[i]). Instalment k
/// (0-based) is due at date + k * interval and paid, with `probability`,
/// `lag` later; the amount is split into equal instalments in whole cents,
/// the first ones taking the odd cents, and a paid instalment brings
/// `paid_share` of its amount (rounded to the cent).
struct Pledge {
    Date date;                                  ///< first instalment due (may precede the start)
    Cents amount = 0;                           ///< total of all instalments, >= 0
    Distribution lag = Distribution::fixed(0);  ///< hours from due date to payment, drawn per instalment
    double probability = 1;                     ///< each instalment is paid with this probability, [0, 1]
    double paid_share = 1;                      ///< share of a paid instalment that arrives, [0, 1]
    int instalments = 1;                        ///< >= 1
    Hours interval = 0;                         ///< between due dates; > 0 when instalments > 1
    Earmark earmark;
    SourcePos pos;
};

/// A period in which a source pays nothing (YAML: sources.<id>.freezes[i]):
/// a payment falling in [from, to) is made at `to` instead.
struct Freeze {
    Hours from = 0;  ///< 00:00 of the first frozen day
    Hours to = 0;    ///< 00:00 of the day payments resume (> from)
    std::string reason;
};

/// A government or fund that pledges money (YAML: funding.sources.<id>).
struct FundingSource {
    std::string id;
    std::string name;
    std::vector<Pledge> pledges;
    std::vector<Freeze> freezes;
    SourcePos pos;
};

/// What the fund does when it cannot cover the next review period.
enum class ShortfallPolicy { none, defer_arrivals, reduce_operations, withdraw };

/// The pooled mission fund (YAML: funding). Absent: money is unlimited and
/// no ledger is kept.
struct Funding {
    Cents opening_balance = 0;
    int review_days = 30;           ///< days between reviews (>= 1); the first is at the start
    ShortfallPolicy policy = ShortfallPolicy::none;
    int reserve_days = 30;          ///< defer_arrivals: days of burn held waves must leave covered
    Cents credit_line = 0;          ///< how far the pool may be overdrawn, >= 0
    Cents overhead_per_day = 0;     ///< fixed daily cost (bases, fuel, ...)
    Cents operating_cost_per_patrol_hour = 0;  ///< per team-hour on duty
    std::vector<FundingSource> sources;
};

/// Vehicles handed over to a fleet (YAML: vehicles.fleets.<id>.deliveries[i]).
struct VehicleDelivery {
    Date date;                              ///< in service from 00:00 (a date before the start: at the start)
    int count = 0;                          ///< > 0
    Cents cost_per_vehicle = 0;             ///< purchase price
    std::optional<std::uint32_t> paid_by;   ///< index of the donating source; none = the fund pays
    SourcePos pos;
};

/// Armoured vehicles that patrol teams need (YAML: vehicles.fleets.<id>).
struct Fleet {
    std::string id;
    std::optional<ContingentId> contingent;   ///< serves only this contingent; none = pooled
    std::optional<int> capacity;              ///< officers per vehicle; none = any team fits one
    Hours mtbf = kNever;                      ///< mean hours on duty between failures (exponential)
    Distribution repair = Distribution::fixed(0);      ///< hours from failure to back in service
    double parts_share = 0;                   ///< share of repairs that also wait for parts, [0, 1]
    Distribution parts_wait = Distribution::fixed(0);  ///< hours added when waiting for parts
    Cents cost_per_vehicle_day = 0;           ///< upkeep of each delivered vehicle, paid by the fund
    std::vector<VehicleDelivery> deliveries;  ///< in date order
    SourcePos pos;
};

/// YAML: vehicles. Absent: vehicles never bound the teams fielded.
struct Vehicles {
    std::vector<Fleet> fleets;
};

/// How gang control g evolves, once a day (YAML: control; the model is in
/// gang_control.hpp). All three rates zero: g stays at each zone's initial
/// gang_control, as if the section were absent.
struct ControlDynamics {
    double growth_per_day = 0;       ///< logistic growth rate r, [0, 10]
    double suppression_per_day = 0;  ///< share of g removed a day at full patrol coverage, [0, 1]
    double spillover_per_day = 0;    ///< diffusion over a road of weight 1, >= 0
    Hours spillover_scale = 0.5;     ///< road weight = exp(-travel / spillover_scale), > 0
    double threshold = 0.5;          ///< control.*.days_to_threshold counts days until g < this, [0, 1]

    /// False when every rate is zero (static control).
    bool dynamic() const {
        return growth_per_day > 0 || suppression_per_day > 0 || spillover_per_day > 0;
    }
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
    std::optional<Funding> funding;   ///< none: unlimited money
    std::optional<Vehicles> vehicles; ///< none: unlimited vehicles
    ControlDynamics control;          ///< gang-control dynamics; default static
    std::uint64_t hash = 0;           ///< of the resolved scenario (provenance)

    /// Simulated days: end - start + 1.
    int days() const { return days_between(start, end) + 1; }
    /// Horizon in hours.
    Hours horizon() const { return days() * kHoursPerDay; }
};

/// Loads, resolves (`extends`, then each `--set` "path=value" in order) and
/// validates a scenario. Throws ScenarioError listing every problem found.
Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides = {});

/// A scenario hash as every output shows it: 16 lower-case hex digits.
std::string format_hash(std::uint64_t hash);

struct Node;
/// Validates an already resolved document tree (`extends` and overrides
/// applied) as a scenario read from `file`, as load_scenario does. Lets a
/// sweep load its base once and build each point from a modified copy.
/// Throws ScenarioError listing every problem found.
Scenario build_scenario(const Node& root, const std::string& file);

}  // namespace mmsim
