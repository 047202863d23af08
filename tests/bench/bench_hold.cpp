// The classic hold model (Vaucher and Duval 1975; Jones 1986): a queue of n
// pending events in which every pop schedules one event at now + exp(1), so
// the size stays n. Run on mmsim's event queue and on a plain
// std::priority_queue, with the same payload, the same random draws and the
// same number of holds: the ratio of their rates is the kernel's overhead.

#include <cstdint>
#include <queue>
#include <vector>

#include "bench.hpp"
#include "mmsim/event_queue.hpp"
#include "mmsim/rng.hpp"

namespace mmsim::bench {
namespace {

// The payload both queues carry: the size of the model's own events
// (sim/model_events.hpp: a kind and two 32-bit operands).
struct HoldEvent {
    std::uint32_t kind = 0;
    std::uint32_t a = 0;
    std::uint32_t b = 0;
};

struct BareEntry {
    double time;
    HoldEvent payload;
};
struct Later {
    bool operator()(const BareEntry& x, const BareEntry& y) const { return x.time > y.time; }
};

constexpr std::uint64_t kHoldSeed = 0x401d;

// Keeps the compiler from dropping work whose result is otherwise unused.
void consume(double value) {
    volatile double sink = value;
    (void)sink;
}

template <class Hold>
Sample timed_holds(std::uint64_t holds, Hold&& hold) {
    const std::uint64_t allocations_before = allocation_count();
    const double start = thread_cpu_seconds();
    double checksum = 0;
    for (std::uint64_t i = 0; i < holds; ++i) checksum += hold();
    const double stop = thread_cpu_seconds();
    consume(checksum);
    Sample sample;
    sample.seconds = stop - start;
    sample.work = holds;
    sample.allocations = allocation_count() - allocations_before;
    return sample;
}

}  // namespace

Sample hold_kernel(std::size_t pending, std::uint64_t holds) {
    Rng rng(kHoldSeed);
    EventQueue<HoldEvent> queue;
    for (std::size_t i = 0; i < pending; ++i)
        queue.schedule(sample_exponential(rng, 1.0), HoldEvent{0, static_cast<std::uint32_t>(i), 0});
    auto hold = [&] {
        const auto fired = queue.pop();
        queue.schedule(fired.time + sample_exponential(rng, 1.0), fired.payload);
        return fired.time;
    };
    for (std::size_t i = 0; i < pending; ++i) hold();  // past the initial transient
    return timed_holds(holds, hold);
}

Sample hold_bare_heap(std::size_t pending, std::uint64_t holds) {
    Rng rng(kHoldSeed);
    std::priority_queue<BareEntry, std::vector<BareEntry>, Later> queue;
    for (std::size_t i = 0; i < pending; ++i)
        queue.push(BareEntry{sample_exponential(rng, 1.0), HoldEvent{0, static_cast<std::uint32_t>(i), 0}});
    auto hold = [&] {
        const BareEntry fired = queue.top();
        queue.pop();
        queue.push(BareEntry{fired.time + sample_exponential(rng, 1.0), fired.payload});
        return fired.time;
    };
    for (std::size_t i = 0; i < pending; ++i) hold();
    return timed_holds(holds, hold);
}

}  // namespace mmsim::bench
