// load_scenario: document -> `extends` -> `--set` -> typed, validated Scenario.
// Reading never stops at the first problem: every section is read, every
// problem collected, and one ScenarioError lists them all, sorted by position.

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "mmsim/document.hpp"
#include "mmsim/scenario.hpp"
#include "scenario/reader.hpp"
#include "scenario/schema.hpp"
#include "scenario/sections.hpp"

namespace mmsim {
namespace detail {

void ReadContext::check_in_horizon(const Node& node, const std::string& path, Date date) {
    if (!start || !end || (date >= *start && date <= *end)) return;
    out.add(node.pos, path + ": " + format_date(date) + " is outside the scenario (" +
                          format_date(*start) + " to " + format_date(*end) + ")");
}

bool ReadContext::check_not_after_end(const Node& node, const std::string& path, Date date) {
    if (!end || date <= *end) return true;
    out.add(node.pos, path + ": " + format_date(date) + " is after the scenario's end (" +
                          format_date(*end) + ")");
    return false;
}

void ReadContext::check_in_horizon(const Node& node, const std::string& path, Hours hours) {
    if (!start || !end) return;
    const Hours horizon = (days_between(*start, *end) + 1) * kHoursPerDay;
    if (hours >= 0 && hours < horizon) return;
    // The text parsed as a date-time, so it is short and shown as written.
    out.add(node.pos, path + ": " + node.text + " is outside the scenario (" + format_date(*start) +
                          " to " + format_date(*end) + ")");
}

std::string format_hours(Hours hours) {
    auto whole = [](double value) { return std::floor(value) == value; };
    auto text = [](double value) {
        char buffer[32];
        auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
        return error == std::errc{} ? std::string(buffer, end) : std::string("?");
    };
    if (hours != 0 && whole(hours / kHoursPerDay)) return text(hours / kHoursPerDay) + "d";
    if (whole(hours)) return text(hours) + "h";
    return text(hours * 60) + "min";
}

namespace {

void read_schema_version(const MapReader& top) {
    const Node* node = top.require("schema_version");
    if (!node || (node->is_scalar() && node->text == "1")) return;
    top.diagnostics().add(node->pos, node->is_scalar()
                                         ? "schema_version: unsupported version " +
                                               describe(*node) + " (this mmsim reads version 1)"
                                         : "schema_version: expected 1, got " + describe(*node));
}

std::optional<std::uint64_t> read_seed(const Node& node, Diagnostics& out) {
    std::uint64_t seed = 0;
    if (node.is_scalar()) {
        const std::string& text = node.text;
        auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seed);
        if (!text.empty() && error == std::errc{} && end == text.data() + text.size()) return seed;
    }
    out.add(node.pos,
            "seed: expected an integer in [0, 18446744073709551615], got " + describe(node));
    return std::nullopt;
}

std::optional<std::string> read_currency(const Node& node, Diagnostics& out) {
    const bool valid = node.is_scalar() && node.text.size() == 3 &&
                       std::all_of(node.text.begin(), node.text.end(),
                                   [](char c) { return c >= 'A' && c <= 'Z'; });
    if (valid) return node.text;
    out.add(node.pos,
            "currency: expected a 3-letter upper-case code such as USD, got " + describe(node));
    return std::nullopt;
}

// start and end, checked against each other; the context learns the horizon
// only when both are sound.
void read_dates(const MapReader& top, ReadContext& context, Scenario& scenario) {
    std::optional<Date> start = top.require("start") ? top.date("start") : std::nullopt;
    std::optional<Date> end = top.require("end") ? top.date("end") : std::nullopt;
    if (!start || !end) return;
    scenario.start = *start;
    scenario.end = *end;
    const Node& end_node = *top.get("end");
    if (*end < *start) {
        context.out.add(end_node.pos, "end: " + format_date(*end) + " is before start (" +
                                          format_date(*start) + ")");
        return;
    }
    if (days_between(*start, *end) + 1 > kMaxHorizonDays) {
        context.out.add(end_node.pos, "end: the scenario spans " +
                                          std::to_string(days_between(*start, *end) + 1) +
                                          " days (the limit is " + std::to_string(kMaxHorizonDays) +
                                          ")");
        return;
    }
    context.start = start;
    context.end = end;
}

void read_run_settings(const MapReader& top, Scenario& scenario) {
    Diagnostics& out = top.diagnostics();
    if (const Node* name = top.require("name")) {
        const std::optional<std::string> text = read_string(*name, "name", out);
        scenario.name = text.value_or("");
        if (text && !is_safe_name(*text))
            out.add(name->pos, "name: " + std::string(kSafeNameRule) + ", got " + describe(*name));
    }
    scenario.description = top.string("description").value_or("");
    if (const Node* seed = top.get("seed"))
        scenario.seed = read_seed(*seed, out).value_or(scenario.seed);
    scenario.replications =
        top.integer("replications", IntRange{1, 100'000}).value_or(scenario.replications);
    if (const Node* currency = top.get("currency"))
        scenario.currency = read_currency(*currency, out).value_or(scenario.currency);
}

Scenario read_scenario(const Node& root, Diagnostics& out) {
    Scenario scenario;
    ReadContext context(out);
    MapReader top(&root, "", section_keys("top"), out);
    read_schema_version(top);
    read_run_settings(top, scenario);
    read_dates(top, context, scenario);
    read_theatre(top.get("theatre"), context, scenario.theatre);
    read_airport(top.get("airport"), context, scenario.airport);
    finish_theatre(scenario.airport, context, scenario.theatre);
    if (const Node* contingents = top.require("contingents"))
        read_contingents(*contingents, context, scenario.contingents);
    read_patrols(top.get("patrols"), context, scenario.patrols);
    read_incidents(top.get("incidents"), context, scenario.incidents);
    read_control(top.get("control"), context, scenario.theatre, scenario.control);
    read_funding(top.get("funding"), context, scenario.contingents, scenario.funding);
    read_vehicles(top.get("vehicles"), context, scenario.contingents, scenario.funding,
                  scenario.vehicles);
    read_windows(top.get("windows"), context, scenario.windows);
    return scenario;
}

}  // namespace
}  // namespace detail

namespace {

void check_top_level(const Node& root, const std::string& file) {
    if (root.is_null()) throw ScenarioError(SourcePos{file, 1, 1}, "empty scenario");
    if (!root.is_map())
        throw ScenarioError(
            root.pos, "expected a map of scenario keys at the top level, got " + describe(root));
}

// `out` may already hold problems (bad --set arguments): all are reported together.
Scenario checked_scenario(const Node& root, const std::string& file, detail::Diagnostics& out) {
    Scenario scenario = detail::read_scenario(root, out);
    if (!out.empty()) throw ScenarioError(out.sorted(file));
    scenario.file = file;
    scenario.hash = hash(root);
    return scenario;
}

// Applies every --set argument to `root`; their problems go to `out`.
void apply_overrides(Node& root, const std::vector<std::string>& overrides, detail::Diagnostics& out) {
    for (const std::string& argument : overrides) {
        try {
            apply_override(root, argument);
        } catch (const ScenarioError& error) {  // report it with the rest, and read on
            for (const Diagnostic& problem : error.diagnostics())
                out.add(problem.pos, problem.message);
        }
    }
}

}  // namespace

Scenario build_scenario(const Node& root, const std::string& file) {
    check_top_level(root, file);
    detail::Diagnostics out;
    return checked_scenario(root, file, out);
}

Node resolve_scenario_document(const std::string& path, const std::vector<std::string>& overrides) {
    Node root = load_resolved_document(path);
    check_top_level(root, path);
    detail::Diagnostics out;
    apply_overrides(root, overrides, out);
    if (!out.empty()) throw ScenarioError(out.sorted(path));
    return root;
}

Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides) {
    std::vector<SourceFile> files;
    Node root = load_resolved_document(path, &files);
    check_top_level(root, path);
    detail::Diagnostics out;
    apply_overrides(root, overrides, out);
    Scenario scenario = checked_scenario(root, path, out);
    scenario.overrides = overrides;
    scenario.files = std::move(files);
    scenario.document = std::make_shared<const Node>(std::move(root));
    return scenario;
}

bool is_safe_name(std::string_view name) {
    return !name.empty() && name.size() <= 64 && name.front() != '.' &&
           std::all_of(name.begin(), name.end(), [](char c) {
               return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' ||
                      c == '-';
           });
}

std::string format_hash(std::uint64_t hash) {
    char buffer[20];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
    return buffer;
}

}  // namespace mmsim
