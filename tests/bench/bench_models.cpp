// Whole models. The M/M/10 queue (lambda = 9/h, mu = 1/h) twice: as the event
// loop anyone would write around a std::priority_queue (the reference), and as
// an mmsim scenario (tests/bench/mmc10.yaml) through the loader, the engine
// and the metrics, which is what a user's run costs. Then shipped scenarios,
// one replication or many through the runner.

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <queue>
#include <thread>
#include <vector>

#include "bench.hpp"
#include "mmsim/engine.hpp"
#include "mmsim/rng.hpp"
#include "mmsim/runner.hpp"
#include "mmsim/scenario.hpp"

namespace mmsim::bench {
namespace {

constexpr double kArrivalsPerHour = 9.0;
constexpr double kServiceHours = 1.0;
constexpr int kServers = 10;

struct BareEvent {
    double time;
    bool arrival;
};
struct Later {
    bool operator()(const BareEvent& x, const BareEvent& y) const { return x.time > y.time; }
};

void consume(double value) {
    volatile double sink = value;
    (void)sink;
}

double wall_seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double metric(const ReplicationResult& result, const std::string& name) {
    for (const MetricValue& m : result.metrics)
        if (m.name == name) return m.value;
    return NAN;
}

}  // namespace

Sample mmc_bare_heap(std::uint64_t customers) {
    const std::uint64_t allocations_before = allocation_count();
    const double start = thread_cpu_seconds();
    Rng arrivals(1), service(2);
    std::priority_queue<BareEvent, std::vector<BareEvent>, Later> events;
    std::queue<double> waiting;  // arrival times, first come first served
    int busy = 0;
    std::uint64_t arrived = 0;
    double wait_sum = 0;
    events.push(BareEvent{sample_exponential(arrivals, 1.0 / kArrivalsPerHour), true});
    while (!events.empty()) {
        const BareEvent event = events.top();
        events.pop();
        if (event.arrival) {
            if (++arrived < customers)
                events.push(BareEvent{event.time + sample_exponential(arrivals, 1.0 / kArrivalsPerHour), true});
            if (busy < kServers) {
                ++busy;
                events.push(BareEvent{event.time + sample_exponential(service, kServiceHours), false});
            } else {
                waiting.push(event.time);
            }
        } else if (!waiting.empty()) {
            wait_sum += event.time - waiting.front();
            waiting.pop();
            events.push(BareEvent{event.time + sample_exponential(service, kServiceHours), false});
        } else {
            --busy;
        }
    }
    Sample sample;
    sample.seconds = thread_cpu_seconds() - start;
    sample.work = arrived;
    sample.allocations = allocation_count() - allocations_before;
    consume(wait_sum);
    return sample;
}

namespace {

// Loads and runs replication 0 of `path`, timing both (thread CPU time) and
// counting the allocations; the caller says what counts as work.
ModelRun timed_replication(const std::string& path, const std::vector<std::string>& overrides) {
    const std::uint64_t allocations_before = allocation_count();
    const double start = thread_cpu_seconds();
    const Scenario scenario = load_scenario(path, overrides);
    const ReplicationResult result = run_replication(scenario, 0);
    ModelRun run;
    run.sample.seconds = thread_cpu_seconds() - start;
    run.sample.allocations = allocation_count() - allocations_before;
    run.events = result.events;
    run.incidents = static_cast<std::uint64_t>(metric(result, "incidents.total"));
    return run;
}

}  // namespace

ModelRun mmc_model(std::uint64_t incidents, int speed) {
    const std::string path = source_path("tests/bench/mmc10.yaml");
    const Date start_date = load_scenario(path).start;  // untimed: only to place `end`
    const double per_day = kArrivalsPerHour * kHoursPerDay * speed;
    const auto days = static_cast<int>(std::ceil(static_cast<double>(incidents) / per_day));
    std::vector<std::string> overrides{"end=" + format_date(add_days(start_date, days - 1))};
    if (speed != 1) {
        overrides.push_back("theatre.zones.city.incident_rate_per_day=" + std::to_string(per_day));
        overrides.push_back("incidents.classes.call.on_scene.mean=" +
                            std::to_string(60.0 * kServiceHours / speed) + "min");
    }

    ModelRun run = timed_replication(path, overrides);
    run.sample.work = run.incidents;
    return run;
}

ModelRun scenario_replication(const std::string& name) {
    ModelRun run = timed_replication(source_path("scenarios/" + name + ".yaml"), {});
    run.sample.work = run.events;
    return run;
}

Sample scenario_replications(const std::string& name, int replications, int threads) {
    const std::uint64_t allocations_before = allocation_count();
    const auto start = std::chrono::steady_clock::now();
    Scenario scenario = load_scenario(source_path("scenarios/" + name + ".yaml"));
    scenario.replications = replications;
    const std::vector<ReplicationResult> results = run_replications(scenario, threads);
    Sample sample;
    sample.seconds = wall_seconds_since(start);
    sample.allocations = allocation_count() - allocations_before;
    sample.work = results.size();
    return sample;
}

Sample mmc_bare_heap_jobs(int jobs, std::uint64_t customers, int threads) {
    const auto start = std::chrono::steady_clock::now();
    std::atomic<int> next{0};
    auto worker = [&] {
        while (next++ < jobs) mmc_bare_heap(customers);
    };
    {
        std::vector<std::jthread> pool;
        for (int t = 1; t < threads; ++t) pool.emplace_back(worker);
        worker();
    }
    Sample sample;
    sample.seconds = wall_seconds_since(start);
    sample.work = static_cast<std::uint64_t>(jobs);
    return sample;
}

}  // namespace mmsim::bench
