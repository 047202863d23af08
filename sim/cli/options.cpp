#include <charconv>
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

std::uint64_t parse_integer_option(const std::string& option, const std::string& text,
                                   std::uint64_t min, std::uint64_t max) {
    std::uint64_t value = 0;
    const char* end = text.data() + text.size();
    // from_chars alone would take a leading '-' for unsigned as an error but
    // also stop at the first non-digit: both ends are checked.
    const bool digits = !text.empty() && text.front() >= '0' && text.front() <= '9';
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    if (!digits || error != std::errc{} || stop != end || value < min || value > max)
        throw UsageError("--" + option + ": expected an integer from " + std::to_string(min) +
                         " to " + std::to_string(max) + ", got '" + text + "'");
    return value;
}

std::optional<std::uint64_t> integer_option(const po::variables_map& values, const std::string& option,
                                            std::uint64_t min, std::uint64_t max) {
    if (!values.count(option)) return std::nullopt;
    return parse_integer_option(option, values[option].as<std::string>(), min, max);
}

void add_work_limit_options(po::options_description& options, const std::string& prefix) {
    const auto events = static_cast<long long>(kDefaultMaxEvents);
    const auto memory = static_cast<long long>(kDefaultMaxMemoryMib);
    options.add_options()
        ("max-events", po::value<std::string>(),
         (prefix + "refuse a run estimated at more events than this (default " +
          std::to_string(events) + ")").c_str())
        ("max-memory", po::value<std::string>(),
         (prefix + "refuse a run estimated to need more MiB than this (default " +
          std::to_string(memory) + ")").c_str());
}

WorkLimits work_limits(const po::variables_map& values) {
    WorkLimits limits;
    // Up to 10^15 events (years of CPU) and 2^40 MiB: beyond them a double
    // would not even count exactly.
    if (auto events = integer_option(values, "max-events", 1, 1'000'000'000'000'000))
        limits.max_events = static_cast<double>(*events);
    if (auto memory = integer_option(values, "max-memory", 1, std::uint64_t{1} << 40))
        limits.max_memory_mib = static_cast<double>(*memory);
    return limits;
}

}  // namespace mmsim::cli
