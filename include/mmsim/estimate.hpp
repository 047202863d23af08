#pragma once
// `mmsim estimate`: a steady-state queueing estimate of the response model for
// the force and allocation of one day, in milliseconds, beside (not instead
// of) the simulation. The method, its simplifications and references are in
// scenarios/README.md, "Estimating without simulating".
//
// Steps: the force on the day, without randomness (estimate_force); the teams
// allocated to zones by the scenario's policy at the initial gang control
// (allocate_teams); the zones' incident rates; then the teams as hypercube
// units posted in their zones, each zone's preference list the teams nearest
// by travel time (hypercube.hpp: exact up to kExactHypercubeMaxUnits teams,
// Larson's approximation above), the pooled figures from Erlang C (M/M/N) or,
// when every class is lost at once (max_wait 0), Erlang B (M/M/N/N).

#include <optional>
#include <string>
#include <vector>

#include "mmsim/compare.hpp"
#include "mmsim/scenario.hpp"
#include "mmsim/time.hpp"

namespace mmsim {

/// The force on one day, without randomness.
struct ForceEstimate {
    Date date;
    /// Per contingent (scenario order): expected officers ready at 00:00 of `date`.
    std::vector<double> ready_officers;
    int officer_teams = 0;  ///< sum of floor(ready * duty_share / team_size)
    /// Teams the vehicles in service could carry (none without `vehicles`).
    std::optional<int> vehicle_teams;
    int teams = 0;  ///< teams fielded: the fewer of the two
};

/// The force on `date`: each wave due at its date plus the mean arrival delay,
/// landed through the airlift (daily capacity, closures) first come first
/// served, ready after induction, gone at the end of its tour, replaced
/// (rotation replace) by a wave planned rotation_lead before; ready officers
/// thinned by the expected attrition. Vehicles: those delivered by `date`
/// times the fleet's availability mtbf / (mtbf + mean repair + parts_share *
/// mean parts wait), own fleets first, then pooled. Money is not modelled.
/// Precondition: `date` within the horizon.
ForceEstimate estimate_force(const Scenario& scenario, Date date);

/// One zone's figures (or the whole theatre's, `zone` "all").
struct ZoneEstimate {
    std::string zone;
    int teams = 0;                    ///< teams posted there
    double incidents_per_day = 0;     ///< at the initial gang control
    double workload = 0;              ///< mean fraction of time its teams are busy; NaN without teams
    double prob_wait = 0;             ///< fcfs: P(no team free); loss: P(lost)
    double mean_travel_min = 0;       ///< minutes, over answered incidents
    double mean_response_min = 0;     ///< wait + travel, minutes, over answered incidents
    double within_target_share = 0;   ///< P(response <= patrols.response_target)
};

/// The estimate for one day.
struct Estimate {
    std::string scenario_name;
    std::string scenario_hash;      ///< 16 hex digits
    Hours response_target = 0;
    ForceEstimate force;
    bool exact = false;             ///< exact hypercube (else Larson's approximation)
    bool loss = false;              ///< every class has max_wait 0: a loss system
    bool stable = true;             ///< fcfs: dispatches per hour < teams / mean service
    double dispatches_per_h = 0;    ///< team dispatches (a two-team incident counts twice)
    double on_scene_h = 0;          ///< mean on-scene hours per dispatch
    double service_h = 0;           ///< on scene + mean travel to the scene, hours
    double offered_load = 0;        ///< erlangs: dispatches_per_h * service_h
    ZoneEstimate all;               ///< the whole theatre
    std::vector<ZoneEstimate> zones;  ///< scenario order
};

/// Estimates `scenario` on `date`. Throws ScenarioError when the scenario has
/// no theatre. An unstable system (offered load >= teams) or one without
/// teams is a result: its workloads are 1 (or NaN) and its responses infinite.
Estimate estimate(const Scenario& scenario, Date date);

/// One figure of the estimate beside the simulation's.
struct EstimateComparison {
    std::string zone;    ///< "all" or a zone id
    std::string figure;  ///< e.g. "mean_response_min"
    std::string metric;  ///< the report's metric it is compared with
    double estimate = 0;
    Summary simulated;   ///< NaN when the report lacks the metric
    double difference = 0;  ///< estimate - simulated mean
};

/// The simulated figures of the same run beside the estimate.
struct EstimateVersusRun {
    std::string report_file;
    std::string window;  ///< "" for the whole run
    Date from, to;       ///< the days compared
    int replications = 0;
    std::vector<EstimateComparison> rows;
};

/// Sets the estimate beside `report`'s figures over the window containing
/// the estimate's date (the first such window), else the whole run. Throws
/// ScenarioError naming the report when it was made from another scenario
/// (its hash differs: another file, or other --set arguments).
EstimateVersusRun compare_estimate(const Estimate& estimate, const Scenario& scenario,
                                   const SavedReport& report);

/// The estimate (and comparison, when given) as a text table.
std::string estimate_text(const Estimate& estimate, const EstimateVersusRun* run);
/// estimate.json (deterministic).
std::string estimate_json(const Estimate& estimate, const EstimateVersusRun* run);
/// estimate.csv: zone,figure,estimate,simulated,ci_low,ci_high,difference,metric.
std::string estimate_csv(const Estimate& estimate, const EstimateVersusRun* run);

}  // namespace mmsim
