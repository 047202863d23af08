// mmsim analyze: rank a sweep's parameters by their influence on each metric
// (SRC with R^2, PRCC); a table on stdout and sensitivity.csv.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "mmsim/error.hpp"
#include "mmsim/atomic_file.hpp"
#include "mmsim/sensitivity.hpp"

namespace po = boost::program_options;

namespace mmsim::cli {
namespace {

std::string fixed(double value) {
    if (!std::isfinite(value)) return "-";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%+.3f", value);
    return buffer;
}

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> items;
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, ','))
        if (!item.empty()) items.push_back(item);
    return items;
}

void print_table(const MetricSensitivity& s, std::size_t width, std::ostream& out) {
    out << s.metric << "  (R^2 "
        << (std::isfinite(s.r_squared) ? fixed(s.r_squared).substr(1) : "-") << ", " << s.rows
        << " rows)";
    if (std::isfinite(s.r_squared) && s.r_squared < 0.7)
        out << "  low R^2: read PRCC rather than SRC";
    out << "\n";
    for (std::size_t i = 0; i < s.influences.size(); ++i) {
        const ParameterInfluence& p = s.influences[i];
        out << "  " << i + 1 << "  " << p.parameter
            << std::string(width - p.parameter.size() + 2, ' ') << "SRC " << fixed(p.src)
            << "  PRCC " << fixed(p.prcc) << "\n";
    }
}

}  // namespace

int analyze_command(const Args& args) {
    po::options_description options("mmsim analyze options");
    std::string parameters, out;
    std::vector<std::string> metrics;
    bool quiet = false;
    options.add_options()
        ("parameters", po::value<std::string>(&parameters),
         "comma-separated parameter columns (default: from manifest.json beside RESULTS)")
        ("metric", po::value<std::vector<std::string>>(&metrics)->composing(),
         "analyse only this metric (repeatable; default: every metric)")
        ("out", po::value<std::string>(&out), "CSV file written (default: sensitivity.csv beside RESULTS)")
        ("quiet,q", po::bool_switch(&quiet), "no table on stdout");
    po::variables_map values;
    if (!parse_with_positional(args, options, values, "RESULTS.csv",
                               "usage: mmsim analyze RESULTS.csv [options]"))
        return 0;
    const std::string file = values["input"].as<std::string>();
    const std::filesystem::path csv_file =
        out.empty() ? std::filesystem::path(file).parent_path() / "sensitivity.csv"
                    : std::filesystem::path(out);
    const std::vector<std::filesystem::path> read{
        file, std::filesystem::path(file).parent_path() / "manifest.json"};
    refuse_output_over_input(csv_file, read, "--out");
    const SweepResults results = read_sweep_results(file, split_list(parameters));
    for (const std::string& m : metrics)
        if (std::find(results.metrics.begin(), results.metrics.end(), m) == results.metrics.end())
            throw UsageError("--metric: no metric '" + m + "' in " + file);
    if (results.parameters.empty())
        throw UsageError(file + ": no numeric parameter to analyse" +
                         (results.left_out.empty() ? "" : " (" + results.left_out.front() + ")"));

    std::size_t width = 0;
    for (const std::string& p : results.parameters) width = std::max(width, p.size());
    std::vector<MetricSensitivity> analysed;
    std::vector<std::string> constant, skipped;
    if (!quiet)
        for (const std::string& reason : results.left_out)
            std::cout << "left out " << reason << "\n";
    for (std::size_t m = 0; m < results.metrics.size(); ++m) {
        const std::string& name = results.metrics[m];
        if (!metrics.empty() && std::find(metrics.begin(), metrics.end(), name) == metrics.end())
            continue;
        const MetricSensitivity s =
            analyze_sensitivity(name, results.parameters, results.columns, results.values[m]);
        if (!s.note.empty()) {
            (s.note == "constant" ? constant : skipped)
                .push_back(name + (s.note == "constant" ? "" : " (" + s.note + ")"));
            continue;
        }
        if (!quiet) print_table(s, width, std::cout);
        analysed.push_back(s);
    }
    const std::filesystem::path folder = csv_file.has_parent_path() ? csv_file.parent_path() : ".";
    const FolderLock lock(folder);
    write_file_atomically(csv_file, sensitivity_csv(analysed));
    if (!quiet) {
        auto list = [](const std::vector<std::string>& names) {
            std::string text;
            for (const std::string& n : names) text += (text.empty() ? "" : ", ") + n;
            return text;
        };
        if (!constant.empty()) std::cout << "constant across the sweep: " << list(constant) << "\n";
        if (!skipped.empty()) std::cout << "not analysed: " << list(skipped) << "\n";
        std::cout << "Written: " << csv_file.string() << "\n";
    }
    return 0;
}

}  // namespace mmsim::cli
