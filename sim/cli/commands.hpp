#pragma once
// The subcommands of the mmsim executable. Each parses its own options (after
// the command word) and calls the library; exceptions reach main(), which
// turns them into exit codes.

#include <boost/program_options.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mmsim/work_limits.hpp"

namespace mmsim::cli {

using Args = std::vector<std::string>;

int run_command(const Args& args);
int validate_command(const Args& args);
int sweep_command(const Args& args);
int merge_command(const Args& args);
int analyze_command(const Args& args);
int compare_command(const Args& args);
int metrics_command(const Args& args);
int schema_command(const Args& args);
int show_command(const Args& args);
int diff_command(const Args& args);
int solve_command(const Args& args);
int optimize_command(const Args& args);
int calibrate_command(const Args& args);
int estimate_command(const Args& args);

/// The positional arguments of a command: stored under `key`, named `name`
/// in messages, at most `max_count` of them (-1: any number; more than one
/// are stored as a std::vector<std::string>).
struct Positional {
    std::string key;
    std::string name;
    int max_count = 1;
    bool required = true;
};

/// Parses `args` against `options` (to which it adds --help) and the
/// positional arguments. Prints `usage_line` and the options and returns
/// false on --help. Throws UsageError on a bad option or a missing required
/// positional argument.
bool parse_command(const Args& args, boost::program_options::options_description& options,
                   boost::program_options::variables_map& values, const Positional& positional,
                   const std::string& usage_line);

/// Parses `args` against `options` with SCENARIO as the one positional
/// argument (stored as "scenario"). Prints help and returns false on --help.
/// Throws UsageError on a bad option or a missing SCENARIO.
bool parse_with_scenario(const Args& args, boost::program_options::options_description& options,
                         boost::program_options::variables_map& values, const std::string& usage_line);

/// Like parse_with_scenario for a command whose one positional argument is
/// another file (stored as "input"); `name` names it in the message when it
/// is missing (e.g. "SWEEP.yaml").
bool parse_with_positional(const Args& args, boost::program_options::options_description& options,
                           boost::program_options::variables_map& values, const std::string& name,
                           const std::string& usage_line);

/// The value of an integer option, checked: decimal digits only (no sign,
/// space, fraction or exponent), from `min` to `max`. Every integer option is
/// read through it, so `--seed -1` is refused rather than wrapped to 2^64-1.
/// Throws UsageError naming the option, the range and the text.
std::uint64_t parse_integer_option(const std::string& option, const std::string& text,
                                   std::uint64_t min, std::uint64_t max);

/// The largest --replications and --threads any command takes.
inline constexpr std::uint64_t kMaxReplications = 100'000;
inline constexpr std::uint64_t kMaxThreads = 4'096;

/// As parse_integer_option() for the option `option` if it was given in
/// `values` (stored as a string); nullopt when it was not.
std::optional<std::uint64_t> integer_option(const boost::program_options::variables_map& values,
                                            const std::string& option, std::uint64_t min,
                                            std::uint64_t max);

/// Adds --max-events and --max-memory to `options`; `prefix` starts their
/// help (e.g. "with --run: ").
void add_work_limit_options(boost::program_options::options_description& options,
                            const std::string& prefix = "");

/// --max-events and --max-memory (as integer_option()), over the defaults.
WorkLimits work_limits(const boost::program_options::variables_map& values);

}  // namespace mmsim::cli
