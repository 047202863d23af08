// load_sweep: sweep file -> parameters -> design points -> the base scenario
// and every point's scenario validated. Like the scenario loader it reads on
// after a problem and reports them all, each at its place in the sweep file.

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <limits>
#include <set>

#include "kernel/edit_distance.hpp"
#include "mmsim/metrics.hpp"
#include "mmsim/sweep.hpp"
#include "mmsim/work_limits.hpp"
#include "sweep/spec.hpp"

namespace mmsim {
namespace {

using detail::Diagnostics;
using detail::MapReader;
using detail::SweepParameter;

std::vector<std::string_view> top_level_keys() {
    return {"schema_version", "name",       "description", "scenario",    "replications", "set",
            "design",         "parameters", "samples",     "design_seed", "columns",      "rows",
            "metrics"};
}

// A `set` entry or a parameter: where a `--set` argument made from it was
// written, to move problems found through the argument back to the sweep file.
struct Origin {
    SourcePos key_pos;
    SourcePos value_pos;
};

void refuse_keys(const MapReader& top, const std::vector<std::string_view>& keys,
                 const std::string& design) {
    for (std::string_view key : keys)
        if (const Node* node = top.get(key))
            top.diagnostics().add(node->pos, std::string(key) + ": not used with design " + design);
}

// The sweep file's `metrics`: the metric names or '*' patterns the result
// files keep.
std::vector<std::string> read_metrics(const MapReader& top) {
    const Node* node = top.get("metrics");
    if (node == nullptr) return {};
    if (!node->is_sequence() || node->items.empty()) {
        top.diagnostics().add(node->pos, "metrics: expected a list of metric names or patterns with *, got " +
                                             describe(*node));
        return {};
    }
    std::vector<std::string> metrics;
    for (std::size_t i = 0; i < node->items.size(); ++i) {
        const std::string path = "metrics[" + std::to_string(i) + "]";
        const std::optional<std::string> name = detail::read_string(node->items[i], path, top.diagnostics());
        if (name && name->empty())
            top.diagnostics().add(node->items[i].pos, path + ": expected a metric name or pattern, got ''");
        else if (name)
            metrics.push_back(*name);
    }
    return metrics;
}

// Each entry of `metrics` must select a headline metric of the sweep's first
// task (point 0, replication 0), run here once: a misspelt name would
// otherwise drop its column from every result without a word. (Points
// share their metric names unless a parameter adds or removes a contingent
// or zone; the first task stands for them all.)
void check_metrics(const Sweep& sweep, const Node& list, Diagnostics& out) {
    const ReplicationResult first = run_replication(sweep.scenario(0), 0);
    std::vector<std::string_view> names;
    for (const MetricValue& m : first.metrics)
        if (is_headline_metric(m.name)) names.push_back(m.name);
    for (std::size_t i = 0; i < sweep.metrics.size(); ++i) {
        const std::string& entry = sweep.metrics[i];
        if (std::any_of(names.begin(), names.end(),
                        [&](std::string_view name) { return metric_matches(entry, name); }))
            continue;
        const std::string path = "metrics[" + std::to_string(i) + "]";
        if (entry.find('*') != std::string::npos)
            out.add(list.items[i].pos, path + ": the pattern " + quote_text(entry) +
                                           " matches no metric of the sweep's first task");
        else
            out.add(list.items[i].pos, path + ": no metric " + quote_text(entry) + " in the sweep's first task" +
                                           detail::did_you_mean(entry, names));
    }
}

// "point 3 (a=1, b=2): "
std::string point_label(std::size_t index, const Sweep& sweep) {
    std::string text = "point " + std::to_string(index) + " (";
    for (std::size_t j = 0; j < sweep.parameters.size(); ++j)
        text +=
            (j ? ", " : "") + sweep.parameters[j] + "=" + quote_text(sweep.points[index].values[j]);
    return text + "): ";
}

// Builds every point's scenario. A problem is reported once, for the first
// point that shows it: a bad value would otherwise repeat for every point
// that holds it. A bad path is bad in every point alike and the first point
// shows it; after that, a point whose values on the good paths were already
// checked (the first point's may be checked twice) has nothing new to show
// and is skipped. (A large grid with a misspelt path would otherwise build
// every one of its points to say so.)
void check_points(const Sweep& sweep, const WorkLimits& limits,
                  const std::vector<Origin>& parameter_origins, Diagnostics& out) {
    std::set<std::string> seen;
    std::vector<bool> bad_path(sweep.parameters.size(), false);
    std::set<std::vector<std::string>> checked;  // values on the good paths, once a path is bad
    auto any_bad_path = [&] { return std::find(bad_path.begin(), bad_path.end(), true) != bad_path.end(); };
    auto good_values = [&](const SweepPoint& point) {
        std::vector<std::string> values;
        for (std::size_t j = 0; j < point.values.size(); ++j)
            if (!bad_path[j]) values.push_back(point.values[j]);
        return values;
    };
    for (std::size_t p = 0; p < sweep.points.size() && !out.full(); ++p) {
        const SweepPoint& point = sweep.points[p];
        if (any_bad_path() && !checked.insert(good_values(point)).second) continue;
        std::vector<Diagnostic> problems;  // the point's own, labelled with it
        Node root = sweep.base;
        for (std::size_t j = 0; j < point.overrides.size(); ++j) {
            try {
                apply_override(root, point.overrides[j]);
            } catch (const ScenarioError& error) {  // a bad path: the same for every point
                bad_path[j] = true;
                for (const Diagnostic& d : error.diagnostics())
                    if (seen.insert(to_string(parameter_origins[j].key_pos)).second)
                        out.add(parameter_origins[j].key_pos, d.message);
            }
        }
        try {
            Scenario scenario = build_scenario(root, sweep.scenario_file);
            // A point is a run of its own: bounded as `mmsim run` bounds one.
            scenario.replications = sweep.replications;
            try {
                check_work(scenario, limits, 1);
            } catch (const UsageError& error) {
                const SourcePos where = point.origins.empty() ? SourcePos{sweep.file, 0, 0}
                                                              : point.origins.front();
                problems.push_back({where, error.what()});
            }
        } catch (const ScenarioError& error) {
            for (Diagnostic d : error.diagnostics()) {
                for (std::size_t j = 0; j < point.overrides.size(); ++j) {
                    if (d.pos.file != override_source_name(point.overrides[j])) continue;
                    d.pos = point.origins[j];
                    // A misspelt path, not a bad value: shown at the path, once.
                    if (d.message.rfind("unknown key", 0) == 0) {
                        bad_path[j] = true;
                        if (seen.insert(to_string(parameter_origins[j].key_pos)).second)
                            out.add(parameter_origins[j].key_pos, d.message);
                        d.message.clear();
                    }
                }
                if (!d.message.empty()) problems.push_back(std::move(d));
            }
        }
        for (const Diagnostic& d : problems) {
            // In the sweep file one report per place; in the scenario one per message.
            const std::string key = to_string(d.pos) + (d.pos.file == sweep.file ? "" : d.message);
            if (seen.insert(key).second) out.add(d.pos, point_label(p, sweep) + d.message);
        }
    }
}

// The base scenario with the sweep's `set` applied, validated on its own.
void load_base(const MapReader& top, Sweep& sweep, std::vector<std::string>& fixed_paths,
               std::optional<int>& replications) {
    Diagnostics& out = top.diagnostics();
    sweep.base = load_resolved_document(sweep.scenario_file);
    sweep.scenario_hash = hash(sweep.base);
    std::vector<std::pair<std::string, Origin>> fixed;
    if (const Node* set = top.get("set")) {
        if (!set->is_map())
            out.add(set->pos,
                    "set: expected a map of scenario paths to values, got " + describe(*set));
        else
            for (const MapEntry& entry : set->entries) {
                fixed.push_back({entry.key + "=" + detail::sweep_value(entry.value).yaml,
                                 Origin{entry.key_pos, entry.value.pos}});
                fixed_paths.push_back(entry.key);
            }
    }
    for (const auto& [argument, origin] : fixed) {
        try {
            apply_override(sweep.base, argument);
        } catch (const ScenarioError& error) {
            for (const Diagnostic& d : error.diagnostics())
                out.add(origin.key_pos, "set: " + d.message);
        }
    }
    try {
        Scenario scenario = build_scenario(sweep.base, sweep.scenario_file);
        sweep.scenario_name = scenario.name;
        if (!replications) replications = scenario.replications;
    } catch (const ScenarioError& error) {
        for (Diagnostic d : error.diagnostics()) {
            for (const auto& [argument, origin] : fixed)
                if (d.pos.file == override_source_name(argument)) {
                    d.pos = origin.value_pos;
                    d.message = "set: " + d.message;
                }
            out.add(d.pos, d.message);
        }
    }
}

std::string read_name(const MapReader& top, const std::string& path) {
    const std::string stem = std::filesystem::path(path).stem().string();
    const Node* node = top.get("name");
    if (!node) return stem;
    std::optional<std::string> name = detail::read_string(*node, "name", top.diagnostics());
    const bool valid = name && is_safe_name(*name);
    if (name && !valid)
        top.diagnostics().add(node->pos,
                              "name: " + std::string(kSafeNameRule) + ", got " + describe(*node));
    return valid ? *name : stem;
}

// The design's points; `origins` gets where each parameter was written.
std::vector<SweepPoint> read_design(const MapReader& top, const std::string& design, Sweep& sweep,
                                    std::vector<Origin>& parameter_origins) {
    std::vector<SweepPoint> points;
    Diagnostics& out = top.diagnostics();
    if (sweep.design == SweepDesign::table) {
        refuse_keys(top, {"parameters", "samples", "design_seed"}, design);
        std::vector<SourcePos> column_pos;
        points = detail::read_table(top, sweep.parameters, column_pos);
        for (const SourcePos& pos : column_pos) parameter_origins.push_back({pos, pos});
    } else {
        refuse_keys(top,
                    sweep.design == SweepDesign::grid
                        ? std::vector<std::string_view>{"samples", "design_seed", "columns", "rows"}
                        : std::vector<std::string_view>{"columns", "rows"},
                    design);
        const std::vector<SweepParameter> parameters = detail::read_parameters(top, sweep.design);
        for (const SweepParameter& p : parameters) {
            sweep.parameters.push_back(p.path);
            parameter_origins.push_back({p.key_pos, p.key_pos});
        }
        if (sweep.design == SweepDesign::latin_hypercube) {
            std::optional<int> samples =
                top.require("samples")
                    ? top.integer("samples",
                                  detail::IntRange{1, static_cast<std::int64_t>(kMaxSweepPoints)})
                    : std::nullopt;
            if (const Node* seed = top.get("design_seed"))
                if (auto value = detail::read_integer(
                        *seed, "design_seed",
                        detail::IntRange{0, std::numeric_limits<std::int64_t>::max()}, out))
                    sweep.design_seed = static_cast<std::uint64_t>(*value);
            const auto count = static_cast<std::size_t>(samples.value_or(0));
            if (samples && out.empty() &&
                detail::design_fits(count, parameters.size(), "samples: the hypercube has",
                                    top.get("samples")->pos, out))
                points = detail::hypercube_points(parameters, count, sweep.design_seed);
        } else if (out.empty()) {
            points = detail::grid_points(parameters, top.get("parameters")->pos, out);
        }
    }
    return points;
}

}  // namespace

std::uint64_t Sweep::tasks() const {
    return static_cast<std::uint64_t>(points.size()) * static_cast<std::uint64_t>(replications);
}

Scenario Sweep::scenario(std::size_t point) const {
    Node root = base;
    for (const std::string& argument : points.at(point).overrides) apply_override(root, argument);
    return build_scenario(root, scenario_file);
}

bool Sweep::keeps_metric(const std::string& name) const {
    return is_headline_metric(name) &&
           (metrics.empty() || std::any_of(metrics.begin(), metrics.end(), [&](const std::string& pattern) {
                return metric_matches(pattern, name);
            }));
}

Sweep load_sweep(const std::string& path, const WorkLimits& limits) {
    const Node document = load_document(path);
    if (document.is_null()) throw ScenarioError(SourcePos{path, 1, 1}, "empty sweep file");
    if (!document.is_map())
        throw ScenarioError(document.pos, "expected a map of sweep keys at the top level, got " +
                                              describe(document));
    Diagnostics out;
    MapReader top(&document, "", top_level_keys(), out);
    Sweep sweep;
    sweep.file = path;
    sweep.hash = hash(document);
    if (const Node* version = top.require("schema_version");
        version && !(version->is_scalar() && version->text == "1"))
        out.add(version->pos,
                "schema_version: expected 1 (this mmsim reads sweep files of version 1), got " +
                    describe(*version));
    sweep.name = read_name(top, path);
    top.string("description");
    std::optional<std::string> scenario =
        top.require("scenario") ? top.string("scenario") : std::nullopt;
    std::optional<int> replications = top.integer("replications", detail::IntRange{1, 100'000});
    sweep.design = top.enumerated<SweepDesign>("design").value_or(SweepDesign::grid);
    const std::string design(enum_name(sweep.design));
    sweep.metrics = read_metrics(top);

    std::vector<Origin> parameter_origins;
    std::vector<SweepPoint> points = read_design(top, design, sweep, parameter_origins);
    // The base scenario is checked even when the sweep file has problems, so
    // that one run reports them all.
    std::vector<std::string> fixed_paths;
    if (scenario) {
        const std::filesystem::path base(*scenario);
        sweep.scenario_file =
            base.is_absolute()
                ? base.string()
                : (std::filesystem::path(path).parent_path() / base).lexically_normal().string();
        std::error_code ec;
        if (std::filesystem::is_regular_file(sweep.scenario_file, ec))
            load_base(top, sweep, fixed_paths, replications);
        else
            out.add(top.get("scenario")->pos, "scenario: no scenario file " +
                                                  quote_text(sweep.scenario_file) +
                                                  " (the path is relative to the sweep file)");
    }
    for (std::size_t j = 0; j < sweep.parameters.size(); ++j)
        if (std::find(fixed_paths.begin(), fixed_paths.end(), sweep.parameters[j]) !=
            fixed_paths.end())
            out.add(parameter_origins[j].key_pos,
                    quote_text(sweep.parameters[j]) + " is both swept and fixed in set");
    if (!out.empty()) throw ScenarioError(out.sorted(path));

    sweep.replications = *replications;
    sweep.points = std::move(points);
    if (sweep.tasks() > kMaxSweepTasks) {
        const Node* where = top.get("replications") ? top.get("replications") : &document;
        throw ScenarioError(where->pos, "the sweep has " + std::to_string(sweep.tasks()) +
                                            " tasks (points x replications; the limit is " +
                                            std::to_string(kMaxSweepTasks) + ")");
    }
    check_points(sweep, limits, parameter_origins, out);
    if (!out.empty()) throw ScenarioError(out.sorted(path));
    if (!sweep.metrics.empty()) check_metrics(sweep, *top.get("metrics"), out);
    if (!out.empty()) throw ScenarioError(out.sorted(path));
    return sweep;
}

}  // namespace mmsim
