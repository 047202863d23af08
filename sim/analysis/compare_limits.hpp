#pragma once
// Internal: compare explains itself. What each alternative changes (officers,
// vehicles, money, demand: from the resolved documents' differences), and
// whether that resource limited the base's patrols; and when the binding cause
// differs between the base and an alternative, from when.

#include <optional>
#include <string>
#include <vector>

#include "mmsim/compare.hpp"
#include "mmsim/document.hpp"
#include "mmsim/limits.hpp"

namespace mmsim::detail {

/// The resources a change touches, each with the changed paths.
struct ChangedResources {
    std::vector<std::string> paths[4];  ///< by Limit: officers, vehicles, money; [3]: demand
    std::vector<std::string> other;     ///< everything else (policy, incidents, ...)
};

/// Sorts `changes` by the resource their path feeds.
ChangedResources classify_changes(const std::vector<DocumentChange>& changes);

/// The limits of a saved report, from its constraints.* shares alone (no
/// daily series: `last` is the main limit over the whole run); none when the
/// report has no such metrics.
std::optional<LimitsSummary> limits_of(const SavedReport& report);

/// The sentences compare prints under "What limits the patrols" for
/// alternative `alt` against the base. `changes` when known (runs); `start`
/// (the runs' first day) dates the alternative's last stretch when known.
/// `money_policy`: the base fund's shortfall policy when it acts on officers
/// (defer_arrivals, withdraw): money then limits wherever officers do.
std::vector<std::string> explain_limits(const std::string& alt, const std::optional<LimitsSummary>& base_limits,
                                        const std::optional<LimitsSummary>& alt_limits,
                                        const ChangedResources* changes, std::optional<Date> start,
                                        std::optional<ShortfallPolicy> money_policy = std::nullopt);

}  // namespace mmsim::detail
