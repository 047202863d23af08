#pragma once
// Internal: the vehicle fleets over a run. A patrol team needs vehicles:
// ceil(team_size / capacity) of one fleet (one, without a capacity). The
// rules:
//
// Service. A delivery's vehicles enter service at 00:00 of its date (at the
// start, for dates before it). A vehicle is up unless under repair.
//
// Sharing. Teams get vehicles from their contingent's own fleets first (in
// the order written), then from pooled fleets (those without a contingent),
// shared by the highest-averages rule: one team at a time to the contingent
// with the largest wanted / (given + 1) that still needs one, ties to the
// earlier contingent, from the first pooled fleet with enough up vehicles.
// Within a fleet the vehicles with the lowest numbers (delivery order) go on
// duty first.
//
// Wear and repair. A vehicle wears only while on duty (its team on the
// roster). Each vehicle draws, from Rng(seed, replication, Purpose::vehicles),
// an exponential number of duty hours with mean `mtbf` when it enters service
// and after each repair; it fails when its duty hours reach it. A failed
// vehicle is under repair for a draw of `repair`, plus, with probability
// `parts_share`, a draw of `parts_wait`; repairs do not queue. After a
// failure, a repair or a delivery the vehicles are shared again at once with
// the same rule, and the roster follows (a team without a vehicle stands
// down; one that gets a vehicle back re-forms).

#include <cstdint>
#include <span>
#include <vector>

#include "mmsim/engine.hpp"
#include "mmsim/rng.hpp"
#include "mmsim/scenario.hpp"
#include "model/events.hpp"

namespace mmsim::detail {

class VehicleModel {
public:
    /// Preconditions: scenario.vehicles is set.
    VehicleModel(const Scenario& scenario, int replication);

    /// A delivery that entered service.
    struct Delivered {
        std::uint32_t fleet;
        const VehicleDelivery* delivery;
    };
    /// Deliveries dated on or before day `day` not yet in service enter it now.
    std::vector<Delivered> deliver(Sim& sim, int day);
    /// Vehicles in service per fleet.
    std::vector<std::int64_t> delivered_by_fleet() const;

    /// Teams per contingent (<= wanted) the up vehicles could carry now.
    std::vector<int> feasible(std::span<const int> wanted) const;
    /// Teams the vehicles in service could carry, were every contingent's
    /// officers unlimited (what the vehicles alone allow).
    int teams_carried() const;
    /// Puts vehicles on duty for `teams` per contingent (all others off
    /// duty); returns the teams that got vehicles (<= teams).
    std::vector<int> assign(Sim& sim, std::span<const int> teams);
    /// vehicle_failure and vehicle_repaired.
    void handle(Sim& sim, const Event& event);
    /// Teams not fielded for want of vehicles, from now on.
    void set_teams_short(Hours now, int teams);

    void on_day_end(Sim& sim, int day);
    void finish(Sim& sim, ReplicationResult& result);

private:
    struct Vehicle {
        std::uint32_t fleet = 0;
        bool in_repair = false;
        bool on_duty = false;
        Hours duty_since = 0;
        Hours to_failure = 0;  ///< duty hours left before it fails
        EventHandle failure;
    };
    struct Allocation {
        std::vector<int> teams;                       ///< per contingent
        std::vector<std::vector<std::int64_t>> take;  ///< [fleet][contingent] vehicles
    };
    Allocation allocate(std::span<const int> wanted) const;
    int vehicles_per_team(std::uint32_t contingent, std::uint32_t fleet) const;
    void advance(Hours now);

    const Scenario& scenario_;
    const std::vector<Fleet>& fleets_;
    Rng rng_;
    std::vector<Vehicle> vehicles_;
    std::vector<std::vector<std::uint32_t>> by_fleet_;  ///< vehicle indices per fleet
    std::vector<std::size_t> next_delivery_;            ///< per fleet

    // Counts per fleet now, and their integrals.
    std::vector<std::int64_t> delivered_, in_repair_, on_duty_;
    Hours last_h_ = 0;
    int teams_short_ = 0;
    std::vector<double> delivered_h_, up_h_, duty_h_, day_delivered_h_, day_up_h_, day_duty_h_;
    double short_team_h_ = 0, day_short_team_h_ = 0;

    // Totals.
    std::vector<std::int64_t> failures_;
    std::vector<double> repair_h_;
    std::vector<Cents> purchase_cents_, upkeep_cents_;
    // series_[entity][metric]: entity 0 = "all", then fleets.
    std::vector<std::vector<std::vector<double>>> series_;
    std::vector<double> daily_short_;
};

}  // namespace mmsim::detail
