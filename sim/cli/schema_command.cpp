// mmsim schema: the JSON Schema of the scenario format, for editors and
// validators (scenarios/README.md, "Editing scenarios with an editor").

#include <iostream>

#include "commands.hpp"
#include "mmsim/scenario.hpp"

namespace po = boost::program_options;

namespace mmsim::cli {

int schema_command(const Args& args) {
    po::options_description options("mmsim schema options");
    po::variables_map values;
    if (!parse_command(args, options, values, Positional{"extra", "argument", 0, false},
                       "usage: mmsim schema > mmsim-scenario.schema.json"))
        return 0;
    std::cout << scenario_json_schema();
    return 0;
}

}  // namespace mmsim::cli
