#pragma once
// Internal: gang control during a replication. At the end of every day the
// engine hands over the day's patrol coverage; the model advances g by one
// day (when the scenario's rates are not all zero), gives the new g to the
// response model (incident rates follow it from 00:00 of the next day) and
// records it. Metrics (population-weighted over zones; a theatre without
// population weighs zones equally):
//   control.start, control.mean, control.end, control.days_to_threshold,
//   control.<zone>.mean, control.<zone>.end, control.<zone>.days_to_threshold
// and the daily table "control" (entity "all", then each zone; metric "g").
// A day's value is g at its end, after that day's update.

#include <optional>
#include <vector>

#include "mmsim/engine.hpp"
#include "mmsim/gang_control.hpp"
#include "mmsim/scenario.hpp"
#include "model/events.hpp"
#include "incidents/response_model.hpp"

namespace mmsim::detail {

class ControlModel {
public:
    /// `scenario` must have a theatre and outlive the model.
    explicit ControlModel(const Scenario& scenario);

    /// Closes day `day` (0-based, ending now): advances g with the day's
    /// patrol ratios from `response`, passes g back to it, records the day.
    void on_day_end(Sim& sim, int day, ResponseModel& response);
    /// Appends the metrics and the daily series (same names in every replication).
    void finish(ReplicationResult& result) const;

private:
    double weighted_mean(const Eigen::VectorXd& g) const;
    void record(int day);

    const Scenario& scenario_;
    GangControl control_;
    Eigen::VectorXd weight_;    // population shares, summing to 1
    Eigen::VectorXd coverage_;  // scratch: the day's coverage per zone
    double start_mean_ = 0;
    std::vector<std::vector<double>> by_day_;  // [0] weighted mean, [1 + z] zone z
    std::vector<std::optional<int>> days_to_threshold_;  // same entities
};

}  // namespace mmsim::detail
