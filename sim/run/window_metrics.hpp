#pragma once
// Internal: the figures of each time window that follow from the daily series
// (windows.hpp). The response model and the constraint record sum their own
// windows as they go; what is a stock (officers in theatre, gang control,
// the fund's balance) or a running total (money spent) is read here off the
// day-end series of the replication, so a window of one day gives the stocks
// on that date.

#include "mmsim/engine.hpp"
#include "mmsim/scenario.hpp"

namespace mmsim::detail {

/// Appends "window.<name>.<metric>" for every window of the scenario, from
/// the series already in `result`: per contingent and for all,
/// personnel.*.in_theatre_end, ready_end and peak_in_theatre; control.mean
/// and control.end; funding.spent.all, received.all, balance_end,
/// arrears_end, shortfall_days and days_in_arrears. A part of the model the
/// scenario lacks gives none of its figures.
void put_series_window_metrics(const Scenario& scenario, ReplicationResult& result);

/// Moves the "window.*" metrics after the others, each group in its order,
/// so that a report lists the whole run's figures first.
void order_window_metrics_last(ReplicationResult& result);

}  // namespace mmsim::detail
