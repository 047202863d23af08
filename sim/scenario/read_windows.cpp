// Time windows (YAML `windows`, and `--window` on the command line): named
// stretches of the horizon that reports give their figures for apart.

#include <algorithm>
#include <string>
#include <string_view>
#include <variant>

#include "mmsim/scenario.hpp"
#include "scenario/schema.hpp"
#include "scenario/sections.hpp"

namespace mmsim {
namespace detail {

void read_windows(const Node* node, ReadContext& context, std::vector<TimeWindow>& out) {
    if (!node) return;
    const auto* entries =
        read_id_map(*node, "windows", static_cast<std::size_t>(kMaxWindows), "windows", context.out);
    if (!entries) return;
    for (const MapEntry& entry : *entries) {
        if (!check_id(entry, "windows", context.out)) continue;
        const std::string path = "windows." + entry.key;
        MapReader fields(&entry.value, path, section_keys("window"), context.out);
        const Node* from_node = fields.require("from");
        const Node* to_node = fields.require("to");
        const std::optional<Date> from_date = from_node ? fields.date("from") : std::nullopt;
        const std::optional<Date> to_date = to_node ? fields.date("to") : std::nullopt;
        if (!from_date || !to_date) continue;
        const Date from = from_date.value(), to = to_date.value();
        if (to < from) {
            context.out.add(to_node->pos, path + ".to: " + format_date(to) + " is before from (" +
                                              format_date(from) + ")");
            continue;
        }
        context.check_in_horizon(*from_node, path + ".from", from);
        context.check_in_horizon(*to_node, path + ".to", to);
        if (context.start && from >= *context.start && to <= *context.end)
            out.push_back(TimeWindow{entry.key, from, to});
    }
}

}  // namespace detail

namespace {

// "wYYYYMMDD_YYYYMMDD": the name of a window given by its dates alone.
std::string default_window_name(Date from, Date to) {
    auto digits = [](Date date) {
        std::string text = format_date(date);
        text.erase(std::remove(text.begin(), text.end(), '-'), text.end());
        return text;
    };
    return "w" + digits(from) + "_" + digits(to);
}

// One `--window` argument, or the reason it is not one.
std::variant<TimeWindow, std::string> parse_window_argument(const std::string& argument,
                                                            const Scenario& scenario) {
    std::string_view text = argument;
    std::string name;
    if (const std::size_t equals = text.find('='); equals != std::string_view::npos) {
        name = std::string(text.substr(0, equals));
        text.remove_prefix(equals + 1);
        if (!detail::is_valid_id(name))
            return quote_text(name) + " is not a valid window name (use lower-case letters, digits and _, "
                                      "starting with a letter; at most 64 characters)";
    }
    const std::size_t dots = text.find("..");
    if (dots == std::string_view::npos)
        return "expected [NAME=]FROM..TO with dates YYYY-MM-DD, e.g. 2025-03-01..2025-09-30";
    const std::optional<Date> from = parse_date(text.substr(0, dots));
    const std::optional<Date> to = parse_date(text.substr(dots + 2));
    for (const auto& [date, part] : {std::pair{from, text.substr(0, dots)}, std::pair{to, text.substr(dots + 2)}})
        if (!date) return quote_text(part) + " is not a calendar date (YYYY-MM-DD)";
    if (*to < *from) return "the window ends (" + format_date(*to) + ") before it starts (" + format_date(*from) + ")";
    if (*from < scenario.start || *to > scenario.end)
        return "the window " + format_date(*from) + " to " + format_date(*to) + " is not within the scenario (" +
               format_date(scenario.start) + " to " + format_date(scenario.end) + ")";
    if (name.empty()) name = default_window_name(*from, *to);
    return TimeWindow{name, *from, *to};
}

}  // namespace

void add_window_arguments(Scenario& scenario, const std::vector<std::string>& arguments) {
    std::vector<Diagnostic> problems;
    for (const std::string& argument : arguments) {
        auto parsed = parse_window_argument(argument, scenario);
        const SourcePos pos{"--window " + argument, 0, 0};
        if (const std::string* problem = std::get_if<std::string>(&parsed)) {
            problems.push_back({pos, *problem});
            continue;
        }
        TimeWindow& window = std::get<TimeWindow>(parsed);
        const bool taken = std::any_of(scenario.windows.begin(), scenario.windows.end(),
                                       [&](const TimeWindow& w) { return w.name == window.name; });
        if (taken) {
            problems.push_back({pos, "a window named '" + window.name + "' already exists (name each window once)"});
        } else if (scenario.windows.size() >= static_cast<std::size_t>(kMaxWindows)) {
            problems.push_back({pos, "more than " + std::to_string(kMaxWindows) + " windows"});
        } else {
            scenario.windows.push_back(std::move(window));
            scenario.window_arguments.push_back(argument);
        }
    }
    if (!problems.empty()) throw ScenarioError(std::move(problems));
}

}  // namespace mmsim
