#include "mmsim/error.hpp"

namespace mmsim {

std::string to_string(const SourcePos& pos) {
    if (pos.line <= 0) return pos.file;
    return pos.file + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.col);
}

std::string to_string(const Diagnostic& d) { return to_string(d.pos) + ": " + d.message; }

namespace {
std::string join(const std::vector<Diagnostic>& diagnostics) {
    std::string text;
    for (const auto& d : diagnostics) {
        if (!text.empty()) text += '\n';
        text += to_string(d);
    }
    return text;
}
}  // namespace

ScenarioError::ScenarioError(std::vector<Diagnostic> diagnostics)
    : Error(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}

ScenarioError::ScenarioError(SourcePos pos, const std::string& message)
    : ScenarioError(std::vector<Diagnostic>{Diagnostic{std::move(pos), message}}) {}

}  // namespace mmsim
