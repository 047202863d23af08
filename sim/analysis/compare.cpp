#include "mmsim/compare.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "analysis/compare_limits.hpp"
#include "kernel/edit_distance.hpp"
#include "mmsim/error.hpp"
#include "mmsim/metrics.hpp"
#include "mmsim/runner.hpp"
#include "mmsim/statistics.hpp"

namespace mmsim {
namespace {

[[noreturn]] void bad_report(const std::string& file, const std::string& message) {
    throw ScenarioError(SourcePos{file, 0, 0}, message);
}

// A difference whose whole interval is within rounding error of the means
// (e.g. two medians of 10 min computed from different sums of hours) is no
// difference: reported as exactly 0 and not significant.
Difference without_rounding_noise(Difference d, const Summary& a, const Summary& b) {
    const double tolerance = 1e-9 * std::max({std::fabs(a.mean), std::fabs(b.mean), 1e-300});
    if (std::fabs(d.ci_low) <= tolerance && std::fabs(d.ci_high) <= tolerance &&
        std::fabs(d.diff) <= tolerance) {
        d.diff = d.ci_low = d.ci_high = 0;
        d.significant = false;
    }
    return d;
}

double relative(const Difference& d, const Summary& base) {
    return base.mean != 0 && std::isfinite(base.mean) ? d.diff / std::fabs(base.mean) : kNaN;
}

// The metric names to compare: the selection's matches among the base's
// metrics, each of which every configuration must have; or, without a
// selection, the base's metrics that every configuration has.
std::vector<std::string> select_metrics(const std::vector<std::vector<std::string>>& names,
                                        const std::vector<std::string>& sources,
                                        std::span<const std::string> selection,
                                        std::vector<std::string>& notes) {
    std::vector<std::set<std::string>> sets;
    for (const auto& list : names) sets.emplace_back(list.begin(), list.end());
    std::vector<std::string> chosen;
    if (selection.empty()) {
        std::size_t left_out = 0;
        std::string example;
        std::set<std::string> seen;
        for (std::size_t k = 0; k < names.size(); ++k)
            for (const std::string& name : names[k]) {
                if (!seen.insert(name).second) continue;
                std::size_t lacking = sets.size();
                for (std::size_t j = 0; j < sets.size() && lacking == sets.size(); ++j)
                    if (!sets[j].contains(name)) lacking = j;
                if (lacking == sets.size()) {
                    chosen.push_back(name);  // in every configuration, so first seen in the base
                } else {
                    ++left_out;
                    if (example.empty()) example = name + " is not in " + sources[lacking];
                }
            }
        if (left_out > 0)
            notes.push_back(std::to_string(left_out) + " metric" + (left_out == 1 ? " is" : "s are") +
                            " not in every configuration and " + (left_out == 1 ? "was" : "were") +
                            " left out (e.g. " + example + ")");
        if (chosen.empty()) {
            std::size_t apart = names.size() - 1;  // the first configuration sharing nothing with the base
            for (std::size_t j = names.size() - 1; j > 0; --j)
                if (std::none_of(names[0].begin(), names[0].end(),
                                 [&](const std::string& name) { return sets[j].contains(name); }))
                    apart = j;
            bad_report(sources[apart], "has no metric in common with " + sources.front());
        }
        return chosen;
    }
    std::unordered_set<std::string_view> picked;  // `chosen`, to look up
    for (const std::string& pattern : selection) {
        const bool wildcard = pattern.find('*') != std::string::npos;
        std::size_t matched = 0;
        for (const std::string& name : names[0]) {
            if (!metric_matches(pattern, name)) continue;
            bool everywhere = true;
            for (const auto& set : sets) everywhere = everywhere && set.contains(name);
            if (!everywhere && !wildcard) break;  // reported below, naming the file
            if (!everywhere) continue;
            ++matched;
            if (picked.insert(name).second) chosen.push_back(name);
        }
        if (matched > 0) continue;
        if (wildcard)
            throw UsageError("metric pattern '" + pattern + "' matches no metric common to every configuration");
        for (std::size_t j = 0; j < sets.size(); ++j) {
            if (sets[j].contains(pattern)) continue;
            std::vector<std::string_view> candidates(names[j].begin(), names[j].end());
            bad_report(sources[j], "no metric '" + pattern + "'" + detail::did_you_mean(pattern, candidates));
        }
    }
    return chosen;
}

}  // namespace

std::string default_run_label(std::size_t i) {
    std::string label;
    for (std::size_t k = i + 1; k > 0; k = (k - 1) / 26)
        label.insert(label.begin(), static_cast<char>('A' + (k - 1) % 26));
    return label;
}

Comparison compare_reports(std::span<const SavedReport> reports, std::span<const std::string> selection) {
    if (reports.size() < 2) throw UsageError("compare needs at least two reports");
    const SavedReport& base = reports.front();
    std::vector<std::vector<std::string>> names;
    std::vector<std::string> sources;
    Comparison out;
    for (std::size_t i = 0; i < reports.size(); ++i) {
        const SavedReport& r = reports[i];
        if (r.schema_version != base.schema_version)
            bad_report(r.file, "report schema_version " + std::to_string(r.schema_version) + " differs from " +
                                   base.file + "'s " + std::to_string(base.schema_version) +
                                   "; rerun both with the same mmsim version");
        out.runs.push_back({default_run_label(i), r.file, r.scenario_name, r.scenario_hash, r.seed, r.replications,
                            describe_what_if(r.label, r.overrides)});
        names.emplace_back();
        for (const MetricSummary& m : r.metrics) names.back().push_back(m.name);
        sources.push_back(r.file);
    }
    const std::vector<std::string> chosen = select_metrics(names, sources, selection, out.notes);
    // Each report's metrics by name: a search per metric was quadratic (a
    // report of 20,000 metrics took 4 s, one of 400,000 half an hour).
    std::vector<std::unordered_map<std::string_view, const Summary*>> by_name(reports.size());
    for (std::size_t i = 0; i < reports.size(); ++i)
        for (const MetricSummary& m : reports[i].metrics) by_name[i].emplace(m.name, &m.summary);
    for (const std::string& name : chosen) {
        MetricComparison row;
        row.metric = name;
        for (const auto& metrics : by_name) row.runs.push_back(*metrics.at(name));
        const Summary& b = row.runs.front();
        for (std::size_t i = 1; i < row.runs.size(); ++i) {
            row.differences.push_back(
                without_rounding_noise(welch(row.runs[i], b, out.confidence), row.runs[i], b));
            row.relative_change.push_back(relative(row.differences.back(), b));
        }
        out.metrics.push_back(std::move(row));
    }
    for (std::size_t i = 1; i < reports.size(); ++i)
        if (reports[i].seed == base.seed && reports[i].replications > 0)
            out.notes.push_back(reports[i].file +
                                " used the base's seed: its runs are correlated with the "
                                "base's, so these independent-sample (Welch) intervals are conservative; "
                                "running them paired, on common random numbers, gives paired intervals");
    const std::optional<LimitsSummary> base_limits = detail::limits_of(base);
    for (std::size_t i = 1; i < reports.size(); ++i)
        for (std::string& line : detail::explain_limits(out.runs[i].label, base_limits,
                                                        detail::limits_of(reports[i]), nullptr, std::nullopt))
            out.explanations.push_back(std::move(line));
    return out;
}

Comparison compare_runs(std::span<const Scenario> scenarios, std::span<const std::string> selection,
                        int threads, std::span<const std::string> labels,
                        const std::function<void(const ReplicationResult&)>& on_done) {
    assert(labels.empty() || labels.size() == scenarios.size());
    if (scenarios.size() < 2) throw UsageError("a paired comparison needs at least two scenarios");
    Comparison out;
    out.paired = true;
    const Scenario& base = scenarios.front();
    std::vector<std::vector<ReplicationResult>> results;
    std::vector<std::vector<std::string>> names;
    std::vector<std::string> sources;
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
        Scenario scenario = scenarios[i];
        // Common random numbers: the base's seed and replications for all.
        scenario.seed = base.seed;
        scenario.replications = base.replications;
        results.push_back(run_replications(scenario, threads, on_done));
        const std::string label = labels.empty() || labels[i].empty() ? default_run_label(i) : labels[i];
        out.runs.push_back({label, scenario.file, scenario.name, format_hash(scenario.hash), scenario.seed,
                            scenario.replications, describe_what_if("", scenario.overrides)});
        names.emplace_back();
        if (!results.back().empty())
            for (const MetricValue& m : results.back().front().metrics) names.back().push_back(m.name);
        sources.push_back(scenario.file);
    }
    const std::vector<std::string> chosen = select_metrics(names, sources, selection, out.notes);

