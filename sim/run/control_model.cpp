#include "run/control_model.hpp"
#include "mmsim/statistics.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <span>
#include <string>

namespace mmsim::detail {

ControlModel::ControlModel(const Scenario& scenario)
    : scenario_(scenario), control_(scenario.theatre, scenario.control) {
    const auto zones = static_cast<Eigen::Index>(scenario.theatre.zones.size());
    assert(zones > 0);
    weight_.resize(zones);
    coverage_.setZero(zones);
    double population = 0;
    for (Eigen::Index z = 0; z < zones; ++z) {
        weight_[z] = scenario.theatre.zones[static_cast<std::size_t>(z)].population;
        population += weight_[z];
    }
    if (population > 0)
        weight_ /= population;
    else
        weight_.setConstant(1.0 / static_cast<double>(zones));

    by_day_.resize(static_cast<std::size_t>(zones) + 1);
    for (auto& series : by_day_) series.reserve(static_cast<std::size_t>(scenario.days()));
    days_to_threshold_.resize(by_day_.size());
    const Eigen::VectorXd& g = control_.control();
    start_mean_ = weighted_mean(g);
    const double threshold = scenario.control.threshold;
    if (start_mean_ < threshold) days_to_threshold_[0] = 0;
    for (Eigen::Index z = 0; z < zones; ++z)
        if (g[z] < threshold) days_to_threshold_[static_cast<std::size_t>(z) + 1] = 0;
}

double ControlModel::weighted_mean(const Eigen::VectorXd& g) const { return weight_.dot(g); }

void ControlModel::on_day_end(Sim& sim, int day, ResponseModel& response) {
    if (scenario_.control.dynamic()) {
        const std::span<const double> ratio = response.last_day_patrol_ratio();
        assert(static_cast<Eigen::Index>(ratio.size()) == coverage_.size());
        // A zone without demand has no patrol ratio (NaN): nobody patrols it.
        for (Eigen::Index z = 0; z < coverage_.size(); ++z) {
            const double r = ratio[static_cast<std::size_t>(z)];
            coverage_[z] = std::isnan(r) ? 0.0 : std::clamp(r, 0.0, 1.0);
        }
        control_.step(coverage_);
        const Eigen::VectorXd& g = control_.control();
        response.set_gang_control(sim, std::span<const double>(g.data(), static_cast<std::size_t>(g.size())));
    }
    record(day);
}

void ControlModel::record(int day) {
    const Eigen::VectorXd& g = control_.control();
    const double threshold = scenario_.control.threshold;
    auto add = [&](std::size_t entity, double value) {
        by_day_[entity].push_back(value);
        if (!days_to_threshold_[entity] && value < threshold) days_to_threshold_[entity] = day + 1;
    };
    add(0, weighted_mean(g));
    for (Eigen::Index z = 0; z < g.size(); ++z) add(static_cast<std::size_t>(z) + 1, g[z]);
}

void ControlModel::finish(ReplicationResult& result) const {
    auto& metrics = result.metrics;
    auto put = [&](std::string name, double value) { metrics.push_back({std::move(name), value}); };
    auto days = [&](std::size_t entity) {
        const auto& d = days_to_threshold_[entity];
        return d ? static_cast<double>(*d) : kNaN;
    };
    auto last = [&](std::size_t entity) {
        return by_day_[entity].empty() ? kNaN : by_day_[entity].back();
    };
    put("control.start", start_mean_);
    put("control.mean", mean_of(by_day_[0]));
    put("control.end", last(0));
    put("control.days_to_threshold", days(0));
    const auto& zones = scenario_.theatre.zones;
    for (std::size_t z = 0; z < zones.size(); ++z) {
        const std::string prefix = "control." + zones[z].id + ".";
        put(prefix + "mean", mean_of(by_day_[z + 1]));
        put(prefix + "end", last(z + 1));
        put(prefix + "days_to_threshold", days(z + 1));
    }
    for (std::size_t entity = 0; entity < by_day_.size(); ++entity)
        result.series.push_back(
            DailySeries{"control", entity == 0 ? "all" : zones[entity - 1].id, "g", by_day_[entity]});
}

}  // namespace mmsim::detail
