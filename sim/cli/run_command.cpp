// mmsim run: load a scenario, run its replications, print the summary and
// write the report files.

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <optional>
#include <sstream>

#include "commands.hpp"
#include "progress.hpp"
#include "mmsim/atomic_file.hpp"
#include "mmsim/error.hpp"
#include "mmsim/report.hpp"
#include "mmsim/runner.hpp"
#include "mmsim/scenario.hpp"
#include "mmsim/tables.hpp"
#include "mmsim/work_limits.hpp"

namespace po = boost::program_options;

namespace mmsim::cli {
namespace {

// Estimated events past which a run shows progress: a few seconds of work.
constexpr double kProgressEvents = 3e7;

struct RunCommand {
    std::string scenario;
    std::vector<std::string> overrides;
    std::vector<std::string> windows;
    std::optional<std::uint64_t> seed;
    std::optional<int> replications;
    int threads = 0;
    std::string out;
    std::vector<Format> formats;
    bool quiet = false;
    std::string label;
};

std::vector<Format> parse_formats(const std::string& text) {
    std::vector<Format> formats;
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, ',')) {
        std::vector<Format> named;
        if (item == "all") {  // every format this build can write
            for (const EnumName<Format>& row : enum_names(Format{}))
                if (row.value != Format::xlsx || xlsx_supported()) named.push_back(row.value);
        } else if (const std::optional<Format> format = enum_from_name<Format>(item)) {
            if (*format == Format::xlsx && !xlsx_supported())
                throw UsageError(
                    "--format xlsx: this mmsim was built without libxlsxwriter (install Debian's "
                    "libxlsxwriter-dev and rebuild with scripts/setup.sh)");
            named.push_back(*format);
        } else {
            std::string names;
            for (const std::string& name : enum_choices<Format>()) names += name + ", ";
            throw UsageError("unknown format '" + item + "' in --format (available: " + names + "all)");
        }
        // "all,html" names html twice: each file is written once.
        for (Format format : named)
            if (std::find(formats.begin(), formats.end(), format) == formats.end())
                formats.push_back(format);
    }
    if (formats.empty()) throw UsageError("--format needs at least one format");
    return formats;
}

}  // namespace

int run_command(const Args& args) {
    po::options_description options("mmsim run options");
    RunCommand command;
    std::string formats = "json,csv";
    options.add_options()
        ("set", po::value<std::vector<std::string>>(&command.overrides)->composing(),
         "override a scenario value: PATH=VALUE (repeatable), e.g. contingents.kenya.waves[0].officers=0")
        ("window", po::value<std::vector<std::string>>(&command.windows)->composing(),
         "also report the figures of days FROM to TO: [NAME=]FROM..TO (repeatable), e.g. 2025-03-01..2025-09-30")
        ("seed", po::value<std::string>(), "random seed (default: the scenario's)")
        ("replications", po::value<std::string>(), "replications (default: the scenario's)")
        ("threads", po::value<std::string>(), "worker threads (0 = all cores, the default)")
        ("out", po::value<std::string>(&command.out), "report folder (default: runs/<scenario name>)")
        ("format", po::value<std::string>(&formats), "report files: json, csv, html, wide (CSV, a column per series), xlsx, a comma list, or all (default json,csv)")
        ("label", po::value<std::string>(&command.label),
         "a name for this run, shown in the summary, report.json, report.html and compare")
        ("quiet,q", po::bool_switch(&command.quiet), "no summary on stdout");
    add_work_limit_options(options);
    po::variables_map values;
    if (!parse_with_scenario(args, options, values, "usage: mmsim run SCENARIO [options]")) return 0;
    command.scenario = values["scenario"].as<std::string>();
    command.seed = integer_option(values, "seed", 0, UINT64_MAX);
    if (auto replications = integer_option(values, "replications", 1, kMaxReplications))
        command.replications = static_cast<int>(*replications);
    command.threads = static_cast<int>(integer_option(values, "threads", 0, kMaxThreads).value_or(0));
    const WorkLimits limits = work_limits(values);
    command.formats = parse_formats(formats);

    Scenario scenario = load_scenario(command.scenario, command.overrides);
    add_window_arguments(scenario, command.windows);
    if (command.seed) scenario.seed = *command.seed;
    if (command.replications) scenario.replications = *command.replications;
    check_work(scenario, limits, command.threads);
    const std::string out = command.out.empty() ? "runs/" + scenario.name : command.out;

    // Held from before the run to after the last file, so that a second run
    // into the same folder is refused at once instead of mixing its files in.
    const FolderLock lock(out);
    // A run of more than a few seconds shows its progress on a terminal, as
    // a sweep does (replications done, events per second, time left).
    const bool show_progress = !command.quiet && ::isatty(STDERR_FILENO) == 1 &&
                               estimate_work(scenario, command.threads).events > kProgressEvents;
    ProgressDisplay display(std::cerr, true, std::chrono::seconds(1), "replications");
    SweepProgress progress{0, 0, static_cast<std::uint64_t>(scenario.replications)};
    std::uint64_t events = 0;
    std::vector<ReplicationResult> results =
        run_replications(scenario, command.threads, [&](const ReplicationResult& done) {
            ++progress.done;
            events += done.events;
            if (show_progress) display.update(progress, events);
        });
    display.finish();
    Report report = make_report(scenario, std::move(results), command.threads);
    report.label = command.label;
    auto written = write_report(report, scenario, out, command.formats);
    if (!command.quiet) {
        print_summary(report, scenario, std::cout);
        std::cout << "\nReport files:";
        for (const auto& path : written) std::cout << " " << path.string();
        std::cout << "\n";
    }
    return 0;
}

}  // namespace mmsim::cli
