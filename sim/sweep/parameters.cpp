// The parameters of a sweep file: lists and ranges of values (grid, Latin
// hypercube), or the columns and rows of a table.

#include <algorithm>
#include <charconv>
#include <cmath>

#include "sweep/spec.hpp"

namespace mmsim::detail {
namespace {

struct Quantity {
    double value = 0;
    std::string unit;
};

std::optional<Quantity> read_quantity(const Node& node, const std::string& path, Diagnostics& out) {
    if (node.is_scalar() && !node.text.empty()) {
        const std::string& text = node.text;
        double value = 0;
        auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        const std::string unit(end, text.data() + text.size());
        const bool letters = unit.size() <= 8 && std::all_of(unit.begin(), unit.end(), [](char c) {
                                 return c >= 'a' && c <= 'z';
                             });
        if (error == std::errc{} && end != text.data() && letters && std::isfinite(value) &&
            std::fabs(value) <= kMaxPlainNumber)
            return Quantity{value, unit};
    }
    out.add(node.pos, path +
                          ": expected a number, optionally with a unit (e.g. 40, 0.5 or 3d), got " +
                          describe(node));
    return std::nullopt;
}

std::optional<SweepRange> read_range(const Node& node, const std::string& path, SweepDesign design,
                                     Diagnostics& out) {
    MapReader range(&node, path, {"from", "to", "step", "count"}, out);
    const Node* from_node = range.require("from");
    const Node* to_node = range.require("to");
    std::optional<Quantity> from =
        from_node ? read_quantity(*from_node, path + ".from", out) : std::nullopt;
    std::optional<Quantity> to =
        to_node ? read_quantity(*to_node, path + ".to", out) : std::nullopt;
    std::optional<Quantity> step;
    if (const Node* step_node = range.get("step"))
        step = read_quantity(*step_node, path + ".step", out);
    std::optional<int> count = range.integer("count", IntRange{1, 1'000'000});
    const bool step_given = range.get("step") != nullptr,
               count_given = range.get("count") != nullptr;
    if (step_given && count_given) {
        out.add(range.get("count")->pos, path + ": give a step or a count, not both");
        return std::nullopt;
    }
    if (design == SweepDesign::grid && !step_given && !count_given) {
        out.add(node.pos, path + ": a range in a grid needs a step or a count");
        return std::nullopt;
    }
    if (!from || !to || (step_given && !step) || (count_given && !count)) return std::nullopt;
    bool sound = true;
    auto check_unit = [&](const Quantity& q, const char* key) {
        if (q.unit == from->unit) return;
        out.add(range.get(key)->pos, path + "." + key + ": expected the unit of from ('" +
                                         from->unit + "'), got " + describe(*range.get(key)));
        sound = false;
    };
    check_unit(*to, "to");
    if (step) check_unit(*step, "step");
    if (sound && to->value < from->value) {
        out.add(to_node->pos, path + ".to: expected a value >= from, got " + describe(*to_node));
        sound = false;
    }
    if (sound && step && !(step->value > 0)) {
        out.add(range.get("step")->pos,
                path + ".step: expected a value > 0, got " + describe(*range.get("step")));
        sound = false;
    }
    if (sound && count && *count == 1 && to->value != from->value) {
        out.add(range.get("count")->pos, path + ".count: expected at least 2 (from and to differ)");
        sound = false;
    }
    if (!sound) return std::nullopt;
    SweepRange result{from->value, to->value, std::nullopt, std::nullopt, from->unit, node.pos};
    if (step) result.step = step->value;
    if (count) result.count = *count;
    if ((step || count) && !range_values(result, kMaxSweepPoints)) {
        out.add(node.pos, path + ": the range has more than " + std::to_string(kMaxSweepPoints) +
                              " values (the limit)");
        return std::nullopt;
    }
    return result;
}

// Why a scenario path cannot vary between points, if it cannot: `extends` is
// resolved before any value is set, and every point runs the sweep's
// `replications`. Silently ignored, either would mislabel every result.
std::optional<std::string> unsweepable(const std::string& path) {
    const std::string top = path.substr(0, path.find_first_of(".["));
    if (top == "extends")
        return "extends cannot be swept (it is resolved before any value is set)";
    if (top == "replications")
        return "replications cannot be swept (every point runs the sweep's replications; set "
               "them with the sweep file's top-level replications)";
    return std::nullopt;
}

std::optional<SweepParameter> read_parameter(const MapEntry& entry, SweepDesign design,
                                             Diagnostics& out) {
    const std::string path = "parameters." + entry.key;
    if (const auto why = unsweepable(entry.key)) {
        out.add(entry.key_pos, path + ": " + *why);
        return std::nullopt;
    }
    SweepParameter parameter{entry.key, entry.key_pos, {}, std::nullopt};
    const Node& node = entry.value;
    if (node.is_sequence()) {
        const auto* items = read_list(node, path, kMaxSweepPoints, "values", out);
        if (!items) return std::nullopt;
        if (items->empty()) {
            out.add(node.pos, path + ": expected at least one value");
            return std::nullopt;
        }
        for (const Node& item : *items) parameter.values.push_back(sweep_value(item));
        return parameter;
    }
    if (node.is_map()) {
        parameter.range = read_range(node, path, design, out);
        return parameter.range ? std::optional(parameter) : std::nullopt;
    }
    out.add(node.pos, path + ": expected a list of values or a range {from, to, step}, got " +
                          describe(node) + " (a value every point shares belongs in set)");
    return std::nullopt;
}

}  // namespace

std::vector<SweepParameter> read_parameters(const MapReader& top, SweepDesign design) {
    std::vector<SweepParameter> parameters;
    const Node* node = top.require("parameters");
    if (!node) return parameters;
    if (!node->is_map() || node->entries.empty()) {
        top.diagnostics().add(
            node->pos,
            "parameters: expected a map of scenario paths to values, got " + describe(*node));
        return parameters;
    }
    if (node->entries.size() > kMaxSweepParameters) {
        top.diagnostics().add(node->pos, "parameters: more than " +
                                             std::to_string(kMaxSweepParameters) + " parameters");
        return parameters;
    }
    for (const MapEntry& entry : node->entries)
        if (auto parameter = read_parameter(entry, design, top.diagnostics()))
            parameters.push_back(std::move(*parameter));
    return parameters;
}

std::vector<SweepPoint> read_table(const MapReader& top, std::vector<std::string>& paths,
                                   std::vector<SourcePos>& column_pos) {
    Diagnostics& out = top.diagnostics();
    const Node* columns = top.require("columns");
    const Node* rows = top.require("rows");
    const auto* column_items =
        columns ? read_list(*columns, "columns", kMaxSweepParameters, "columns", out) : nullptr;
    const auto* row_items = rows ? read_list(*rows, "rows", kMaxSweepPoints, "rows", out) : nullptr;
    if (!column_items || !row_items) return {};
    for (std::size_t j = 0; j < column_items->size(); ++j) {
        const Node& item = (*column_items)[j];
        auto path = read_string(item, index_path("columns", j), out);
        if (!path) continue;
        if (const auto why = unsweepable(*path)) out.add(item.pos, index_path("columns", j) + ": " + *why);
        if (std::find(paths.begin(), paths.end(), *path) != paths.end())
            out.add(item.pos,
                    index_path("columns", j) + ": " + quote_text(*path) + " is already a column");
        paths.push_back(*path);
        column_pos.push_back(item.pos);
    }
    if (paths.empty() && column_items->empty())
        out.add(columns->pos, "columns: expected at least one column");
    if (row_items->empty()) out.add(rows->pos, "rows: expected at least one row");
    if (paths.size() != column_items->size() ||
        !design_fits(row_items->size(), paths.size(), "rows: the table has", rows->pos, out))
        return {};
    std::vector<SweepPoint> points;
    for (std::size_t i = 0; i < row_items->size(); ++i) {
        const Node& row = (*row_items)[i];
        const std::string where = index_path("rows", i);
        if (!row.is_sequence() || row.items.size() != paths.size()) {
            out.add(row.pos, where + ": expected a list of " + std::to_string(paths.size()) +
                                 " values (one per column), got " +
                                 (row.is_sequence() ? std::to_string(row.items.size()) + " values"
                                                    : describe(row)));
            continue;
        }
        std::vector<SweepValue> values;
        for (const Node& item : row.items) values.push_back(sweep_value(item));
        points.push_back(make_point(paths, values));
    }
    return points;
}

}  // namespace mmsim::detail
