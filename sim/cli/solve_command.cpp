// mmsim solve: the smallest (or largest) value of one scenario path that
// meets a target, with a stated confidence (see mmsim/solve.hpp).

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <optional>

#include "commands.hpp"
#include "mmsim/atomic_file.hpp"
#include "mmsim/error.hpp"
#include "mmsim/solve.hpp"

namespace po = boost::program_options;

namespace mmsim::cli {

int solve_command(const Args& args) {
    po::options_description options("mmsim solve options");
    SolveOptions solve_options;
    std::string vary, target, out, formats = "csv,json";
    std::optional<double> step;
    bool quiet = false;
    options.add_options()
        ("vary", po::value<std::string>(&vary), "the scenario path to search and its range: PATH=LO..HI (required)")
        ("step", po::value<double>(), "the spacing of the values tried (default 1; required for real values)")
        ("target", po::value<std::string>(&target), "'METRIC >= VALUE' or 'METRIC <= VALUE' (required); a share may be "
                                                    "given as a percentage, 'coverage.population_within_target >= 80%'")
        ("maximize-value", po::bool_switch(&solve_options.largest),
         "the largest value meeting the target (default: the smallest)")
        ("confidence", po::value<double>(&solve_options.confidence)->default_value(0.95),
         "of the joint statement that every comparison with the target is right")
        ("window", po::value<std::string>(), "take the target over these days: [NAME=]FROM..TO")
        ("set", po::value<std::vector<std::string>>(&solve_options.overrides)->composing(),
         "override a scenario value before the search: PATH=VALUE (repeatable)")
        ("replications", po::value<std::string>(), "replications of a value before its first decision (>= 3, default 10)")
        ("max-replications", po::value<std::string>(),
         "replications of a value at most (default 160; its interval still straddling the target, it counts as failing)")
        ("seed", po::value<std::string>(), "random seed (default: the scenario's)")
        ("threads", po::value<std::string>(), "worker threads (0 = all cores, the default)")
        ("out", po::value<std::string>(&out), "folder for solve.csv and solve.json (default runs/solve-<scenario name>)")
        ("format", po::value<std::string>(&formats), "files to write: csv, json, both (csv,json, the default) or none")
        ("quiet,q", po::bool_switch(&quiet), "no table on stdout");
    add_work_limit_options(options, "each value at --max-replications: ");
    po::variables_map values;
    if (!parse_with_scenario(args, options, values,
                             "usage: mmsim solve SCENARIO --vary PATH=LO..HI --target 'METRIC >= VALUE' [options]"))
        return 0;
    if (vary.empty()) throw UsageError("solve needs --vary PATH=LO..HI");
    if (target.empty()) throw UsageError("solve needs --target 'METRIC >= VALUE' (or <=)");
    if (values.count("step")) step = values["step"].as<double>();
    solve_options.seed = integer_option(values, "seed", 0, UINT64_MAX);
    if (auto first = integer_option(values, "replications", 3, kMaxReplications))
        solve_options.first_replications = static_cast<int>(*first);
    if (auto most = integer_option(values, "max-replications", 3, kMaxReplications))
        solve_options.max_replications = static_cast<int>(*most);
    solve_options.threads = static_cast<int>(integer_option(values, "threads", 0, kMaxThreads).value_or(0));
    solve_options.limits = work_limits(values);
    if (values.count("window")) solve_options.window = values["window"].as<std::string>();
    const bool csv = formats == "csv" || formats == "csv,json" || formats == "json,csv";
    const bool json = formats == "json" || formats == "csv,json" || formats == "json,csv";
    if (!csv && !json && formats != "none")
        throw UsageError("unknown --format '" + formats + "' (available: csv, json, csv,json, none)");
    solve_options.scenario = values["scenario"].as<std::string>();
    solve_options.range = parse_solve_range(vary, step);
    solve_options.target = parse_solve_target(target);
    if (isatty(STDERR_FILENO))
        solve_options.progress = [](double value, int replications) {
            std::fprintf(stderr, "\rsolve: value %-12g %5d replications", value, replications);
            std::fflush(stderr);
        };

    const SolveResult result = solve(solve_options);
    if (solve_options.progress) std::fprintf(stderr, "\r%50s\r", "");
    std::vector<std::filesystem::path> written;
    if (csv || json) {
        const std::filesystem::path dir = out.empty() ? "runs/solve-" + result.scenario_name : out;
        const FolderLock lock(dir);
        std::vector<FileContent> contents;
        if (csv) contents.push_back(file_content(dir / "solve.csv", to_csv(result)));
        if (json) contents.push_back(file_content(dir / "solve.json", to_json(result)));
        written = write_files_atomically(contents);
    }
    if (!quiet) {
        std::cout << to_text(result);
        if (!written.empty()) {
            std::cout << "Files:";
            for (const auto& path : written) std::cout << " " << path.string();
            std::cout << "\n";
        }
    }
    return 0;
}

}  // namespace mmsim::cli
