// mmsim validate: load a scenario and report every problem, or "ok".

#include <iostream>

#include "commands.hpp"
#include "mmsim/scenario.hpp"

namespace po = boost::program_options;

namespace mmsim::cli {

int validate_command(const Args& args) {
    po::options_description options("mmsim validate options");
    std::vector<std::string> overrides;
    options.add_options()
        ("set", po::value<std::vector<std::string>>(&overrides)->composing(),
         "override a scenario value: PATH=VALUE (repeatable)");
    add_work_limit_options(options);
    po::variables_map values;
    if (!parse_with_scenario(args, options, values, "usage: mmsim validate SCENARIO [--set PATH=VALUE]...")) return 0;
    const std::string path = values["scenario"].as<std::string>();
    const WorkLimits limits = work_limits(values);
    Scenario scenario = load_scenario(path, overrides);
    // What `run` would refuse is not valid: the same estimate and limits, on
    // one thread (a run on more holds more incidents waiting at once).
    check_work(scenario, limits, 1);
    std::cout << path << ": ok (" << scenario.name << ", " << scenario.contingents.size()
              << " contingents, " << scenario.theatre.zones.size() << " zones, "
              << scenario.days() << " days)\n";
    return 0;
}

}  // namespace mmsim::cli
