// mmsim show: a scenario as it is run, after `extends` and `--set`, as YAML;
// mmsim diff: what one resolved scenario changes from another, path by path.

#include <iostream>

#include "commands.hpp"
#include "mmsim/scenario.hpp"

namespace po = boost::program_options;

namespace mmsim::cli {

int show_command(const Args& args) {
    po::options_description options("mmsim show options");
    std::vector<std::string> overrides;
    options.add_options()("set", po::value<std::vector<std::string>>(&overrides)->composing(),
                          "override a scenario value: PATH=VALUE (repeatable)");
    po::variables_map values;
    if (!parse_with_scenario(args, options, values, "usage: mmsim show SCENARIO [--set PATH=VALUE]..."))
        return 0;
    // Validated first, so that what is shown is a scenario that runs.
    const Scenario scenario = load_scenario(values["scenario"].as<std::string>(), overrides);
    std::cout << "# " << scenario.name << " as resolved from " << scenario.file
              << (overrides.empty() ? "" : " with --set") << "; scenario hash " << format_hash(scenario.hash)
              << "\n"
              << to_yaml(*scenario.document);
    return 0;
}

int diff_command(const Args& args) {
    po::options_description options("mmsim diff options");
    std::vector<std::string> overrides;
    options.add_options()("set", po::value<std::vector<std::string>>(&overrides)->composing(),
                          "override a value of B (or, with one scenario, of a copy of A): PATH=VALUE");
    po::variables_map values;
    if (!parse_command(args, options, values, Positional{"scenarios", "A.yaml [B.yaml]", 2, true},
                       "usage: mmsim diff A.yaml [B.yaml] [--set PATH=VALUE]..."))
        return 0;
    const auto files = values["scenarios"].as<std::vector<std::string>>();
    const Scenario a = load_scenario(files.front());
    const Scenario b = load_scenario(files.back(), overrides);
    for (const DocumentChange& change : diff_documents(*a.document, *b.document))
        std::cout << change.path << ": " << (change.before ? *change.before : "(absent)") << " -> "
                  << (change.after ? *change.after : "(absent)") << "\n";
    return 0;
}

}  // namespace mmsim::cli
