#pragma once
// The benchmark harness (mmsim_bench): timed cases, each measured against a
// reference written in the same executable and run in the same process, so
// every figure that matters is a ratio that survives a noisy machine. Not a
// test: nothing here fails because the machine is slow (see README.md,
// "Performance").

#include <cstdint>
#include <string>
#include <vector>

namespace mmsim::bench {

/// Heap allocations (calls of any global operator new) made by this process
/// so far, on all threads. Counted by bench_alloc.cpp.
std::uint64_t allocation_count();

/// Peak resident set size of this process so far, in KiB (VmHWM).
long peak_rss_kib();

/// A child ends its output with this tag and its peak_rss_kib().
inline constexpr const char* kPeakTag = "\npeak_rss_kib ";
/// Prints kPeakTag and the peak: the last thing a child does.
void print_peak();

/// CPU time of the calling thread, in seconds. Single-threaded cases are
/// timed with it, not with the wall clock, so that time the machine gives to
/// other processes is not counted (a shared 2-core machine is rarely idle).
double thread_cpu_seconds();

/// The machine's load averages over 1, 5 and 15 minutes (/proc/loadavg).
std::string load_average();

/// One timed run of a case.
struct Sample {
    double seconds = 0;
    std::uint64_t work = 0;         ///< events, incidents or customers done
    std::uint64_t allocations = 0;  ///< operator new calls in the timed part
    double rate() const { return seconds > 0 ? static_cast<double>(work) / seconds : 0; }
};

/// Keeps the fastest of several runs of the same case.
void keep_best(Sample& best, const Sample& candidate);

/// What a child process (this executable run with --child) cost.
struct ChildRun {
    double seconds = 0;
    long peak_rss_kib = 0;
    std::string out;  ///< its standard output
};

/// Runs this executable again with `args` and waits for it; throws
/// mmsim::Error when it cannot start or exits with a failure.
ChildRun run_child(const std::string& self, const std::vector<std::string>& args);

/// Path of a file in the source tree (scenarios, tests/bench).
std::string source_path(const std::string& relative);

// ---- the cases ---------------------------------------------------------------

/// The hold model on mmsim::EventQueue: `pending` events, each pop schedules
/// one event at now + exp(1); times `holds` holds after `pending` warm-up ones.
Sample hold_kernel(std::size_t pending, std::uint64_t holds);
/// The same hold model on a plain std::priority_queue.
Sample hold_bare_heap(std::size_t pending, std::uint64_t holds);

/// The M/M/10 queue (lambda 9/h, mu 1/h) as a plain std::priority_queue event
/// loop, `customers` arrivals; work = customers.
Sample mmc_bare_heap(std::uint64_t customers);

/// What one replication of a scenario did, timed from loading to metrics.
struct ModelRun {
    Sample sample;               ///< work = incidents (or events, see below)
    std::uint64_t events = 0;    ///< events the kernel fired
    std::uint64_t incidents = 0; ///< incidents.total
};

/// tests/bench/mmc10.yaml through the loader (with `end` moved so that about
/// `incidents` incidents arrive), the engine and its metrics. `speed` > 1
/// runs the same queue `speed` times faster (lambda and mu both times
/// `speed`, by --set), so the same number of incidents takes fewer days.
ModelRun mmc_model(std::uint64_t incidents, int speed = 1);

/// Replication 0 of scenarios/<name>.yaml, loaded and run.
ModelRun scenario_replication(const std::string& name);

/// `replications` replications of scenarios/<name>.yaml through the runner
/// on `threads` threads (0 = all cores); work = replications.
Sample scenario_replications(const std::string& name, int replications, int threads);

/// The machine's own scaling, for comparison: `jobs` independent runs of the
/// bare M/M/10 loop (`customers` each) shared by `threads` threads, timed on
/// the wall clock; work = jobs. A compute-bound event loop with no shared
/// data: what the hardware gives two threads of such work.
Sample mmc_bare_heap_jobs(int jobs, std::uint64_t customers, int threads);

}  // namespace mmsim::bench
