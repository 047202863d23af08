#pragma once
// Internal: what couples money and vehicles to the rest of the run. The
// engine asks it, at each shift start, how many teams each contingent fields:
//
//   1. the teams the ready officers allow (the engine's figure);
//   2. under reduce_operations in shortfall, the teams of contingents that
//      draw on the fund are capped at the total the money allows, shared
//      among them by the highest-averages rule in proportion to their
//      officers' teams (self-funded contingents are never cut);
//   3. the vehicles up are shared among those teams (sim/vehicles.hpp) and
//      go on duty with them: the roster.
// Teams not fielded for want of money: the teams the vehicles could have
// carried (1 capped by the vehicles alone) less the roster at the shift
// start; for want of vehicles: the rest of the gap between 1 and the roster.
//
// A vehicle failure, repair or delivery shares the vehicles again at once
// among the teams of 2 and, if that changes the roster, re-forms it (as a
// shift start does).
// It also forwards payments, bills deliveries, runs the fund's reviews at
// day starts and its bills at day ends. Without `funding` and `vehicles` in
// the scenario it does nothing at all: no events, no draws, no figures.

#include <optional>
#include <vector>

#include "model/arrivals.hpp"
#include "model/funding_model.hpp"
#include "mmsim/engine.hpp"
#include "mmsim/scenario.hpp"
#include "run/constraints.hpp"
#include "model/events.hpp"
#include "incidents/response_model.hpp"
#include "model/vehicle_model.hpp"

namespace mmsim::detail {

class Sustainment {
public:
    /// `keep_ledger`: keep every ledger entry (else only daily totals).
    Sustainment(const Scenario& scenario, int replication, bool keep_ledger);

    /// Whether `kind` is one of the events this part handles.
    static bool handles(EventKind kind) {
        return kind == EventKind::pledge_payment || kind == EventKind::vehicle_failure ||
               kind == EventKind::vehicle_repaired;
    }

    /// Time 0, before arrivals start: payments due by now, day 0's
    /// deliveries and the first review (so that waves due at once can be held).
    void start(Sim& sim, ArrivalsModel& arrivals);
    /// 00:00 of day `day` > 0, before its events: deliveries, then a review.
    void on_day_start(Sim& sim, int day, ArrivalsModel& arrivals, ResponseModel* response);
    /// The roster for a shift starting now, from the teams the officers allow.
    std::vector<int> teams(Sim& sim, std::vector<int> officer_teams);
    /// What each resource alone allowed at the last shift start, and the roster.
    const ShiftLimits& limits() const { return limits_; }
    /// pledge_payment, vehicle_failure, vehicle_repaired.
    void handle(Sim& sim, const Event& event, ResponseModel* response);
    /// End of day `day`: the fund's bills, the fleets' daily figures.
    void on_day_end(Sim& sim, int day, const ArrivalsModel& arrivals,
                    const ResponseModel* response);
    /// Funding metrics, then vehicle metrics.
    void finish(Sim& sim, ReplicationResult& result, const ResponseModel* response);

private:
    void deliver(Sim& sim, int day);
    void reshare(Sim& sim, ResponseModel* response);
    void set_roster(Hours now, std::vector<int> roster);

    const Scenario& scenario_;
    std::optional<FundingModel> funding_;
    std::optional<VehicleModel> vehicles_;
    std::vector<int> wanted_;         ///< the officers' teams capped by the money
    int money_cut_ = 0;               ///< teams not fielded for want of money this shift
    std::vector<int> roster_;         ///< teams on duty now
    bool formed_ = false;             ///< a shift has started
    std::vector<double> demand_h_;    ///< per zone, team-hours wanted a day
    /// At the last shift start: the officers' teams, those capped by the
    /// vehicles alone (uncut), the roster, and what vehicles and money allowed.
    ShiftLimits limits_;
};

}  // namespace mmsim::detail
