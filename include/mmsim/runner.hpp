#pragma once
// Runs a scenario's replications on several threads. Each replication draws
// only from its own random streams and results are kept in replication order,
// so the outcome is the same whatever the thread count.

#include <functional>
#include <vector>

#include "mmsim/engine.hpp"
#include "mmsim/scenario.hpp"

namespace mmsim {

/// Threads to use for `requested` (0 = all hardware threads), never more than
/// `tasks` and never fewer than 1.
int effective_threads(int requested, int tasks);

/// Asks the C library's allocator to keep freed memory (up to 256 MiB) for
/// the next replication instead of handing it back to the kernel after each
/// one. With glibc, a worker thread otherwise grows and shrinks its heap
/// around every replication, with a system call and fresh page faults each
/// time, and those serialise on the process's memory map: many short runs
/// on several threads stop scaling. Process-wide; the mmsim command and the
/// benchmarks call it once at startup. Does nothing with other C libraries.
void keep_freed_memory();

/// Calls `task(i)` once for every i in 0 .. count-1, on `threads` threads
/// (0 = all cores), each thread taking the next i when it is free. An
/// exception from a task stops the threads taking more and is rethrown here
/// (the first one, if several).
void parallel_for(int count, int threads, const std::function<void(int)>& task);

/// Runs replications 0 .. scenario.replications-1 on `threads` threads
/// (0 = all cores). Returns them in replication order. An exception in any
/// replication is rethrown here after the others stop.
std::vector<ReplicationResult> run_replications(const Scenario& scenario, int threads);

/// As above, calling `on_done(result)` after each replication, on the thread
/// that ran it, one call at a time (progress displays).
std::vector<ReplicationResult> run_replications(
    const Scenario& scenario, int threads,
    const std::function<void(const ReplicationResult&)>& on_done);

}  // namespace mmsim
