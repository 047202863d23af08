// read_sweep_results: results.csv -> numeric columns for sensitivity analysis.

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <limits>
#include <optional>

#include "kernel/text_file.hpp"
#include "report/csv.hpp"
#include "mmsim/error.hpp"
#include "mmsim/sensitivity.hpp"
#include "sweep/output.hpp"
#include "mmsim/statistics.hpp"

namespace mmsim {
namespace {

struct Quantity {
    double value = 0;
    std::string unit;
};

std::optional<Quantity> parse_quantity(const std::string& text) {
    double value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end == text.data() || !std::isfinite(value))
        return std::nullopt;
    std::string unit(end, text.data() + text.size());
    if (!std::all_of(unit.begin(), unit.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
        return std::nullopt;
    return Quantity{value, unit};
}

// A metric field: a number, or empty for an undefined figure.
double parse_value(const std::string& text, const std::string& file, int line,
                   const std::string& column) {
    if (text.empty()) return kNaN;
    double value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size())
        throw ScenarioError(
            SourcePos{file, line, 1},
            column + ": expected a number or an empty field, got " + quote_text(text));
    return value;
}

}  // namespace

SweepResults read_sweep_results(const std::string& file, std::vector<std::string> parameters) {
    const std::optional<std::string> text = detail::read_file_bytes(file);
    if (!text) throw ScenarioError(SourcePos{file, 0, 0}, "cannot read the sweep results");
    const auto rows = detail::parse_csv(*text, file);
    if (rows.empty() || rows.front().size() < 2 || rows.front()[0] != "point" ||
        rows.front()[1] != "replication")
        throw ScenarioError(SourcePos{file, 1, 1},
                            "expected a results.csv of mmsim sweep (header point,replication,...)");
    const std::vector<std::string>& header = rows.front();
    if (parameters.empty()) {
        const auto manifest = std::filesystem::path(file).parent_path() / "manifest.json";
        if (!std::filesystem::exists(manifest))
            throw ScenarioError(
                SourcePos{file, 0, 0},
                "no manifest.json beside it to tell parameters from metrics; name the "
                "parameters with --parameters");
        parameters = detail::read_manifest(manifest).parameters;
    }
    const std::size_t first_metric = 2 + parameters.size();
    for (std::size_t j = 0; j < parameters.size(); ++j)
        if (2 + j >= header.size() || header[2 + j] != parameters[j])
            throw ScenarioError(SourcePos{file, 1, 1}, "expected parameter column " +
                                                           std::to_string(3 + j) + " to be " +
                                                           quote_text(parameters[j]));

    SweepResults results;
    results.metrics.assign(header.begin() + static_cast<std::ptrdiff_t>(first_metric),
                           header.end());
    results.values.assign(results.metrics.size(), {});
    std::vector<std::vector<std::string>> texts(parameters.size());
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const auto line = static_cast<int>(i + 1);
        if (rows[i].size() == 1 && rows[i][0].empty()) continue;  // a blank line
        if (rows[i].size() != header.size())
            throw ScenarioError(SourcePos{file, line, 1},
                                "expected " + std::to_string(header.size()) + " fields, got " +
                                    std::to_string(rows[i].size()));
        for (std::size_t j = 0; j < parameters.size(); ++j) texts[j].push_back(rows[i][2 + j]);
        for (std::size_t m = 0; m < results.metrics.size(); ++m)
            results.values[m].push_back(
                parse_value(rows[i][first_metric + m], file, line, results.metrics[m]));
    }
    for (std::size_t j = 0; j < parameters.size(); ++j) {
        std::vector<double> column;
        std::optional<std::string> unit;
        std::string problem;
        for (const std::string& text : texts[j]) {
            const auto quantity = parse_quantity(text);
            if (!quantity) {
                problem = "not numeric (" + quote_text(text) + ")";
                break;
            }
            if (unit && *unit != quantity->unit) {
                problem = "mixes units ('" + *unit + "' and '" + quantity->unit + "')";
                break;
            }
            unit = quantity->unit;
            column.push_back(quantity->value);
        }
        if (!problem.empty()) {
            results.left_out.push_back(parameters[j] + ": " + problem);
            continue;
        }
        results.parameters.push_back(parameters[j]);
        results.columns.push_back(std::move(column));
    }
    return results;
}

}  // namespace mmsim
