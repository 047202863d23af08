#pragma once
// The subcommands of the mmsim executable. Each parses its own options (after
// the command word) and calls the library; exceptions reach main(), which
// turns them into exit codes.

#include <boost/program_options.hpp>
#include <string>
#include <vector>

namespace mmsim::cli {

using Args = std::vector<std::string>;

int run_command(const Args& args);
int validate_command(const Args& args);

/// Parses `args` against `options` with SCENARIO as the one positional
/// argument (stored as "scenario"). Prints help and returns false on --help.
/// Throws UsageError on a bad option or a missing SCENARIO.
bool parse_with_scenario(const Args& args, boost::program_options::options_description& options,
                         boost::program_options::variables_map& values, const std::string& usage_line);

}  // namespace mmsim::cli
