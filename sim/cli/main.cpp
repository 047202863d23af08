// The mmsim command line: parse options into a struct, call the library, and
// turn exceptions into exit codes in one place (0 ok, 1 runtime failure,
// 2 bad input or usage).

#include <iostream>
#include <new>
#include <string>
#include <vector>

#include "commands.hpp"
#include "mmsim/error.hpp"
#include "mmsim/runner.hpp"

using namespace mmsim;

namespace {

constexpr const char* kUsage =
    "usage: mmsim <command> [options]\n"
    "\n"
    "commands:\n"
    "  run SCENARIO       run a scenario; summary on stdout, report files in --out\n"
    "  validate SCENARIO  check a scenario and list every problem found\n"
    "  sweep SWEEP.yaml   run a parameter sweep (all cores, resumable, --shard K/N)\n"
    "  merge DIR...       combine the folders of sweep shards\n"
    "  analyze RESULTS    rank swept parameters by influence (SRC, PRCC)\n"
    "  compare A.json B.json | --run BASE.yaml ALT.yaml\n"
    "                     differences from a base with 95% intervals (paired with --run)\n"
    "  optimize OPT.yaml  the best of a sweep's options under constraints, with near-ties\n"
    "  solve SCENARIO     the smallest (or largest) value of a path that meets a target\n"
    "  calibrate CAL.yaml fit a few scenario paths to observed series, with uncertainty\n"
    "  estimate SCENARIO  steady-state queueing estimate of one day (Erlang, hypercube),\n"
    "                     beside a report's simulated figures with --report\n"
    "  show SCENARIO      the scenario as run (after extends and --set), as YAML\n"
    "  diff A.yaml B.yaml what B changes from A, path by path (after extends and --set)\n"
    "  metrics            the metric registry: every metric's label, unit and meaning\n"
    "  schema             the JSON Schema of the scenario format (for editors)\n"
    "\n"
    "  mmsim <command> --help   options of a command\n"
    "  mmsim --version          the version\n";

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
    if (command == "run") return cli::run_command(args);
    if (command == "validate") return cli::validate_command(args);
    if (command == "sweep") return cli::sweep_command(args);
    if (command == "merge") return cli::merge_command(args);
    if (command == "analyze") return cli::analyze_command(args);
    if (command == "compare") return cli::compare_command(args);
    if (command == "solve") return cli::solve_command(args);
    if (command == "optimize") return cli::optimize_command(args);
    if (command == "calibrate") return cli::calibrate_command(args);
    if (command == "estimate") return cli::estimate_command(args);
    if (command == "show") return cli::show_command(args);
    if (command == "diff") return cli::diff_command(args);
    if (command == "metrics") return cli::metrics_command(args);
    if (command == "schema") return cli::schema_command(args);
    throw UsageError("unknown command '" + command + "'\n" + kUsage);
}

}  // namespace

int main(int argc, char** argv) {
    mmsim::keep_freed_memory();
    try {
        return dispatch(argc, argv);
    } catch (const ScenarioError& e) {
        for (const Diagnostic& d : e.diagnostics()) std::cerr << to_string(d) << "\n";
        return 2;
    } catch (const UsageError& e) {
        std::cerr << "mmsim: " << e.what() << "\n";
        return 2;
    } catch (const std::bad_alloc&) {
        // Out of memory anywhere, on any thread: the output folder's lock has
        // been released and a folder the command created is gone (FolderLock),
        // and files are only ever renamed into place complete.
        std::cerr << "mmsim: error: out of memory: the command was stopped, and no file was left "
                     "half-written (lower the replications or the horizon)\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "mmsim: error: " << e.what() << "\n";
        return 1;
    }
}
