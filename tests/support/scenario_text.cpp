#include "scenario_text.hpp"

#include "mmsim/error.hpp"
#include "temp_files.hpp"

namespace mmsim::testing {

const std::string kMinimalScenario =
    "schema_version: 1\n"
    "name: t\n"
    "start: 2024-06-01\n"
    "end: 2024-12-31\n"
    "contingents:\n"
    "  kenya:\n"
    "    country: Kenya\n"
    "    waves:\n"
    "      - {date: 2024-06-25, officers: 200}\n";

const std::string kSweepBase = std::string(MMSIM_SOURCE_DIR) + "/tests/data/sweep/base.yaml";

std::string strip(std::string text, const std::string& prefix) {
    for (std::size_t at; !prefix.empty() && (at = text.find(prefix)) != std::string::npos;)
        text.erase(at, prefix.size());
    return text;
}

std::string problems(const std::string& text, const std::vector<std::string>& overrides) {
    TempDir dir("scenario-text-case");
    const std::string path = dir.write("case.yaml", text);
    try {
        load_scenario(path, overrides);
    } catch (const ScenarioError& error) {
        return strip(error.what(), dir.prefix());
    }
    return "";
}

Scenario load_text(const std::string& text, const std::vector<std::string>& overrides) {
    TempDir dir("scenario-text-load");
    return load_scenario(dir.write("case.yaml", text), overrides);
}

}  // namespace mmsim::testing
