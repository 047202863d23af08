#pragma once
// The report of a run: every metric as mean and 95% t-interval across
// replications, daily series likewise, and the provenance that ties a result to
// its input (scenario hash, seed, replications, tool version). Written as
// report.json and tidy CSV tables: date, entity, metric, mean, ci_low, ci_high.

#include <filesystem>
#include <initializer_list>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "mmsim/atomic_file.hpp"  // write_files_atomically, used for every report file
#include "mmsim/engine.hpp"
#include "mmsim/enum_names.hpp"
#include "mmsim/scenario.hpp"
#include "mmsim/statistics.hpp"

namespace mmsim {

/// Version of report.json's layout; bumped when a field changes meaning.
inline constexpr int kReportSchemaVersion = 1;

struct MetricSummary {
    std::string name;
    Summary summary;
};

/// A daily series' Summary for each day. A report of one replication keeps
/// that replication's values (8 bytes a day) and makes a day's Summary when it
/// is read (summarize_one); one of several replications, or one read back
/// from a file, keeps the Summaries (40 bytes a day). A long run's report so
/// holds no more than the run's own series: a single run of 4,630 days and 45
/// series would otherwise add 8 MB for figures the files print once.
class DaySummaries {
public:
    DaySummaries() = default;
    explicit DaySummaries(std::vector<Summary> summaries) : summaries_(std::move(summaries)) {}
    DaySummaries(std::initializer_list<Summary> summaries) : summaries_(summaries) {}
    /// One replication's values, day by day.
    static DaySummaries of_one_replication(std::vector<double> values) {
        DaySummaries out;
        out.values_ = std::move(values);
        return out;
    }

    std::size_t size() const { return values_.size() + summaries_.size(); }  // one of them is empty
    bool empty() const { return size() == 0; }
    Summary operator[](std::size_t day) const {
        return summaries_.empty() ? summarize_one(values_[day]) : summaries_[day];
    }
    Summary front() const { return (*this)[0]; }
    Summary back() const { return (*this)[size() - 1]; }

    /// Goes through the days in order, giving each day's Summary by value.
    class Iterator {
    public:
        Iterator(const DaySummaries& days, std::size_t day) : days_(&days), day_(day) {}
        Summary operator*() const { return (*days_)[day_]; }
        Iterator& operator++() {
            ++day_;
            return *this;
        }
        bool operator==(const Iterator& other) const { return day_ == other.day_; }

    private:
        const DaySummaries* days_;
        std::size_t day_;
    };
    Iterator begin() const { return {*this, 0}; }
    Iterator end() const { return {*this, size()}; }

private:
    std::vector<double> values_;
    std::vector<Summary> summaries_;
};

struct SeriesSummary {
    std::string table;
    std::string entity;
    std::string metric;
    DaySummaries by_day;
};

struct Report {
    std::string scenario_name;
    std::string scenario_file;
    std::string description;
    std::uint64_t scenario_hash = 0;
    Date start, end;
    std::uint64_t seed = 0;
    int replications = 0;
    std::vector<std::string> overrides;  ///< the --set arguments, in order
    std::vector<SourceFile> files;       ///< the scenario file, then its extends parents (may be empty)
    std::string label;                   ///< the run's --label; may be empty
    std::vector<TimeWindow> windows;     ///< the scenario's, then --window's
    std::vector<std::string> window_arguments;  ///< the --window arguments, in order
    std::vector<MetricSummary> metrics;
    std::vector<SeriesSummary> series;
    /// Replication 0's ledger when the scenario has `funding` (ledger.csv).
    std::optional<LedgerRecord> ledger;

    /// The metric called `name`, or nullptr.
    const Summary* metric(const std::string& name) const;
    /// The daily series of `table`, `entity` and `metric`, or nullptr.
    const SeriesSummary* daily(const std::string& table, const std::string& entity,
                               const std::string& metric) const;
    /// Names of the CSV tables, in first-seen order ("personnel", ...).
    std::vector<std::string> tables() const;
    /// The command that reproduces this report's figures exactly: `mmsim run`
    /// with the scenario file, every --set and --window, the seed, the
    /// replications and the label, shell-quoted (thread count and output options change nothing).
    std::string reproduce() const;
};

/// What makes a run a what-if, in one line: its label, then "--set PATH=VALUE"
/// for each override, joined by "; " ("" for a scenario run as written).
std::string describe_what_if(const std::string& label, std::span<const std::string> overrides);

/// Summarises replications (all from `scenario`, in replication order). The
/// daily series are summarised on `threads` threads (0 = all cores); the
/// report is the same whatever their number.
Report make_report(const Scenario& scenario, std::span<const ReplicationResult> replications,
                   int threads = 1);
/// As above, for results the caller has no further use for: a single
/// replication's daily values move into the report instead of being copied,
/// and the results are freed on `threads` threads before it returns.
Report make_report(const Scenario& scenario, std::vector<ReplicationResult>&& replications,
                   int threads = 1);

/// report.json text (deterministic: same report, same bytes).
std::string to_json(const Report& report);
/// One tidy CSV table: date,entity,metric,mean,ci_low,ci_high.
std::string to_csv(const Report& report, const std::string& table);
/// zones.csv: the whole-run figures of each zone in the same tidy columns:
/// metrics "zones.<zone>.<metric>" as (entity zone, metric <metric>), then
/// "control.<zone>.<metric>" as (zone, "control.<metric>"); the date is empty
/// (no single day). "" when the report has no zone metric.
std::string to_zones_csv(const Report& report);

/// Report formats a run can write (`--format`): `wide` is every CSV table
/// again with one row per day and one column per series (<table>.wide.csv),
/// `xlsx` one workbook (report.xlsx; see tables.hpp).
enum class Format { json, csv, html, wide, xlsx };
inline constexpr EnumName<Format> kFormatNames[] = {{Format::json, "json"}, {Format::csv, "csv"},
                                                    {Format::html, "html"}, {Format::wide, "wide"},
                                                    {Format::xlsx, "xlsx"}};
constexpr std::span<const EnumName<Format>> enum_names(Format) { return kFormatNames; }

/// Writes report.json, every CSV table (and zones.csv) and/or report.html
/// (see html_report.hpp; `scenario` is the one the report was made from) into
/// `dir` (created if needed), each file atomically, all together
/// (write_files_atomically). Returns the files written.
std::vector<std::filesystem::path> write_report(const Report& report, const Scenario& scenario,
                                                const std::filesystem::path& dir,
                                                std::span<const Format> formats);

/// The figures the summary and report.html show for each time window, in
/// order (those a run lacks are left out).
std::span<const std::string_view> window_table_metrics();

/// What the two coverage figures measure, in words, with the scenario's
/// demand norm and response target: "Patrol ratio: patrol team-hours over a
/// demand of 5 teams per 100,000 people (149 teams) ...". Empty without a
/// theatre.
std::string coverage_explained(const Scenario& scenario);

/// The human summary printed by `mmsim run`.
void print_summary(const Report& report, const Scenario& scenario, std::ostream& out);

}  // namespace mmsim
