// libFuzzer target: `--set` parsing. Each line of the input is one
// PATH=VALUE argument, applied in order to the resolved document of
// scenarios/tiny.yaml (the workspace's base.yaml), which is then validated
// and its run estimated (check_work). Every input must end in a Scenario, a
// ScenarioError or a UsageError (a run over its limits): any other
// exception, a crash, a sanitizer report, a leak or a hang is a bug.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_workspace.hpp"
#include "mmsim/document.hpp"
#include "mmsim/scenario.hpp"
#include "mmsim/work_limits.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace mmsim;
    static const Node base = load_resolved_document((fuzz::workspace() / "base.yaml").string());
    std::vector<std::string> arguments;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (std::size_t start = 0; start <= text.size();) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        arguments.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    Node root = base;
    try {
        for (const std::string& argument : arguments) apply_override(root, argument);
        const Scenario scenario = build_scenario(root, "fuzz.yaml");
        check_work(scenario, WorkLimits{}, 1);
    } catch (const ScenarioError&) {
    } catch (const UsageError&) {
    }
    return 0;
}
