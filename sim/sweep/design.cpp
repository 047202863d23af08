// Designs: how a sweep's parameters become points (grid, Latin hypercube,
// table rows), and the design.csv that lists them.

#include <algorithm>
#include <charconv>
#include <cmath>

#include "report/csv.hpp"
#include "mmsim/rng.hpp"
#include "sweep/spec.hpp"

namespace mmsim {
namespace detail {

SweepValue sweep_value(const Node& node) {
    // canonical_text quotes scalars JSON-style, which YAML reads back as the
    // same text whatever it holds (": ", "#", leading "[").
    if (node.is_scalar()) return {node.text, canonical_text(node), node.pos};
    return {canonical_text(node), canonical_text(node), node.pos};
}

std::string range_text(double value, const std::string& unit, int significant_digits) {
    if (value == 0) value = 0;  // no "-0"
    char buffer[40];
    auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value,
                                      std::chars_format::general, significant_digits);
    return (error == std::errc{} ? std::string(buffer, end) : std::string("?")) + unit;
}

std::optional<std::vector<SweepValue>> range_values(const SweepRange& range,
                                                    std::size_t max_values) {
    std::size_t count = 0;
    if (range.step) {
        // A small tolerance lets `to` count when (to - from) / step misses an
        // integer by rounding only (0.1 to 1.0 by 0.1 is ten values).
        const double steps = std::floor((range.to - range.from) / *range.step + 1e-9);
        if (!(steps < static_cast<double>(max_values))) return std::nullopt;
        count = static_cast<std::size_t>(steps) + 1;
    } else {
        count = static_cast<std::size_t>(range.count.value_or(1));
        if (count > max_values) return std::nullopt;
    }
    std::vector<SweepValue> values;
    values.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        const double index = static_cast<double>(i);
        double value = range.step   ? range.from + index * *range.step
                       : count == 1 ? range.from
                                    : range.from + (range.to - range.from) * index /
                                                       static_cast<double>(count - 1);
        if (i + 1 == count && range.count) value = range.to;
        const std::string text = range_text(value, range.unit, 12);
        values.push_back({text, text, range.pos});
    }
    return values;
}

SweepPoint make_point(const std::vector<std::string>& paths,
                      const std::vector<SweepValue>& values) {
    SweepPoint point;
    for (std::size_t j = 0; j < paths.size(); ++j) {
        point.values.push_back(values[j].shown);
        point.overrides.push_back(paths[j] + "=" + values[j].yaml);
        point.origins.push_back(values[j].pos);
    }
    return point;
}

namespace {

std::vector<std::string> paths_of(const std::vector<SweepParameter>& parameters) {
    std::vector<std::string> paths;
    for (const SweepParameter& p : parameters) paths.push_back(p.path);
    return paths;
}

// A parameter's values as a list: its own, or its range's.
std::vector<SweepValue> listed_values(const SweepParameter& parameter) {
    if (!parameter.range) return parameter.values;
    return range_values(*parameter.range, kMaxSweepPoints).value_or(std::vector<SweepValue>{});
}

}  // namespace

bool design_fits(std::uint64_t points, std::uint64_t parameters, const std::string& design,
                 const SourcePos& where, Diagnostics& out) {
    // Both are far below 2^32 here, so the product cannot overflow.
    if (points * parameters <= kMaxSweepValues) return true;
    out.add(where, design + " " + std::to_string(points) + " points x " +
                       std::to_string(parameters) + " parameters = " +
                       std::to_string(points * parameters) + " values, more than the limit of " +
                       std::to_string(kMaxSweepValues));
    return false;
}

