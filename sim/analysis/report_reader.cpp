// compare's reader of saved report.json files. A report is input like a
// scenario: passed around, edited, truncated. Every field compare uses is
// checked, and a problem names the file and the JSON path of the value
// (e.g. "/metrics/coverage.patrol_ratio/n"), as scenario errors name a key.

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>

#include "kernel/text_file.hpp"
#include "mmsim/compare.hpp"
#include "mmsim/error.hpp"
#include "mmsim/report.hpp"
#include "mmsim/statistics.hpp"

namespace mmsim {
namespace {

// Reports are 20 to 100 kB; one of 10,000 zones some 15 MB.
constexpr std::uintmax_t kMaxReportBytes = 64ull << 20;
// report.json is four levels deep; 64 leaves room and stops "[[[[..." (100 MB
// of it took 17.7 s and 3.8 GB) before the parser builds anything.
constexpr int kMaxReportDepth = 64;
// A count of replications (n) is at most mmsim's most replications.
constexpr std::uint64_t kMaxReportReplications = 100'000;

[[noreturn]] void refuse_report(const std::string& file, const std::string& message) {
    throw ScenarioError(SourcePos{file, 0, 0}, message);
}

// 1-based line and column of a byte offset, for JSON syntax errors.
SourcePos report_position(const std::string& file, const std::string& text, std::size_t byte) {
    SourcePos pos{file, 1, 1};
    for (std::size_t i = 0; i < std::min(byte, text.size()); ++i) {
        if (text[i] == '\n') {
            ++pos.line;
            pos.col = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++pos.col;
        }
    }
    return pos;
}

// The offset of the first bracket nested deeper than kMaxReportDepth, if any
// (brackets inside strings do not count).
std::optional<std::size_t> too_deep_at(const std::string& text) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxReportDepth) return i;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return std::nullopt;
}

// The checks of one report's fields: each names the file and the JSON path.
class ReportFields {
public:
    explicit ReportFields(const std::string& file) : file_(file) {}

    [[noreturn]] void refuse(const std::string& path, const std::string& what,
                             const nlohmann::json& value) const {
        std::string shown = value.dump(-1, ' ', true);
        if (shown.size() > 40) shown = shown.substr(0, 37) + "...";
        refuse_report(file_, path + ": expected " + what + ", got " + shown);
    }

    // A whole number in [low, high]: 2.5, -5 and 1e30 are not counts.
    std::uint64_t whole(const nlohmann::json& value, const std::string& path, std::uint64_t low,
                        std::uint64_t high) const {
        const std::string what = "a whole number from " + std::to_string(low) + " to " + std::to_string(high);
        if (!value.is_number_unsigned()) refuse(path, what, value);
        const auto number = value.get<std::uint64_t>();
        if (number < low || number > high) refuse(path, what, value);
        return number;
    }

    // A number, or null for a figure not defined in the run (NaN).
    double figure(const nlohmann::json& value, const std::string& path, bool non_negative) const {
        if (value.is_null()) return kNaN;
        if (!value.is_number() || (non_negative && value.get<double>() < 0))
            refuse(path, non_negative ? "a number >= 0 or null" : "a number or null", value);
        return value.get<double>();
    }

    // Text shown on the terminal and in compare.html: no control characters.
    std::string text(const nlohmann::json& value, const std::string& path) const {
        if (!value.is_string()) refuse(path, "a string", value);
        const std::string text = value.get<std::string>();
        for (char c : text)
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
                refuse(path, "text without control characters", value);
        return text;
    }

    const nlohmann::json& member(const nlohmann::json& object, const std::string& path,
                                 const std::string& key) const {
        if (!object.contains(key)) refuse_report(file_, path + ": missing '" + key + "'");
        return object.at(key);
    }

private:
    std::string file_;
};

// "/metrics/a~1b": a key as a JSON pointer step.
std::string pointer_step(const std::string& key) {
    std::string step;
    for (char c : key) step += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
    return "/" + step;
}

}  // namespace

