// mmsim metrics: the metric registry, as a table, JSON or Markdown.

#include <iostream>

#include "commands.hpp"
#include "mmsim/error.hpp"
#include "mmsim/metrics.hpp"

namespace po = boost::program_options;

namespace mmsim::cli {

int metrics_command(const Args& args) {
    po::options_description options("mmsim metrics options");
    std::string format = "text";
    options.add_options()("format", po::value<std::string>(&format),
                          "text (default), json, or markdown (scenarios/METRICS.md)");
    po::variables_map values;
    if (!parse_command(args, options, values, Positional{"extra", "argument", 0, false},
                       "usage: mmsim metrics [--format text|json|markdown]"))
        return 0;
    if (format == "text")
        std::cout << metrics_table();
    else if (format == "json")
        std::cout << metrics_json();
    else if (format == "markdown")
        std::cout << metrics_markdown();
    else
        throw UsageError("--format: expected text, json or markdown, not '" + format + "'");
    return 0;
}

}  // namespace mmsim::cli
