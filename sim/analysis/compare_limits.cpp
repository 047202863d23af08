#include "analysis/compare_limits.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <regex>

namespace mmsim::detail {
namespace {

constexpr double kHardlyBinds = 0.1;  ///< below this share of shifts a resource "did not bind"

std::string name(Limit limit) { return std::string(enum_name(limit)); }

// "contingents.guatemala.waves[0].date, ... (4 paths)"
std::string some(const std::vector<std::string>& paths) {
    std::string text;
    for (std::size_t i = 0; i < paths.size() && i < 2; ++i) text += (i ? ", " : "") + paths[i];
    if (paths.size() > 2) text += ", ... (" + std::to_string(paths.size()) + " values)";
    return text;
}

}  // namespace

ChangedResources classify_changes(const std::vector<DocumentChange>& changes) {
    static const std::regex money(
        R"(^funding(\.|$)|^contingents\.[^.]+\.(cost_per_officer_day|deployment_cost_per_officer|self_funded)$|)"
        R"(^vehicles\.fleets\.[^.]+\.(cost_per_vehicle_day|deliveries\[\d+\]\.(cost_per_vehicle|paid_by))$)");
    static const std::regex vehicles(R"(^vehicles(\.|$))");
    static const std::regex officers(R"(^(contingents|airport)(\.|$))");
    static const std::regex demand(
        R"(^theatre\.zones\.[^.]+\.(population|demand_teams)$|^patrols\.demand_teams_per_100k$)");
    ChangedResources out;
    for (const DocumentChange& change : changes) {
        const std::string& path = change.path;
        if (std::regex_search(path, money))
            out.paths[static_cast<int>(Limit::money)].push_back(path);
        else if (std::regex_search(path, vehicles))
            out.paths[static_cast<int>(Limit::vehicles)].push_back(path);
        else if (std::regex_search(path, officers))
            out.paths[static_cast<int>(Limit::officers)].push_back(path);
        else if (std::regex_search(path, demand))
            out.paths[3].push_back(path);
        else if (path != "name" && path != "description")
            out.other.push_back(path);
    }
    return out;
}

std::optional<LimitsSummary> limits_of(const SavedReport& report) {
    static constexpr const char* kShares[] = {"constraints.bound_officers", "constraints.bound_vehicles",
                                              "constraints.bound_money", "constraints.demand_met"};
    LimitsSummary out;
    for (int k = 0; k < 4; ++k) {
        const auto it = std::find_if(report.metrics.begin(), report.metrics.end(),
                                     [&](const MetricSummary& m) { return m.name == kShares[k]; });
        if (it == report.metrics.end()) return std::nullopt;
        out.share[k] = it->summary.mean;
    }
    int main = 0;
    for (int k = 1; k < 4; ++k)
        if (out.share[k] > out.share[main]) main = k;
    out.main = out.last = static_cast<Limit>(main);
    out.last_share = out.share[main];
    return out;
}

std::vector<std::string> explain_limits(const std::string& alt, const std::optional<LimitsSummary>& base_limits,
                                        const std::optional<LimitsSummary>& alt_limits,
                                        const ChangedResources* changes, std::optional<Date> start,
                                        std::optional<ShortfallPolicy> money_policy) {
    std::vector<std::string> out;
    if (changes != nullptr) {
        for (int r = 0; r < 3; ++r) {
            const std::vector<std::string>& paths = changes->paths[r];
            if (paths.empty()) continue;
            const Limit resource = static_cast<Limit>(r);
            std::string line = alt + " changes " + name(resource) + " (" + some(paths) + ")";
            if (base_limits) {
                const LimitsSummary& base = *base_limits;
                // The limit that held the base's last stretch (at least 90% of
                // its shifts), else the one that bound most shifts overall.
                const bool stretch = base.last_from_day > 0 && base.last_share >= 0.9;
                const Limit binding = stretch ? base.last : base.main;
                // Money that holds officers back limits wherever officers do.
                const int officers = static_cast<int>(Limit::officers);
                const bool through_officers = resource == Limit::money && money_policy.has_value();
                const double share = through_officers ? std::max(base.share[r], base.share[officers])
                                                      : base.share[r];
                line += "; in the base, " + name(resource) + " bound " + whole_percent(base.share[r]) + " of shifts";
                if (base.main != resource && !(through_officers && base.main == Limit::officers))
                    line += base.main == Limit::demand_met
                                ? ", demand was met at " + whole_percent(base.share[3])
                                : ", " + name(base.main) + " " + whole_percent(base.share[static_cast<int>(base.main)]);
                if (stretch && start)
                    line += ", and from " + format_date(add_days(*start, base.last_from_day)) + " on " +
                            (base.last == Limit::demand_met ? "demand was met at " : name(base.last) + " bound ") +
                            whole_percent(base.last_share);
                if (through_officers)
                    line += "; money acts through the officers it holds back or withdraws (shortfall_policy " +
                            std::string(enum_name(*money_policy)) + "), and officers bound " +
                            whole_percent(base.share[officers]);
                if (resource == Limit::money && !through_officers && base.days_personnel_unpaid >= 0.5)
                    line += "; the base's fund left personnel bills unpaid on " +
                            std::to_string(std::lround(base.days_personnel_unpaid)) +
                            " days without holding officers back, so the change shows in the funding figures "
                            "(funding.personnel_arrears_max, funding.days_personnel_unpaid)";
                const bool relieved = binding == resource || (through_officers && binding == Limit::officers);
                if (!relieved && (share < kHardlyBinds || stretch))
                    line += binding == Limit::demand_met
                                ? ": more of it can hardly raise coverage"
                                : ": expect little effect on coverage" +
                                      std::string(stretch ? " in that stretch" : "") + " unless the " +
                                      name(binding) + " limit is relieved too";
            }
            out.push_back(line + ".");
        }
        if (!changes->paths[3].empty())
            out.push_back(alt + " changes the patrol demand (" + some(changes->paths[3]) +
                          "): the patrol ratio's denominator moves too.");
    }
    if (base_limits && alt_limits && (base_limits->main != alt_limits->main || base_limits->last != alt_limits->last)) {
        std::string line = "The binding cause changes: in the base " + name(base_limits->main) +
                           (base_limits->main == Limit::demand_met ? " at " : " bound ") +
                           whole_percent(base_limits->share[static_cast<int>(base_limits->main)]) + " of shifts; in " +
                           alt + " " + name(alt_limits->main) +
                           (alt_limits->main == Limit::demand_met ? " at " : " bound ") +
                           whole_percent(alt_limits->share[static_cast<int>(alt_limits->main)]);
        if (alt_limits->last_from_day > 0 && start)
            line += ", and from " + format_date(add_days(*start, alt_limits->last_from_day)) + " on " +
                    name(alt_limits->last) + (alt_limits->last == Limit::demand_met ? " at " : " bound ") +
                    whole_percent(alt_limits->last_share);
        out.push_back(line + ".");
    }
    return out;
}

}  // namespace mmsim::detail
