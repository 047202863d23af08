#include "run/constraints.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "mmsim/patrols.hpp"
#include "mmsim/statistics.hpp"

namespace mmsim::detail {
namespace {

constexpr const char* kNames[] = {
    "demand",         "officers_allow", "vehicles_allow",  "money_allow",    "fielded",
    "bound_officers", "bound_vehicles", "bound_money",     "demand_met",     "tied",
    "teams_short_officers", "teams_short_vehicles", "teams_short_money"};

int total(const std::vector<int>& teams) { return std::accumulate(teams.begin(), teams.end(), 0); }

}  // namespace

ConstraintRecord::ConstraintRecord(const Scenario& scenario)
    : scenario_(scenario),
      by_day_(columns, std::vector<double>(static_cast<std::size_t>(scenario.days()), 0)),
      shifts_(static_cast<std::size_t>(scenario.days()), 0),
      contingent_short_vehicles_(scenario.contingents.size(), 0),
      contingent_short_money_(scenario.contingents.size(), 0) {
    for (const Zone& zone : scenario.theatre.zones) {
        zone_demand_.push_back(zone_demand_teams(zone, scenario.patrols));
        demand_teams_ += zone_demand_.back();
    }
    zone_short_.assign(zone_demand_.size(), 0);
    zone_short_shifts_.assign(zone_demand_.size(), 0);
}

void ConstraintRecord::on_shift(int day, const ShiftLimits& limits, std::span<const int> allocation) {
    const auto d = static_cast<std::size_t>(day);
    const int officers = total(limits.officer_teams);
    const int carried = total(limits.after_vehicles);
    const int fielded_now = total(limits.roster);
    const bool met = fielded_now >= demand_teams_;
    bool by_officers = false, by_vehicles = false, by_money = false;
    if (!met) {
        by_officers = officers == fielded_now;
        by_vehicles = limits.vehicles && *limits.vehicles == fielded_now;
        by_money = limits.money && *limits.money == fielded_now;
        if (!by_officers && !by_vehicles && !by_money) {
            if (carried > fielded_now)
                by_money = true;
            else if (officers > carried)
                by_vehicles = true;
            else
                by_officers = true;
        }
    }
    const double a = std::min<double>(officers, demand_teams_);
    const double b = std::min<double>(carried, demand_teams_);
    const double c = std::min<double>(fielded_now, demand_teams_);
    const double row[columns] = {
        demand_teams_,
        static_cast<double>(officers),
        limits.vehicles ? static_cast<double>(*limits.vehicles) : kNaN,
        limits.money ? static_cast<double>(*limits.money) : kNaN,
        static_cast<double>(fielded_now),
        by_officers ? 1.0 : 0.0,
        by_vehicles ? 1.0 : 0.0,
        by_money ? 1.0 : 0.0,
        met ? 1.0 : 0.0,
        by_officers + by_vehicles + by_money > 1 ? 1.0 : 0.0,
        demand_teams_ - a,
        a - b,
        b - c,
    };
    for (int k = 0; k < columns; ++k) by_day_[static_cast<std::size_t>(k)][d] += row[k];
    ++shifts_[d];
    for (std::size_t i = 0; i < limits.officer_teams.size(); ++i) {
        contingent_short_vehicles_[i] += limits.officer_teams[i] - limits.after_vehicles[i];
        contingent_short_money_[i] += limits.after_vehicles[i] - limits.roster[i];
    }
    for (std::size_t z = 0; z < zone_demand_.size(); ++z) {
        const double allotted = z < allocation.size() ? allocation[z] : 0;
        zone_short_[z] += std::max(0.0, zone_demand_[z] - allotted);
        zone_short_shifts_[z] += allotted < zone_demand_[z];
    }
}

void ConstraintRecord::put_shares(const std::string& prefix, int first_day, int end_day,
                                  ReplicationResult& result) const {
    const auto first = static_cast<std::ptrdiff_t>(first_day), end = static_cast<std::ptrdiff_t>(end_day);
    const int shifts = std::accumulate(shifts_.begin() + first, shifts_.begin() + end, 0);
    // Means over every shift of the days.
    auto mean = [&](Column k) {
        if (shifts == 0) return kNaN;
        const std::vector<double>& sums = by_day_[static_cast<std::size_t>(k)];
        return std::accumulate(sums.begin() + first, sums.begin() + end, 0.0) / shifts;
    };
    auto put = [&](const char* name, double value) { result.metrics.push_back({prefix + name, value}); };
    put("demand_teams", demand_teams_);
    put("fielded_teams", mean(fielded));
    for (Column k : {bound_officers, bound_vehicles, bound_money, demand_met, tied, short_officers,
                     short_vehicles, short_money})
        put(kNames[k], mean(k));
}

void ConstraintRecord::finish(ReplicationResult& result) const {
    const int all_shifts = std::accumulate(shifts_.begin(), shifts_.end(), 0);
    auto put = [&](std::string name, double value) { result.metrics.push_back({std::move(name), value}); };
    put_shares("constraints.", 0, scenario_.days(), result);
    for (std::size_t i = 0; i < scenario_.contingents.size(); ++i) {
        const std::string prefix = "constraints." + scenario_.contingents[i].id + ".";
        put(prefix + "teams_short_vehicles", all_shifts ? contingent_short_vehicles_[i] / all_shifts : kNaN);
        put(prefix + "teams_short_money", all_shifts ? contingent_short_money_[i] / all_shifts : kNaN);
    }
    for (std::size_t z = 0; z < zone_demand_.size(); ++z) {
        const std::string prefix = "constraints." + scenario_.theatre.zones[z].id + ".";
        put(prefix + "teams_short", ratio(zone_short_[z], all_shifts));
        put(prefix + "short_share", ratio(zone_short_shifts_[z], all_shifts));
    }
    for (const TimeWindow& window : scenario_.windows)
        put_shares("window." + window.name + ".constraints.", window.first_day(scenario_.start),
                   window.end_day(scenario_.start), result);
    for (int k = 0; k < columns; ++k) {
        std::vector<double> by_day(shifts_.size(), kNaN);
        for (std::size_t d = 0; d < shifts_.size(); ++d)
            if (shifts_[d] > 0) by_day[d] = by_day_[static_cast<std::size_t>(k)][d] / shifts_[d];
        result.series.push_back(DailySeries{"constraints", "all", kNames[k], std::move(by_day)});
    }
}

}  // namespace mmsim::detail
