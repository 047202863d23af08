// mmsim optimize: the best of a sweep's options under constraints, with a
// stated confidence (see mmsim/optimize.hpp).

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <vector>

#include "commands.hpp"
#include "mmsim/atomic_file.hpp"
#include "mmsim/error.hpp"
#include "mmsim/optimize.hpp"

namespace po = boost::program_options;

namespace mmsim::cli {

int optimize_command(const Args& args) {
    po::options_description options("mmsim optimize options");
    std::string out;
    bool quiet = false;
    options.add_options()
        ("threads", po::value<std::string>(), "worker threads (0 = all cores, the default)")
        ("out", po::value<std::string>(&out),
         "folder for optimize.csv, .json, .html and optimize.journal, which a run there resumes from "
         "(default runs/optimize-<name>)")
        ("quiet,q", po::bool_switch(&quiet), "no table on stdout");
    add_work_limit_options(options, "each option at its max replications: ");
    po::variables_map values;
    if (!parse_with_positional(args, options, values, "OPT.yaml", "usage: mmsim optimize OPT.yaml [options]"))
        return 0;
    const int threads = static_cast<int>(integer_option(values, "threads", 0, kMaxThreads).value_or(0));
    Optimization problem = load_optimization(values["input"].as<std::string>());
    problem.limits = work_limits(values);
    std::function<void(std::uint64_t)> progress;
    if (isatty(STDERR_FILENO))
        progress = [](std::uint64_t done) {
            std::fprintf(stderr, "\roptimize: %llu replications", static_cast<unsigned long long>(done));
            std::fflush(stderr);
        };
    const std::filesystem::path dir = out.empty() ? "runs/optimize-" + problem.name : out;
    const FolderLock lock(dir);  // before the work: a second writer is refused at once
    const std::filesystem::path journal = dir / "optimize.journal";
    const OptimizationResult result = optimize(problem, threads, progress, journal);
    if (progress) std::fprintf(stderr, "\r%40s\r", "");
    if (result.resumed > 0 && !quiet)
        std::fprintf(stderr, "optimize: %d of %d replications read back from %s\n", result.resumed,
                     result.replications(), journal.c_str());
    const std::vector<FileContent> contents = {file_content(dir / "optimize.csv", to_csv(result)),
                                               file_content(dir / "optimize.json", to_json(result)),
                                               file_content(dir / "optimize.html", to_html(result))};
    const auto written = write_files_atomically(contents);
    if (!quiet) {
        std::cout << to_text(result) << "Files:";
        for (const auto& path : written) std::cout << " " << path.string();
        std::cout << "\n";
    }
    return 0;
}

}  // namespace mmsim::cli