SavedReport read_report_json(const std::string& path) {
    std::string problem;
    std::optional<std::string> text = detail::read_text_file(path, problem, kMaxReportBytes);
    if (!text) refuse_report(path, "cannot read the report: " + problem);
    if (const std::optional<std::size_t> at = too_deep_at(*text))
        throw ScenarioError(report_position(path, *text, *at),
                            "JSON nested deeper than " + std::to_string(kMaxReportDepth) +
                                " levels (the limit; a report.json is 4)");
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(*text);
    } catch (const nlohmann::json::parse_error& e) {
        throw ScenarioError(
            report_position(path, *text, e.byte == 0 ? 0 : e.byte - 1),
            "not valid JSON: " + std::string(e.what()).substr(std::string(e.what()).find(':') + 2));
    } catch (const nlohmann::json::exception& e) {
        // A number too large for a double ("1e304967") is out_of_range, not
        // a parse_error, and has no position (found by fuzz_report).
        refuse_report(path, "not valid JSON: " +
                                std::string(e.what()).substr(std::string(e.what()).find(']') + 2));
    }
    if (!json.is_object() || !json.contains("schema_version") || !json.contains("metrics"))
        refuse_report(path, "not an mmsim report.json (no schema_version and metrics)");
    const ReportFields fields(path);
    SavedReport report;
    report.file = path;
    // 1.9 or 2^32 + 1 were read as version 1 (a cast): versions are whole.
    const nlohmann::json& version = json.at("schema_version");
    if (!version.is_number_unsigned() || version.get<std::uint64_t>() < 1 ||
        version.get<std::uint64_t>() > static_cast<std::uint64_t>(kReportSchemaVersion))
        fields.refuse("/schema_version",
                      "a report format this mmsim reads (1 to " +
                          std::to_string(kReportSchemaVersion) + ")",
                      version);
    report.schema_version = static_cast<int>(version.get<std::uint64_t>());
    if (json.contains("tool") && json.at("tool").is_object() && json.at("tool").contains("version"))
        report.tool_version = fields.text(json.at("tool").at("version"), "/tool/version");
    if (json.contains("scenario")) {
        const nlohmann::json& scenario = json.at("scenario");
        if (!scenario.is_object()) fields.refuse("/scenario", "an object", scenario);
        if (scenario.contains("name"))
            report.scenario_name = fields.text(scenario.at("name"), "/scenario/name");
        if (scenario.contains("hash"))
            report.scenario_hash = fields.text(scenario.at("hash"), "/scenario/hash");
        if (scenario.contains("overrides")) {
            const nlohmann::json& overrides = scenario.at("overrides");
            if (!overrides.is_array()) fields.refuse("/scenario/overrides", "a list of strings", overrides);
            for (std::size_t i = 0; i < overrides.size(); ++i)
                report.overrides.push_back(
                    fields.text(overrides.at(i), "/scenario/overrides/" + std::to_string(i)));
        }
    }
    if (json.contains("seed"))
        report.seed = fields.whole(json.at("seed"), "/seed", 0, std::numeric_limits<std::uint64_t>::max());
    const std::uint64_t replications =
        json.contains("replications")
            ? fields.whole(json.at("replications"), "/replications", 1, kMaxReportReplications)
            : kMaxReportReplications;
    report.replications = json.contains("replications") ? static_cast<int>(replications) : 0;
    if (json.contains("label")) report.label = fields.text(json.at("label"), "/label");
    if (json.contains("windows")) {
        const nlohmann::json& windows = json.at("windows");
        if (!windows.is_array()) fields.refuse("/windows", "a list of windows", windows);
        for (std::size_t i = 0; i < windows.size(); ++i) {
            const std::string at = "/windows/" + std::to_string(i);
            const nlohmann::json& window = windows.at(i);
            if (!window.is_object()) fields.refuse(at, "an object (name, from, to, days)", window);
            const std::string name = fields.text(fields.member(window, at, "name"), at + "/name");
            const std::optional<Date> from = parse_date(fields.text(fields.member(window, at, "from"), at + "/from"));
            const std::optional<Date> to = parse_date(fields.text(fields.member(window, at, "to"), at + "/to"));
            if (!from || !to || *to < *from) fields.refuse(at, "dates YYYY-MM-DD with from <= to", window);
            report.windows.push_back({name, *from, *to});
        }
    }
    const nlohmann::json& metrics = json.at("metrics");
    if (!metrics.is_object()) fields.refuse("/metrics", "an object of metrics", metrics);
    for (const auto& [name, value] : metrics.items()) {
        const std::string at = "/metrics" + pointer_step(name);
        fields.text(name, at);
        if (!value.is_object()) fields.refuse(at, "an object (mean, ci_low, ci_high, sd, n)", value);
        Summary s;
        s.mean = fields.figure(fields.member(value, at, "mean"), at + "/mean", false);
        s.ci_low = fields.figure(fields.member(value, at, "ci_low"), at + "/ci_low", false);
        s.ci_high = fields.figure(fields.member(value, at, "ci_high"), at + "/ci_high", false);
        s.sd = fields.figure(fields.member(value, at, "sd"), at + "/sd", true);
        s.n = fields.whole(fields.member(value, at, "n"), at + "/n", 0, replications);
        report.metrics.push_back({name, s});
    }
    return report;
}

}  // namespace mmsim
