// libFuzzer target: any bytes as a saved report.json, through compare's
// reader (read_report_json: size, nesting, JSON, every field) and, when it
// reads, a comparison of the report with itself. Every input must end in a
// Comparison or a ScenarioError: any other exception (nlohmann's included),
// a crash, a sanitizer report, a leak or a hang is a bug.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "fuzz_workspace.hpp"
#include "mmsim/compare.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace mmsim;
    const std::string file = fuzz::write_input("fuzz-report.json", data, size);
    try {
        const SavedReport report = read_report_json(file);
        const std::vector<SavedReport> both{report, report};
        const Comparison comparison = compare_reports(both, {});
        static_cast<void>(to_text(comparison));
    } catch (const ScenarioError&) {
    }
    return 0;
}
