// mmsim calibrate: the values of a few scenario paths that fit observed
// series best, with their uncertainty (see mmsim/calibrate.hpp).

#include <unistd.h>

#include <cstdio>
#include <functional>
#include <iostream>
#include <vector>

#include "commands.hpp"
#include "mmsim/atomic_file.hpp"
#include "mmsim/error.hpp"
#include "mmsim/calibrate.hpp"

namespace po = boost::program_options;

namespace mmsim::cli {

int calibrate_command(const Args& args) {
    po::options_description options("mmsim calibrate options");
    std::string out;
    bool quiet = false;
    options.add_options()
        ("threads", po::value<std::string>(), "worker threads (0 = all cores, the default)")
        ("out", po::value<std::string>(&out), "folder for calibrate.csv, .json, .html (default runs/calibrate-<name>)")
        ("quiet,q", po::bool_switch(&quiet), "no table on stdout");
    add_work_limit_options(options, "each evaluation: ");
    po::variables_map values;
    if (!parse_with_positional(args, options, values, "CAL.yaml", "usage: mmsim calibrate CAL.yaml [options]"))
        return 0;
    const int threads = static_cast<int>(integer_option(values, "threads", 0, kMaxThreads).value_or(0));
    Calibration calibration = load_calibration(values["input"].as<std::string>());
    calibration.limits = work_limits(values);
    std::function<void(int)> progress;
    if (isatty(STDERR_FILENO))
        progress = [](int evaluations) {
            std::fprintf(stderr, "\rcalibrate: %d evaluations", evaluations);
            std::fflush(stderr);
        };
    const std::filesystem::path dir = out.empty() ? "runs/calibrate-" + calibration.name : out;
    const FolderLock lock(dir);  // before the work: a second writer is refused at once
    const CalibrationResult result = calibrate(calibration, threads, progress);
    if (progress) std::fprintf(stderr, "\r%40s\r", "");
    const std::vector<FileContent> contents = {file_content(dir / "calibrate.csv", to_csv(result)),
                                               file_content(dir / "calibrate.json", to_json(result)),
                                               file_content(dir / "calibrate.html", to_html(result))};
    const auto written = write_files_atomically(contents);
    if (!quiet) {
        std::cout << to_text(result) << "Files:";
        for (const auto& path : written) std::cout << " " << path.string();
        std::cout << "\n";
    }
    return 0;
}

}  // namespace mmsim::cli
