// Distributions of durations as written in a scenario (see distribution.hpp):
// a plain duration is a fixed value; a map names its `dist` and parameters.

#include "scenario/sections.hpp"

namespace mmsim::detail {
namespace {

using Kind = Distribution::Kind;

struct KindSpec {
    std::string_view name;
    Kind kind;
    std::vector<std::string_view> keys;  // besides `dist`
};

std::vector<KindSpec> kind_specs() {
    return {
        {"fixed", Kind::fixed, {"value"}},
        {"uniform", Kind::uniform, {"min", "max"}},
        {"exponential", Kind::exponential, {"mean"}},
        {"normal", Kind::normal, {"mean", "sd"}},
        {"lognormal", Kind::lognormal, {"median", "sigma"}},
        {"triangular", Kind::triangular, {"min", "mode", "max"}},
        {"empirical", Kind::empirical, {"values", "weights"}},
    };
}

// A required duration parameter.
std::optional<Hours> parameter(const MapReader& fields, std::string_view key, DurationBound bound) {
    return fields.require(key) ? fields.duration(key, bound) : std::nullopt;
}

// Reports `upper` (a parameter) when it is below `lower`.
bool ordered(const MapReader& fields, std::string_view lower_key, Hours lower,
             std::string_view upper_key, Hours upper) {
    if (lower <= upper) return true;
    fields.diagnostics().add(fields.get(upper_key)->pos,
                             fields.path_of(upper_key) + ": " + describe(*fields.get(upper_key)) +
                                 " is less than " + std::string(lower_key) + " (" +
                                 describe(*fields.get(lower_key)) + ")");
    return false;
}

std::optional<Distribution> read_empirical(const MapReader& fields) {
    Diagnostics& out = fields.diagnostics();
    const Node* values = fields.require("values");
    if (!values) return std::nullopt;
    const std::vector<Node>* items =
        read_list(*values, fields.path_of("values"), kMaxEmpiricalValues, "values", out);
    if (!items) return std::nullopt;
    if (items->empty())
        out.add(values->pos, fields.path_of("values") + ": expected at least one value");
    Distribution dist{Kind::empirical, 0, 0, 0, {}, {}};
    for (std::size_t i = 0; i < items->size(); ++i)
        if (auto hours = read_duration((*items)[i], index_path(fields.path_of("values"), i),
                                       DurationBound::non_negative, out))
            dist.values.push_back(*hours);
    const Node* weights = fields.get("weights");
    if (!weights) {  // equally likely
        dist.weights.assign(dist.values.size(), 1.0);
        return dist.values.size() == items->size() && !items->empty() ? std::optional(dist)
                                                                      : std::nullopt;
    }
    const std::vector<Node>* weight_items =
        read_list(*weights, fields.path_of("weights"), kMaxEmpiricalValues, "weights", out);
    if (!weight_items) return std::nullopt;
    double total = 0;
    for (std::size_t i = 0; i < weight_items->size(); ++i)
        if (auto weight = read_number((*weight_items)[i], index_path(fields.path_of("weights"), i),
                                      NumberRange::at_least(0), out)) {
            dist.weights.push_back(*weight);
            total += *weight;
        }
    if (weight_items->size() != items->size()) {
        out.add(weights->pos, fields.path_of("weights") + ": " +
                                  std::to_string(weight_items->size()) + " weights for " +
                                  std::to_string(items->size()) + " values");
        return std::nullopt;
    }
    if (dist.weights.size() != weight_items->size() || dist.values.size() != items->size())
        return std::nullopt;
    if (!(total > 0)) {
        out.add(weights->pos, fields.path_of("weights") + ": the weights must not all be zero");
        return std::nullopt;
    }
    return dist;
}

std::optional<Distribution> read_parameters(const MapReader& fields, Kind kind) {
    const auto non_negative = DurationBound::non_negative;
    const auto positive = DurationBound::positive;
    switch (kind) {
        case Kind::fixed:
            if (auto value = parameter(fields, "value", non_negative))
                return Distribution::fixed(*value);
            return std::nullopt;
        case Kind::exponential:
            if (auto mean = parameter(fields, "mean", positive))
                return Distribution::exponential(*mean);
            return std::nullopt;
        case Kind::uniform: {
            auto min = parameter(fields, "min", non_negative);
            auto max = parameter(fields, "max", non_negative);
            if (!min || !max || !ordered(fields, "min", *min, "max", *max)) return std::nullopt;
            return Distribution{kind, *min, *max, 0, {}, {}};
        }
        case Kind::normal: {
            auto mean = parameter(fields, "mean", non_negative);
            auto sd = parameter(fields, "sd", non_negative);
            if (!mean || !sd) return std::nullopt;
            return Distribution{kind, *mean, *sd, 0, {}, {}};
        }
        case Kind::lognormal: {
            auto median = parameter(fields, "median", positive);
            std::optional<double> sigma =
                fields.require("sigma")
                    ? fields.number("sigma", NumberRange::closed(0, kMaxLognormalSigma))
                    : std::nullopt;
            if (!median || !sigma) return std::nullopt;
            return Distribution{kind, *median, *sigma, 0, {}, {}};
        }
        case Kind::triangular: {
            auto min = parameter(fields, "min", non_negative);
            auto mode = parameter(fields, "mode", non_negative);
            auto max = parameter(fields, "max", non_negative);
            if (!min || !mode || !max) return std::nullopt;
            if (!ordered(fields, "min", *min, "max", *max) ||
                !ordered(fields, "min", *min, "mode", *mode) ||
                !ordered(fields, "mode", *mode, "max", *max))
                return std::nullopt;
            return Distribution{kind, *min, *mode, *max, {}, {}};
        }
        case Kind::empirical: return read_empirical(fields);
    }
    return std::nullopt;
}

}  // namespace

std::optional<Distribution> read_distribution(const Node& node, const std::string& path,
                                              Diagnostics& out) {
    if (node.is_scalar()) {
        std::optional<Hours> value = read_duration(node, path, DurationBound::non_negative, out);
        return value ? std::optional(Distribution::fixed(*value)) : std::nullopt;
    }
    if (!node.is_map()) {
        out.add(node.pos, path +
                              ": expected a duration or a distribution such as {dist: exponential, "
                              "mean: 2d}, got " +
                              describe(node));
        return std::nullopt;
    }
    const Node* dist = node.find("dist");
    if (!dist) {
        out.add(node.pos, "missing required key 'dist' in " + path);
        return std::nullopt;
    }
    const std::vector<KindSpec> specs = kind_specs();
    std::vector<std::string_view> names;
    for (const KindSpec& spec : specs)
        names.push_back(spec.name);
    std::optional<std::string> name = read_choice(*dist, key_path(path, "dist"), names, out);
    if (!name) return std::nullopt;
    for (const KindSpec& spec : specs) {
        if (spec.name != *name) continue;
        std::vector<std::string_view> keys = spec.keys;
        keys.push_back("dist");
        return read_parameters(MapReader(&node, path, keys, out), spec.kind);
    }
    return std::nullopt;
}

}  // namespace mmsim::detail
