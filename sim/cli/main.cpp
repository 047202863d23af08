// The mmsim command line: parse options into a struct, call the library, and
// turn exceptions into exit codes in one place (0 ok, 1 runtime failure,
// 2 bad input or usage).

#include <boost/program_options.hpp>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "mmsim/error.hpp"
#include "mmsim/report.hpp"
#include "mmsim/runner.hpp"
#include "mmsim/scenario.hpp"

namespace po = boost::program_options;
using namespace mmsim;

namespace {

constexpr const char* kUsage =
    "usage: mmsim <command> [options]\n"
    "\n"
    "commands:\n"
    "  run SCENARIO       run a scenario; summary on stdout, report files in --out\n"
    "  validate SCENARIO  check a scenario and list every problem found\n"
    "\n"
    "  mmsim <command> --help   options of a command\n"
    "  mmsim --version          the version\n";

struct RunCommand {
    std::string scenario;
    std::vector<std::string> overrides;
    std::optional<std::uint64_t> seed;
    std::optional<int> replications;
    int threads = 0;
    std::string out;
    std::vector<Format> formats;
    bool quiet = false;
};

std::vector<Format> parse_formats(const std::string& text) {
    std::vector<Format> formats;
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, ',')) {
        if (item == "json")
            formats.push_back(Format::json);
        else if (item == "csv")
            formats.push_back(Format::csv);
        else if (item == "all") {
            formats.push_back(Format::json);
            formats.push_back(Format::csv);
        } else
            throw UsageError("unknown format '" + item + "' in --format (available: json, csv, all)");
    }
    if (formats.empty()) throw UsageError("--format needs at least one format");
    return formats;
}

// Parses `args` (after the command word) against `options`, with SCENARIO as
// the one positional argument. Returns false when --help was printed.
bool parse(const std::vector<std::string>& args, po::options_description& options,
           po::variables_map& values, const std::string& usage_line) {
    options.add_options()("help,h", "show this help");
    po::options_description hidden;
    hidden.add_options()("scenario", po::value<std::string>(), "scenario file");
    po::options_description all;
    all.add(options).add(hidden);
    po::positional_options_description positional;
    positional.add("scenario", 1);
    try {
        po::store(po::command_line_parser(args).options(all).positional(positional).run(), values);
        po::notify(values);
    } catch (const po::error& e) {
        throw UsageError(e.what());
    }
    if (values.count("help")) {
        std::cout << usage_line << "\n\n" << options;
        return false;
    }
    if (!values.count("scenario")) throw UsageError("missing SCENARIO (see " + usage_line + ")");
    return true;
}

int run_command(const std::vector<std::string>& args) {
    po::options_description options("mmsim run options");
    RunCommand command;
    std::string formats = "json,csv";
    options.add_options()
        ("set", po::value<std::vector<std::string>>(&command.overrides)->composing(),
         "override a scenario value: PATH=VALUE (repeatable), e.g. contingents.kenya.waves[0].officers=0")
        ("seed", po::value<std::uint64_t>(), "random seed (default: the scenario's)")
        ("replications", po::value<int>(), "replications (default: the scenario's)")
        ("threads", po::value<int>(&command.threads)->default_value(0), "worker threads (0 = all cores)")
        ("out", po::value<std::string>(&command.out), "report folder (default: runs/<scenario name>)")
        ("format", po::value<std::string>(&formats), "report files: json,csv or all (default json,csv)")
        ("quiet,q", po::bool_switch(&command.quiet), "no summary on stdout");
    po::variables_map values;
    if (!parse(args, options, values, "usage: mmsim run SCENARIO [options]")) return 0;
    command.scenario = values["scenario"].as<std::string>();
    if (values.count("seed")) command.seed = values["seed"].as<std::uint64_t>();
    if (values.count("replications")) command.replications = values["replications"].as<int>();
    command.formats = parse_formats(formats);
    if (command.replications && (*command.replications < 1 || *command.replications > 100000))
        throw UsageError("--replications must be between 1 and 100000");
    if (command.threads < 0) throw UsageError("--threads must be 0 (all cores) or more");

    Scenario scenario = load_scenario(command.scenario, command.overrides);
    if (command.seed) scenario.seed = *command.seed;
    if (command.replications) scenario.replications = *command.replications;
    const std::string out = command.out.empty() ? "runs/" + scenario.name : command.out;

    std::vector<ReplicationResult> results = run_replications(scenario, command.threads);
    Report report = make_report(scenario, results);
    auto written = write_report(report, out, command.formats);
    if (!command.quiet) {
        print_summary(report, scenario, std::cout);
        std::cout << "\nReport files:";
        for (const auto& path : written) std::cout << " " << path.string();
        std::cout << "\n";
    }
    return 0;
}

int validate_command(const std::vector<std::string>& args) {
    po::options_description options("mmsim validate options");
    std::vector<std::string> overrides;
    options.add_options()("set", po::value<std::vector<std::string>>(&overrides)->composing(),
                          "override a scenario value: PATH=VALUE (repeatable)");
    po::variables_map values;
    if (!parse(args, options, values, "usage: mmsim validate SCENARIO [--set PATH=VALUE]...")) return 0;
    const std::string path = values["scenario"].as<std::string>();
    Scenario scenario = load_scenario(path, overrides);
    std::cout << path << ": ok (" << scenario.name << ", " << scenario.contingents.size()
              << " contingents, " << scenario.theatre.zones.size() << " zones, "
              << scenario.days() << " days)\n";
    return 0;
}

int dispatch(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) throw UsageError("missing command\n" + std::string(kUsage));
    const std::string command = args.front();
    args.erase(args.begin());
    if (command == "--help" || command == "-h" || command == "help") {
        std::cout << kUsage;
        return 0;
    }
    if (command == "--version") {
        std::cout << "mmsim " << MMSIM_VERSION << "\n";
        return 0;
    }
    if (command == "run") return run_command(args);
    if (command == "validate") return validate_command(args);
    throw UsageError("unknown command '" + command + "'\n" + kUsage);
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return dispatch(argc, argv);
    } catch (const ScenarioError& e) {
        for (const Diagnostic& d : e.diagnostics()) std::cerr << to_string(d) << "\n";
        return 2;
    } catch (const UsageError& e) {
        std::cerr << "mmsim: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "mmsim: error: " << e.what() << "\n";
        return 1;
    }
}
