#pragma once
// The files of a sweep folder made from journal records: results.csv,
// summary.csv and manifest.json. A single run and a merge of shards both
// write through here, from the same records, so their files are identical.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "mmsim/sweep.hpp"
#include "sweep/journal.hpp"

namespace mmsim::detail {

/// What results.csv and summary.csv are made of, besides the records.
struct SweepTable {
    std::vector<std::string> parameters;
    std::vector<std::vector<std::string>> design;  ///< values of each point, in parameter order
    int replications = 1;
    MetricNames names;  ///< the lists the records refer to
    /// For each list of names, the first task that uses it (none: UINT64_MAX).
    std::vector<std::uint64_t> first_task;

    /// Notes that `record` (whose list is in `names`) uses its list.
    void note(const TaskRecord& record);
};

/// Metric columns: every metric name of the records, in order of first
/// appearance (records in task order).
std::vector<std::string> metric_columns(const SweepTable& table);

/// Provenance written to manifest.json.
struct ManifestInfo {
    std::string sweep_name, sweep_file;
    std::string scenario_name, scenario_file;
    std::string design;  ///< grid, latin_hypercube or table
    std::optional<std::uint64_t> design_seed;
    std::vector<std::string> parameters;
    JournalHeader header;
    std::vector<std::string> merged_from;  ///< folders, for a merge
    std::uint64_t shard_tasks = 0;
    std::uint64_t tasks_done = 0;
    bool complete = false;
    std::vector<std::string> metrics;  ///< results.csv's metric columns
    std::vector<std::string> files;    ///< files written beside it
};

std::string manifest_json(const ManifestInfo& info);

/// Reads the names and design of a folder's manifest.json (what a journal
/// does not record); throws ScenarioError when it is missing or unreadable.
ManifestInfo read_manifest(const std::filesystem::path& file);

/// Writes results.csv (`point,replication,<parameters>,<metrics>`, one row
/// per record), summary.csv (when `with_summary`: one row per point, the
/// mean and 95% Student-t interval of each metric across its replications,
/// undefined values skipped), the journal of a partial merge (when
/// `with_journal`: info.header, every list of names, the records) and
/// manifest.json into `dir`, streamed: records go in one at a time, in task
/// order, and are formatted in batches on `threads` threads (0 = all cores;
/// the files do not depend on it). Memory holds a batch and the records of
/// one point. Nothing is in place before commit(); destroyed before it, the
/// writer removes its temporaries.
class ResultsWriter {
public:
    ResultsWriter(const std::filesystem::path& dir, const SweepTable& table, ManifestInfo info,
                  bool with_summary, bool with_journal, int threads);
    ~ResultsWriter();
    ResultsWriter(const ResultsWriter&) = delete;
    ResultsWriter& operator=(const ResultsWriter&) = delete;

    void add(TaskRecord&& record);
    /// Puts the files in place together (commit_streams), with
    /// info.tasks_done and info.complete as the caller set them; returns them.
    std::vector<std::filesystem::path> commit(std::uint64_t tasks_done, bool complete);

private:
    struct Streams;
    void flush();
    std::string summary_rows(std::uint64_t end_point);

    const SweepTable& table_;
    ManifestInfo info_;
    int threads_;
    std::vector<std::string> metrics_;
    std::vector<std::vector<std::size_t>> columns_;  // per list of names, the column of each
    std::unique_ptr<Streams> streams_;
    std::vector<TaskRecord> batch_;
    std::uint64_t next_point_ = 0;                  // the first point not summarized
    std::vector<std::vector<double>> point_rows_;  // its rows so far
};

}  // namespace mmsim::detail
