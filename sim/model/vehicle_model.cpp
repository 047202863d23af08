#include "model/vehicle_model.hpp"

#include <algorithm>
#include <numeric>
#include <cassert>
#include <cmath>
#include <limits>
#include <queue>
#include <string>

#include "mmsim/distribution.hpp"
#include "mmsim/statistics.hpp"

namespace mmsim::detail {
namespace {

// The daily series, table "vehicles", in emission order.
enum SeriesMetric : std::size_t { s_delivered, s_in_repair, s_on_duty, s_availability, s_count };
constexpr const char* kVehicleSeries[s_count] = {"delivered", "in_repair", "on_duty", "availability"};

}  // namespace

VehicleModel::VehicleModel(const Scenario& scenario, int replication)
    : scenario_(scenario),
      fleets_(scenario.vehicles->fleets),
      rng_(scenario.seed, static_cast<std::uint64_t>(replication), Purpose::vehicles) {
    const std::size_t n = fleets_.size();
    by_fleet_.resize(n);
    next_delivery_.assign(n, 0);
    for (auto* counts : {&delivered_, &in_repair_, &on_duty_, &failures_}) counts->assign(n, 0);
    for (auto* hours :
         {&delivered_h_, &up_h_, &duty_h_, &day_delivered_h_, &day_up_h_, &day_duty_h_, &repair_h_})
        hours->assign(n, 0.0);
    purchase_cents_.assign(n, 0);
    upkeep_cents_.assign(n, 0);
    series_.assign(n + 1, std::vector<std::vector<double>>(s_count));
}

int VehicleModel::vehicles_per_team(std::uint32_t contingent, std::uint32_t fleet) const {
    const std::optional<int>& capacity = fleets_[fleet].capacity;
    if (!capacity) return 1;
    const int team = scenario_.contingents[contingent].team_size;
    return (team + *capacity - 1) / *capacity;
}

std::vector<VehicleModel::Delivered> VehicleModel::deliver(Sim& sim, int day) {
    advance(sim.now());
    const Date today = add_days(scenario_.start, day);
    std::vector<Delivered> delivered;
    for (std::uint32_t f = 0; f < fleets_.size(); ++f) {
        const Fleet& fleet = fleets_[f];
        for (; next_delivery_[f] < fleet.deliveries.size(); ++next_delivery_[f]) {
            const VehicleDelivery& delivery = fleet.deliveries[next_delivery_[f]];
            if (delivery.date > today) break;
            for (int i = 0; i < delivery.count; ++i) {
                Vehicle vehicle;
                vehicle.fleet = f;
                vehicle.to_failure =
                    fleet.mtbf == kNever ? kNever : sample_exponential(rng_, fleet.mtbf);
                by_fleet_[f].push_back(static_cast<std::uint32_t>(vehicles_.size()));
                vehicles_.push_back(vehicle);
            }
            delivered_[f] += delivery.count;
            purchase_cents_[f] =
                money_add(purchase_cents_[f], money_mul(delivery.cost_per_vehicle, delivery.count));
            delivered.push_back(Delivered{f, &delivery});
        }
    }
    return delivered;
}

std::vector<std::int64_t> VehicleModel::delivered_by_fleet() const { return delivered_; }

VehicleModel::Allocation VehicleModel::allocate(std::span<const int> wanted) const {
    const std::size_t contingents = scenario_.contingents.size();
    Allocation out{std::vector<int>(contingents, 0),
                   std::vector<std::vector<std::int64_t>>(
                       fleets_.size(), std::vector<std::int64_t>(contingents, 0))};
    std::vector<std::int64_t> up(fleets_.size());
    for (std::size_t f = 0; f < fleets_.size(); ++f) up[f] = delivered_[f] - in_repair_[f];
    std::vector<int>& given = out.teams;

    for (std::uint32_t f = 0; f < fleets_.size(); ++f) {  // own fleets first
        if (!fleets_[f].contingent) continue;
        const std::uint32_t c = fleets_[f].contingent->value;
        const int per_team = vehicles_per_team(c, f);
        const auto teams =
            static_cast<int>(std::min<std::int64_t>(wanted[c] - given[c], up[f] / per_team));
        if (teams <= 0) continue;
        given[c] += teams;
        up[f] -= std::int64_t{teams} * per_team;
        out.take[f][c] += std::int64_t{teams} * per_team;
    }
    // Pooled fleets: highest averages, compared exactly in integers.
    auto less = [&](std::uint32_t a, std::uint32_t b) {
        const std::int64_t left = std::int64_t{wanted[a]} * (given[b] + 1);
        const std::int64_t right = std::int64_t{wanted[b]} * (given[a] + 1);
        return left != right ? left < right : a > b;
    };
    std::priority_queue<std::uint32_t, std::vector<std::uint32_t>, decltype(less)> next(less);
    for (std::uint32_t c = 0; c < contingents; ++c)
        if (given[c] < wanted[c]) next.push(c);
    while (!next.empty()) {
        const std::uint32_t c = next.top();
        next.pop();
        for (std::uint32_t f = 0; f < fleets_.size(); ++f) {
            const int per_team = vehicles_per_team(c, f);
            if (fleets_[f].contingent || up[f] < per_team) continue;
            ++given[c];
            up[f] -= per_team;
            out.take[f][c] += per_team;
            if (given[c] < wanted[c]) next.push(c);
            break;
        }
    }
    return out;
}

std::vector<int> VehicleModel::feasible(std::span<const int> wanted) const {
    return allocate(wanted).teams;
}

int VehicleModel::teams_carried() const {
    // Large enough that no contingent runs out of teams, small enough that
    // the highest-averages products stay far inside 64 bits.
    const std::vector<int> unlimited(scenario_.contingents.size(), 1 << 30);
    const std::vector<int> teams = allocate(unlimited).teams;
    return std::accumulate(teams.begin(), teams.end(), 0);
}

std::vector<int> VehicleModel::assign(Sim& sim, std::span<const int> teams) {
    const Hours now = sim.now();
    advance(now);
    for (Vehicle& vehicle : vehicles_) {  // everyone off duty, keeping their wear
        if (!vehicle.on_duty) continue;
        vehicle.to_failure = std::max(0.0, vehicle.to_failure - (now - vehicle.duty_since));
        sim.cancel(vehicle.failure);
        vehicle.on_duty = false;
    }
    std::fill(on_duty_.begin(), on_duty_.end(), 0);
    Allocation allocation = allocate(teams);
    for (std::uint32_t f = 0; f < fleets_.size(); ++f) {
        std::int64_t needed = 0;
        for (std::int64_t take : allocation.take[f]) needed += take;
        for (std::uint32_t v : by_fleet_[f]) {
            if (needed == 0) break;
            Vehicle& vehicle = vehicles_[v];
            if (vehicle.in_repair) continue;
            vehicle.on_duty = true;
            vehicle.duty_since = now;
            if (vehicle.to_failure != kNever)
                vehicle.failure = sim.schedule_at(now + vehicle.to_failure,
                                                  Event{EventKind::vehicle_failure, v, 0});
            ++on_duty_[f];
            --needed;
        }
        assert(needed == 0);
    }
    return allocation.teams;
}

void VehicleModel::handle(Sim& sim, const Event& event) {
    const Hours now = sim.now();
    advance(now);
    Vehicle& vehicle = vehicles_[event.a];
    const Fleet& fleet = fleets_[vehicle.fleet];
    if (event.kind == EventKind::vehicle_failure) {
        assert(vehicle.on_duty && !vehicle.in_repair);
        vehicle.on_duty = false;
        vehicle.in_repair = true;
        vehicle.to_failure = 0;
        --on_duty_[vehicle.fleet];
        ++in_repair_[vehicle.fleet];
        ++failures_[vehicle.fleet];
        Hours repair = sample(fleet.repair, rng_);
        if (fleet.parts_share > 0 && sample_bernoulli(rng_, fleet.parts_share))
            repair += sample(fleet.parts_wait, rng_);
        repair_h_[vehicle.fleet] += repair;
        sim.schedule_in(repair, Event{EventKind::vehicle_repaired, event.a, 0});
    } else if (event.kind == EventKind::vehicle_repaired) {
        vehicle.in_repair = false;
        --in_repair_[vehicle.fleet];
        vehicle.to_failure = sample_exponential(rng_, fleet.mtbf);
    }
}

void VehicleModel::set_teams_short(Hours now, int teams) {
    advance(now);
    teams_short_ = teams;
}

void VehicleModel::advance(Hours now) {
    const Hours elapsed = now - last_h_;
    last_h_ = now;
    if (elapsed <= 0) return;
    for (std::size_t f = 0; f < fleets_.size(); ++f) {
        const auto delivered = static_cast<double>(delivered_[f]);
        const auto up = static_cast<double>(delivered_[f] - in_repair_[f]);
        const auto duty = static_cast<double>(on_duty_[f]);
        delivered_h_[f] += delivered * elapsed;
        up_h_[f] += up * elapsed;
        duty_h_[f] += duty * elapsed;
        day_delivered_h_[f] += delivered * elapsed;
        day_up_h_[f] += up * elapsed;
        day_duty_h_[f] += duty * elapsed;
    }
    short_team_h_ += teams_short_ * elapsed;
    day_short_team_h_ += teams_short_ * elapsed;
}

void VehicleModel::on_day_end(Sim& sim, int /*day*/) {
    advance(sim.now());
    double all[s_count] = {0, 0, 0, 0};
    double all_delivered_h = 0, all_up_h = 0;
    for (std::size_t f = 0; f < fleets_.size(); ++f) {
        upkeep_cents_[f] =
            money_add(upkeep_cents_[f], money_mul(fleets_[f].cost_per_vehicle_day, delivered_[f]));
        auto& row = series_[f + 1];
        row[s_delivered].push_back(static_cast<double>(delivered_[f]));
        row[s_in_repair].push_back(static_cast<double>(in_repair_[f]));
        row[s_on_duty].push_back(day_duty_h_[f] / kHoursPerDay);
        row[s_availability].push_back(ratio(day_up_h_[f], day_delivered_h_[f]));
        all[s_delivered] += static_cast<double>(delivered_[f]);
        all[s_in_repair] += static_cast<double>(in_repair_[f]);
        all[s_on_duty] += day_duty_h_[f] / kHoursPerDay;
        all_delivered_h += day_delivered_h_[f];
        all_up_h += day_up_h_[f];
        day_delivered_h_[f] = day_up_h_[f] = day_duty_h_[f] = 0;
    }
    all[s_availability] = ratio(all_up_h, all_delivered_h);
    for (std::size_t m = 0; m < s_count; ++m) series_[0][m].push_back(all[m]);
    daily_short_.push_back(day_short_team_h_ / kHoursPerDay);
    day_short_team_h_ = 0;
}

void VehicleModel::finish(Sim& sim, ReplicationResult& result) {
    advance(sim.now());
    auto put = [&](std::string name, double value) {
        result.metrics.push_back({std::move(name), value});
    };
    std::int64_t delivered = 0, failures = 0;
    double delivered_h = 0, up_h = 0, duty_h = 0, repair_h = 0;
    Cents cost = 0;
    for (std::size_t f = 0; f < fleets_.size(); ++f) {
        const std::string prefix = "vehicles." + fleets_[f].id + ".";
        put(prefix + "delivered", static_cast<double>(delivered_[f]));
        put(prefix + "availability", ratio(up_h_[f], delivered_h_[f]));
        put(prefix + "utilisation", ratio(duty_h_[f], up_h_[f]));
        put(prefix + "failures", static_cast<double>(failures_[f]));
        const Cents fleet_cost = money_add(purchase_cents_[f], upkeep_cents_[f]);
        put(prefix + "cost", to_units(fleet_cost));
        delivered += delivered_[f];
        failures += failures_[f];
        delivered_h += delivered_h_[f];
        up_h += up_h_[f];
        duty_h += duty_h_[f];
        repair_h += repair_h_[f];
        cost = money_add(cost, fleet_cost);
    }
    put("vehicles.delivered", static_cast<double>(delivered));
    put("vehicles.availability", ratio(up_h, delivered_h));
    put("vehicles.utilisation", ratio(duty_h, up_h));
    put("vehicles.failures", static_cast<double>(failures));
    put("vehicles.mean_repair_days", ratio(repair_h / kHoursPerDay, static_cast<double>(failures)));
    put("vehicles.teams_not_fielded", short_team_h_ / scenario_.horizon());
    put("vehicles.fleet_cost", to_units(cost));

    for (std::size_t entity = 0; entity <= fleets_.size(); ++entity)
        for (std::size_t m = 0; m < s_count; ++m)
            result.series.push_back(DailySeries{"vehicles",
                                                entity == 0 ? "all" : fleets_[entity - 1].id,
                                                kVehicleSeries[m], series_[entity][m]});
    result.series.push_back(DailySeries{"vehicles", "all", "teams_not_fielded", daily_short_});
}

}  // namespace mmsim::detail
