// mmsim estimate: the steady-state queueing estimate of one day, beside the
// simulated figures of a report when one is given.

#include <iostream>
#include <optional>

#include "commands.hpp"
#include "mmsim/atomic_file.hpp"
#include "mmsim/compare.hpp"
#include "mmsim/error.hpp"
#include "mmsim/estimate.hpp"
#include "mmsim/scenario.hpp"

namespace po = boost::program_options;

namespace mmsim::cli {
namespace {

Date estimate_date(const Scenario& scenario, const std::optional<std::string>& text) {
    if (!text) return scenario.end;
    const SourcePos where{"--date " + *text, 0, 0};
    const std::optional<Date> date = parse_date(*text);
    if (!date) throw ScenarioError(where, "'" + *text + "' is not a calendar date (YYYY-MM-DD)");
    if (*date < scenario.start || scenario.end < *date)
        throw ScenarioError(where, "the date " + *text + " is not within the scenario (" + format_date(scenario.start) +
                                       " to " + format_date(scenario.end) + ")");
    return *date;
}

}  // namespace

int estimate_command(const Args& args) {
    po::options_description options("mmsim estimate options");
    std::vector<std::string> overrides;
    std::string report_file, format = "text", out;
    options.add_options()
        ("set", po::value<std::vector<std::string>>(&overrides)->composing(),
         "override a scenario value: PATH=VALUE (repeatable)")
        ("date", po::value<std::string>(), "the day whose force and allocation are estimated, YYYY-MM-DD "
                                           "(default: the scenario's last day)")
        ("report", po::value<std::string>(&report_file),
         "a report.json of the same scenario: its figures over the window holding --date (else the whole run) "
         "beside the estimate")
        ("format", po::value<std::string>(&format), "on stdout: text (default), json or csv")
        ("out", po::value<std::string>(&out), "also write estimate.json and estimate.csv into this folder");
    po::variables_map values;
    if (!parse_with_scenario(args, options, values,
                             "usage: mmsim estimate SCENARIO [--set PATH=VALUE]... [--date YYYY-MM-DD] "
                             "[--report REPORT.json] [--format text|json|csv] [--out DIR]"))
        return 0;
    if (format != "text" && format != "json" && format != "csv")
        throw UsageError("--format: expected text, json or csv, not '" + format + "'");

    const Scenario scenario = load_scenario(values["scenario"].as<std::string>(), overrides);
    std::optional<std::string> date_text;
    if (values.count("date")) date_text = values["date"].as<std::string>();
    const Date date = estimate_date(scenario, date_text);
    const Estimate result = estimate(scenario, date);
    std::optional<EstimateVersusRun> run;
    if (!report_file.empty()) run = compare_estimate(result, scenario, read_report_json(report_file));
    const EstimateVersusRun* versus = run ? &*run : nullptr;

    if (!out.empty()) {
        prepare_output_folder(out);
        const std::vector<FileContent> files{
            file_content(std::filesystem::path(out) / "estimate.json", estimate_json(result, versus)),
            file_content(std::filesystem::path(out) / "estimate.csv", estimate_csv(result, versus))};
        write_files_atomically(files);
    }
    if (format == "json")
        std::cout << estimate_json(result, versus);
    else if (format == "csv")
        std::cout << estimate_csv(result, versus);
    else
        std::cout << estimate_text(result, versus);
    return 0;
}

}  // namespace mmsim::cli