std::vector<SweepPoint> grid_points(const std::vector<SweepParameter>& parameters,
                                    const SourcePos& where, Diagnostics& out) {
    std::vector<std::vector<SweepValue>> lists;
    std::size_t total = 1;
    for (const SweepParameter& p : parameters) {
        lists.push_back(listed_values(p));
        const std::size_t size = lists.back().size();
        total = size == 0 ? 0 : total > kMaxSweepPoints / size ? kMaxSweepPoints + 1 : total * size;
    }
    if (total > kMaxSweepPoints) {
        out.add(where, "parameters: the grid has more than " + std::to_string(kMaxSweepPoints) +
                           " points (the limit)");
        return {};
    }
    if (!design_fits(total, parameters.size(), "parameters: the grid has", where, out)) return {};
    const std::vector<std::string> paths = paths_of(parameters);
    std::vector<SweepPoint> points;
    points.reserve(total);
    std::vector<std::size_t> digit(lists.size(), 0);  // mixed-radix counter, last digit fastest
    std::vector<SweepValue> values(lists.size());
    for (std::size_t n = 0; n < total; ++n) {
        for (std::size_t j = 0; j < lists.size(); ++j) values[j] = lists[j][digit[j]];
        points.push_back(make_point(paths, values));
        for (std::size_t j = lists.size(); j-- > 0;) {
            if (++digit[j] < lists[j].size()) break;
            digit[j] = 0;
        }
    }
    return points;
}

std::vector<SweepPoint> hypercube_points(const std::vector<SweepParameter>& parameters,
                                         std::size_t samples, std::uint64_t seed) {
    const std::vector<std::vector<double>> u = latin_hypercube(samples, parameters.size(), seed);
    std::vector<std::vector<SweepValue>> lists;
    for (const SweepParameter& p : parameters)
        lists.push_back(p.range && !p.range->step && !p.range->count ? std::vector<SweepValue>{}
                                                                     : listed_values(p));
    const std::vector<std::string> paths = paths_of(parameters);
    std::vector<SweepPoint> points;
    std::vector<SweepValue> values(parameters.size());
    for (std::size_t i = 0; i < samples; ++i) {
        for (std::size_t j = 0; j < parameters.size(); ++j) {
            if (!lists[j].empty()) {
                // A list (or a stepped range) is split into equal-probability
                // cells, one per value, so the design stays stratified.
                const auto cells = static_cast<double>(lists[j].size());
                const auto index =
                    std::min(static_cast<std::size_t>(u[i][j] * cells), lists[j].size() - 1);
                values[j] = lists[j][index];
                continue;
            }
            const SweepRange& range = *parameters[j].range;
            const std::string text =
                range_text(range.from + u[i][j] * (range.to - range.from), range.unit, 10);
            values[j] = {text, text, range.pos};
        }
        points.push_back(make_point(paths, values));
    }
    return points;
}

}  // namespace detail

std::vector<std::vector<double>> latin_hypercube(std::size_t samples, std::size_t dimensions,
                                                 std::uint64_t seed) {
    Rng rng(seed, 0, Purpose::sweep_design);
    std::vector<std::vector<double>> u(samples, std::vector<double>(dimensions));
    std::vector<std::size_t> permutation(samples);
    const auto n = static_cast<double>(samples);
    for (std::size_t j = 0; j < dimensions; ++j) {
        for (std::size_t i = 0; i < samples; ++i) permutation[i] = i;
        for (std::size_t i = samples; i > 1; --i) {  // Fisher-Yates
            const auto pick =
                std::min(static_cast<std::size_t>(rng.uniform01() * static_cast<double>(i)), i - 1);
            std::swap(permutation[i - 1], permutation[pick]);
        }
        for (std::size_t i = 0; i < samples; ++i) {
            const double value = (static_cast<double>(permutation[i]) + rng.uniform01()) / n;
            // Rounding may carry (k + 1 - 2^-53) / n up to the next stratum's edge.
            u[i][j] =
                std::min(value, std::nextafter((static_cast<double>(permutation[i]) + 1) / n, 0.0));
        }
    }
    return u;
}

std::string design_csv(const Sweep& sweep) {
    std::string out = "point";
    for (const std::string& p : sweep.parameters) out += "," + detail::csv_field(p);
    out += '\n';
    for (std::size_t i = 0; i < sweep.points.size(); ++i) {
        out += std::to_string(i);
        for (const std::string& value : sweep.points[i].values)
            out += "," + detail::csv_field(value);
        out += '\n';
    }
    return out;
}

}  // namespace mmsim