    // Per configuration: metric name -> index in its replications' metrics.
    std::vector<std::map<std::string, std::size_t>> index(scenarios.size());
    for (std::size_t k = 0; k < names.size(); ++k)
        for (std::size_t m = 0; m < names[k].size(); ++m) index[k].emplace(names[k][m], m);
    for (const std::string& name : chosen) {
        MetricComparison row;
        row.metric = name;
        std::vector<std::vector<double>> values(scenarios.size());
        for (std::size_t k = 0; k < scenarios.size(); ++k) {
            for (const ReplicationResult& r : results[k])
                values[k].push_back(r.metrics[index[k].at(name)].value);
            row.runs.push_back(summarize(values[k], out.confidence));
        }
        const Summary& b = row.runs.front();
        for (std::size_t k = 1; k < scenarios.size(); ++k) {
            const Summary& alt = row.runs[k];
            row.differences.push_back(
                without_rounding_noise(paired(values[k], values[0], out.confidence), alt, b));
            row.unpaired.push_back(without_rounding_noise(welch(values[k], values[0], out.confidence), alt, b));
            row.relative_change.push_back(relative(row.differences.back(), b));
        }
        out.metrics.push_back(std::move(row));
    }

    std::vector<std::optional<LimitsSummary>> limits;
    static constexpr std::array<const char*, 3> kSeries[] = {{"coverage", "all", "patrol_ratio"},
                                                             {"coverage", "all", "population_within_target"},
                                                             {"constraints", "all", "fielded"},
                                                             {"control", "all", "g"}};
    for (const auto& [table, entity, metric] : kSeries) out.series.push_back({table, entity, metric, {}});
    for (std::size_t k = 0; k < scenarios.size(); ++k) {
        const Report report = make_report(scenarios[k], results[k], threads);
        limits.push_back(summarize_limits(report));
        for (ComparedSeries& s : out.series) {
            const SeriesSummary* daily = report.daily(s.table, s.entity, s.metric);
            s.by_run.push_back(daily ? daily->by_day : DaySummaries{});
        }
    }
    // A series is drawn only when every run has it.
    std::erase_if(out.series, [](const ComparedSeries& s) {
        return std::any_of(s.by_run.begin(), s.by_run.end(), [](const auto& days) { return days.empty(); });
    });
    // Days line up only when every run starts on the base's first day.
    out.start = base.start;
    for (const Scenario& scenario : scenarios)
        if (scenario.start != base.start) out.series.clear();
    // The base's fund acts on officers under these policies (see explain_limits).
    std::optional<ShortfallPolicy> money_policy;
    if (base.funding && (base.funding->policy == ShortfallPolicy::defer_arrivals ||
                         base.funding->policy == ShortfallPolicy::withdraw))
        money_policy = base.funding->policy;
    for (std::size_t k = 1; k < scenarios.size(); ++k) {
        std::optional<detail::ChangedResources> changes;
        if (base.document && scenarios[k].document)
            changes = detail::classify_changes(diff_documents(*base.document, *scenarios[k].document));
        for (std::string& line : detail::explain_limits(out.runs[k].label, limits.front(), limits[k],
                                                        changes ? &*changes : nullptr, base.start, money_policy))
            out.explanations.push_back(std::move(line));
    }
    return out;
}

}  // namespace mmsim
