// libFuzzer target: any bytes as a sweep file (base scenario: the workspace's
// base.yaml, a copy of scenarios/tiny.yaml), through parsing, the design and
// the validation of every point, and with `metrics` one run of the first
// task (each point bounded to 2 million events, so that no input runs for
// long: tiny.yaml takes a few thousand). Every input must end in a Sweep or a
// ScenarioError: any other exception, a crash, a sanitizer report, a leak or
// a hang is a bug.

#include <cstddef>
#include <cstdint>

#include "fuzz_workspace.hpp"
#include "mmsim/sweep.hpp"
#include "mmsim/work_limits.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace mmsim;
    const std::string file = fuzz::write_input("fuzz-sweep.yaml", data, size);
    try {
        WorkLimits limits;
        limits.max_events = 2e6;
        const Sweep sweep = load_sweep(file, limits);
        if (sweep.tasks() > kMaxSweepTasks) __builtin_trap();  // a documented limit
    } catch (const ScenarioError&) {
    }
    return 0;
}
