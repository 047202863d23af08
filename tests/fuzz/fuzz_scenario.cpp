// libFuzzer target: any bytes as a scenario file, through parsing, `extends`,
// `--set` (from a leading `# args:` line) and validation. Every input must end
// in a Scenario or a ScenarioError: any other exception, a crash, a sanitizer
// report, a leak or a hang is a bug.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_workspace.hpp"
#include "mmsim/document.hpp"
#include "mmsim/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace mmsim;
    // In memory first: the parser and its limits alone, without file I/O.
    try {
        parse_document(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.yaml");
    } catch (const ScenarioError&) {
    }
    const std::string file = fuzz::write_input("fuzz.yaml", data, size);
    try {
        const Scenario scenario = load_scenario(file, fuzz::overrides_of(data, size));
        // A valid scenario must describe a run the engine can size.
        if (scenario.days() <= 0 || scenario.contingents.empty()) __builtin_trap();
    } catch (const ScenarioError&) {
    }
    return 0;
}
