#pragma once
// Runs a scenario's replications on several threads. Each replication draws
// only from its own random streams and results are kept in replication order,
// so the outcome is the same whatever the thread count.

#include <vector>

#include "mmsim/engine.hpp"
#include "mmsim/scenario.hpp"

namespace mmsim {

/// Threads to use for `requested` (0 = all hardware threads), never more than
/// `tasks` and never fewer than 1.
int effective_threads(int requested, int tasks);

/// Runs replications 0 .. scenario.replications-1 on `threads` threads
/// (0 = all cores). Returns them in replication order. An exception in any
/// replication is rethrown here after the others stop.
std::vector<ReplicationResult> run_replications(const Scenario& scenario, int threads);

}  // namespace mmsim
