// mmsim sweep: load and validate a sweep file, run (or resume) its tasks with
// a progress display, and name the files written.

#include <cstdio>
#include <iostream>
#include <unistd.h>

#include "commands.hpp"
#include "mmsim/error.hpp"
#include "mmsim/runner.hpp"
#include "mmsim/sweep.hpp"
#include "progress.hpp"

namespace po = boost::program_options;

namespace mmsim::cli {
namespace {

constexpr const char* kSweepUsage = "usage: mmsim sweep SWEEP.yaml [options]";

struct SweepCommand {
    std::string file;
    int threads = 0;
    std::string shard = "0/1";
    bool resume = false;
    std::string out;
    bool quiet = false;
    bool dry_run = false;
};

}  // namespace

int sweep_command(const Args& args) {
    po::options_description options("mmsim sweep options");
    SweepCommand command;
    options.add_options()
        ("threads", po::value<std::string>(), "worker threads (0 = all cores, the default)")
        ("shard", po::value<std::string>(&command.shard),
         "run only shard K of N (K/N, counted from 0): the tasks t with t % N == K")
        ("resume", po::bool_switch(&command.resume),
         "finish the sweep in --out from its journal (an empty folder starts afresh)")
        ("out", po::value<std::string>(&command.out), "sweep folder (default: sweeps/<sweep name>)")
        ("dry-run", po::bool_switch(&command.dry_run), "validate and print the design; run nothing")
        ("quiet,q", po::bool_switch(&command.quiet), "no progress and no summary");
    add_work_limit_options(options, "each point: ");
    po::variables_map values;
    if (!parse_with_positional(args, options, values, "SWEEP.yaml", kSweepUsage)) return 0;
    command.file = values["input"].as<std::string>();
    command.threads = static_cast<int>(integer_option(values, "threads", 0, kMaxThreads).value_or(0));
    const Shard shard = parse_shard(command.shard);

    const Sweep sweep = load_sweep(command.file, work_limits(values));
    if (command.dry_run) {
        std::cout << design_csv(sweep);
        std::cerr << "sweep " << sweep.name << ": " << sweep.points.size() << " points x "
                  << sweep.replications << " replications = " << sweep.tasks() << " tasks\n";
        return 0;
    }
    SweepRunOptions run;
    run.out = command.out.empty() ? "sweeps/" + sweep.name : command.out;
    run.threads = command.threads;
    run.shard = shard;
    run.resume = command.resume;
    ProgressDisplay display(std::cerr, ::isatty(STDERR_FILENO) == 1, std::chrono::seconds(10));
    bool announced = false;
    if (!command.quiet) {
        // The first call comes once the folder is accepted (not refused for --resume).
        run.on_progress = [&](const SweepProgress& p) {
            if (!announced) {
                announced = true;
                std::cerr << "sweep " << sweep.name << ": " << sweep.points.size() << " points x "
                          << sweep.replications << " replications = " << sweep.tasks() << " tasks";
                if (shard.count > 1)
                    std::cerr << "; shard " << shard.text() << ": " << p.total << " tasks";
                if (p.resumed > 0) std::cerr << "; " << p.resumed << " already done";
                const int threads =
                    effective_threads(command.threads, static_cast<int>(p.total - p.resumed));
                std::cerr << "; " << threads << (threads == 1 ? " thread\n" : " threads\n");
            }
            display.update(p);
        };
        run.on_note = [](const std::string& note) { std::cerr << "sweep: " << note << "\n"; };
    }
    const SweepRunResult result = run_sweep(sweep, run);
    const double elapsed_s = display.finish();
    if (!command.quiet) {
        const auto ran = result.progress.done - result.progress.resumed;
        char timing[96];
        std::snprintf(timing, sizeof timing, "%.2f s (%.1f tasks/s)", elapsed_s,
                      elapsed_s > 0 ? static_cast<double>(ran) / elapsed_s : 0.0);
        std::cout << "Sweep " << sweep.name << ": " << result.progress.done << " of "
                  << result.progress.total << " tasks done (" << result.progress.resumed
                  << " from the journal, " << ran << " run in " << timing << ")\n";
        std::cout << "Files:";
        for (const auto& file : result.written) std::cout << " " << file.string();
        std::cout << "\n";
        if (shard.count > 1)
            std::cout << "Shard " << shard.text() << " done; combine the shards with mmsim merge\n";
    }
    return 0;
}

}  // namespace mmsim::cli
