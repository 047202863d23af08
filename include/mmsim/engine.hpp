#pragma once
// One replication of a scenario: the discrete-event run that turns a const
// Scenario and a replication number into that replication's figures.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mmsim/ledger.hpp"
#include "mmsim/scenario.hpp"

namespace mmsim {

/// A scalar figure of one replication, named as in DESIGN.md
/// ("coverage.patrol_ratio", "personnel.kenya.arrived"). NaN = not defined in
/// this replication (e.g. a response percentile with no incident answered).
struct MetricValue {
    std::string name;
    double value = 0;
};

/// A daily time series of one replication: one value per simulated day, for
/// one entity (a contingent, a zone, "all") and one metric, in the CSV file
/// `table` + ".csv".
struct DailySeries {
    std::string table;   ///< "personnel", "coverage", ...
    std::string entity;  ///< contingent or zone id, or "all"
    std::string metric;  ///< e.g. "ready"
    std::vector<double> by_day;
};

struct ReplicationResult {
    std::vector<MetricValue> metrics;  ///< same names, same order, in every replication
    std::vector<DailySeries> series;   ///< likewise
    std::uint64_t events = 0;          ///< events the kernel fired
    /// The fund's ledger when the scenario has `funding`: daily totals always,
    /// every entry only when kept (replication 0, or on request).
    std::optional<LedgerRecord> ledger;
};

/// Runs replication `replication` (0-based) of `scenario`. Random streams come
/// from (scenario.seed, replication, purpose) alone, so the result does not
/// depend on what else runs.
ReplicationResult run_replication(const Scenario& scenario, int replication);
/// As above; `keep_ledger` keeps every ledger entry whatever the replication
/// (run_replication keeps them for replication 0 only, for ledger.csv).
ReplicationResult run_replication(const Scenario& scenario, int replication, bool keep_ledger);

}  // namespace mmsim
