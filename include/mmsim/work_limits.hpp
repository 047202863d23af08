#pragma once
// The work a run will do, estimated from the resolved scenario before it
// starts, and the limits it is checked against: a scenario that passes every
// value check can still ask for more simulation than any machine can give
// (10^12 incidents a day, a century of days times 100,000 replications).
// Such a run is refused up front, with the key that drives the estimate,
// instead of running without end or dying of exhausted memory.

#include <cstdint>
#include <string>

#include "mmsim/scenario.hpp"

namespace mmsim {

/// Default limit on the estimated events of a run (all replications): the
/// worst accepted run measured takes some six minutes of CPU
/// (scenarios/README.md, "Limits").
inline constexpr double kDefaultMaxEvents = 1e9;
/// Default limit on the estimated memory of a run (MiB): the daily figures
/// kept for the report, and the incidents a replication may hold waiting.
inline constexpr double kDefaultMaxMemoryMib = 2048;

/// What the run of a scenario costs (upper estimates of expected values,
/// over all its replications).
struct WorkEstimate {
    double incidents = 0;         ///< zone rates at full gang control, plus scripted incidents
    double vehicle_failures = 0;  ///< every vehicle on duty the whole run
    double shift_steps = 0;       ///< shift starts x (teams + zones)
    double daily_steps = 0;       ///< days x (zones + contingents + fleets + sources)
    double events = 0;            ///< the sum of the four: what --max-events bounds
    double figures_mib = 0;       ///< daily figures kept for the report
    /// Incidents waiting at once, on all threads: every incident of a
    /// replication when a class waits `never`, else those of the longest
    /// max_wait.
    double waiting_mib = 0;
    double memory_mib = 0;        ///< the two together: what --max-memory bounds
};

/// The estimate for `scenario` as it will run (its `replications`, on
/// `threads` threads, 0 = all cores).
WorkEstimate estimate_work(const Scenario& scenario, int threads);

/// The limits a run is checked against; the command line can raise them.
struct WorkLimits {
    double max_events = kDefaultMaxEvents;
    double max_memory_mib = kDefaultMaxMemoryMib;
};

/// Throws UsageError when the estimate exceeds a limit: the message names the
/// scenario, the estimate, the keys that drive it and the option that raises
/// the limit.
void check_work(const Scenario& scenario, const WorkLimits& limits, int threads);

}  // namespace mmsim
