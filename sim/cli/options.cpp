#include <iostream>

#include "commands.hpp"
#include "mmsim/error.hpp"

namespace po = boost::program_options;

namespace mmsim::cli {

bool parse_with_scenario(const Args& args, po::options_description& options, po::variables_map& values,
                         const std::string& usage_line) {
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

}  // namespace mmsim::cli
