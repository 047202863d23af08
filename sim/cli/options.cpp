#include <iostream>

#include "commands.hpp"
#include "mmsim/error.hpp"

namespace po = boost::program_options;

namespace mmsim::cli {

bool parse_command(const Args& args, po::options_description& options, po::variables_map& values,
                   const Positional& positional, const std::string& usage_line) {
    options.add_options()("help,h", "show this help");
    po::options_description hidden;
    if (positional.max_count == 1)
        hidden.add_options()(positional.key.c_str(), po::value<std::string>(), "");
    else
        hidden.add_options()(positional.key.c_str(), po::value<std::vector<std::string>>(), "");
    po::options_description all;
    all.add(options).add(hidden);
    po::positional_options_description positions;
    positions.add(positional.key.c_str(), positional.max_count);
    try {
        po::store(po::command_line_parser(args).options(all).positional(positions).run(), values);
        po::notify(values);
    } catch (const po::error& e) {
        throw UsageError(e.what());
    }
    if (values.count("help")) {
        std::cout << usage_line << "\n\n" << options;
        return false;
    }
    if (positional.required && !values.count(positional.key))
        throw UsageError("missing " + positional.name + " (see " + usage_line + ")");
    return true;
}

bool parse_with_scenario(const Args& args, po::options_description& options, po::variables_map& values,
                         const std::string& usage_line) {
    return parse_command(args, options, values, {"scenario", "SCENARIO", 1, true}, usage_line);
}

bool parse_with_positional(const Args& args, po::options_description& options,
                           po::variables_map& values, const std::string& name,
                           const std::string& usage_line) {
    return parse_command(args, options, values, {"input", name, 1, true}, usage_line);
}

}  // namespace mmsim::cli
