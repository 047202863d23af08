#include "run/sustainment.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "mmsim/patrols.hpp"
#include "mmsim/statistics.hpp"

namespace mmsim::detail {

Sustainment::Sustainment(const Scenario& scenario, int replication, bool keep_ledger)
    : scenario_(scenario) {
    if (scenario.funding) funding_.emplace(scenario, replication, keep_ledger);
    if (scenario.vehicles) vehicles_.emplace(scenario, replication);
    for (const Zone& zone : scenario.theatre.zones)
        demand_h_.push_back(zone_demand_teams(zone, scenario.patrols) * kHoursPerDay);
}

void Sustainment::start(Sim& sim, ArrivalsModel& arrivals) {
    if (funding_) funding_->start(sim);
    deliver(sim, 0);
    if (funding_) funding_->review(sim, 0, arrivals, limits_.after_vehicles);
}

void Sustainment::on_day_start(Sim& sim, int day, ArrivalsModel& arrivals,
                               ResponseModel* response) {
    if (vehicles_) {
        deliver(sim, day);
        reshare(sim, response);
    }
    if (funding_) funding_->review(sim, day, arrivals, limits_.after_vehicles);
}

void Sustainment::deliver(Sim& sim, int day) {
    if (!vehicles_) return;
    for (const VehicleModel::Delivered& delivered : vehicles_->deliver(sim, day)) {
        if (!funding_) continue;
        const VehicleDelivery& delivery = *delivered.delivery;
        const Cents cost = money_mul(delivery.cost_per_vehicle, delivery.count);
        if (delivery.paid_by)
            funding_->note_in_kind(*delivery.paid_by, cost);
        else
            funding_->bill_purchase(day, sim.now(), delivered.fleet, cost);
    }
    if (funding_) funding_->set_vehicles(vehicles_->delivered_by_fleet());
}

std::vector<int> Sustainment::teams(Sim& sim, std::vector<int> officer_teams) {
    if (!funding_ && !vehicles_) {
        limits_.after_vehicles = limits_.roster = limits_.officer_teams = std::move(officer_teams);
        return limits_.roster;
    }
    formed_ = true;
    limits_.officer_teams = std::move(officer_teams);
    limits_.after_vehicles =
        vehicles_ ? vehicles_->feasible(limits_.officer_teams) : limits_.officer_teams;
    // The money caps the officers' teams, so that a vehicle back from repair
    // mid-shift can still carry a team the money allows.
    wanted_ = limits_.officer_teams;
    if (funding_ && funding_->team_cap()) {
        std::vector<int> drawing(wanted_.size(), 0);  // teams of contingents the fund pays
        for (std::size_t c = 0; c < wanted_.size(); ++c)
            if (!scenario_.contingents[c].self_funded) drawing[c] = limits_.officer_teams[c];
        const std::vector<int> shared = share_teams(drawing, *funding_->team_cap());
        for (std::size_t c = 0; c < wanted_.size(); ++c)
            if (!scenario_.contingents[c].self_funded) wanted_[c] = shared[c];
    }
    std::vector<int> roster = vehicles_ ? vehicles_->assign(sim, wanted_) : wanted_;
    // Teams the vehicles could carry but the money did not allow.
    const int uncut = std::accumulate(limits_.after_vehicles.begin(), limits_.after_vehicles.end(), 0);
    money_cut_ = std::max(0, uncut - std::accumulate(roster.begin(), roster.end(), 0));
    limits_.roster = roster;
    limits_.vehicles = vehicles_ ? std::optional<int>(vehicles_->teams_carried()) : std::nullopt;
    limits_.money.reset();
    if (funding_ && funding_->team_cap()) {
        int self_funded = 0;
        for (std::size_t c = 0; c < limits_.officer_teams.size(); ++c)
            if (scenario_.contingents[c].self_funded) self_funded += limits_.officer_teams[c];
        limits_.money = *funding_->team_cap() + self_funded;
    }
    set_roster(sim.now(), roster);
    return roster;
}

void Sustainment::set_roster(Hours now, std::vector<int> roster) {
    const int officer = std::accumulate(limits_.officer_teams.begin(), limits_.officer_teams.end(), 0);
    const int fielded = std::accumulate(roster.begin(), roster.end(), 0);
    if (funding_) funding_->set_roster(now, roster, money_cut_);
    if (vehicles_) vehicles_->set_teams_short(now, std::max(0, officer - fielded - money_cut_));
    roster_ = std::move(roster);
}

void Sustainment::reshare(Sim& sim, ResponseModel* response) {
    if (!vehicles_ || !formed_) return;
    std::vector<int> roster = vehicles_->assign(sim, wanted_);
    if (roster == roster_) return;
    if (response) response->on_shift_start(sim, roster);
    set_roster(sim.now(), std::move(roster));
}

void Sustainment::handle(Sim& sim, const Event& event, ResponseModel* response) {
    if (event.kind == EventKind::pledge_payment) {
        funding_->on_payment(sim, event.a);
        return;
    }
    vehicles_->handle(sim, event);
    reshare(sim, response);
}

void Sustainment::on_day_end(Sim& sim, int day, const ArrivalsModel& arrivals,
                             const ResponseModel* response) {
    if (vehicles_) vehicles_->on_day_end(sim, day);
    if (!funding_) return;
    // Patrol team-hours that met demand today: ratio x demand, per zone.
    double covered_h = 0;
    if (response) {
        const std::span<const double> ratios = response->last_day_patrol_ratio();
        for (std::size_t z = 0; z < ratios.size(); ++z)
            if (!std::isnan(ratios[z])) covered_h += ratios[z] * demand_h_[z];
    }
    funding_->on_day_end(sim, day, arrivals, covered_h);
}

void Sustainment::finish(Sim& sim, ReplicationResult& result, const ResponseModel* response) {
    // Incidents answered over the whole horizon, warm-up included: the
    // costs are the whole run's.
    if (funding_)
        funding_->finish(sim, result, response ? static_cast<double>(response->answered_incidents()) : kNaN);
    if (vehicles_) vehicles_->finish(sim, result);
}

}  // namespace mmsim::detail
