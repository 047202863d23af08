#pragma once
// The files of a sweep folder made from journal records: results.csv,
// summary.csv and manifest.json. A single run and a merge of shards both
// write through here, from the same records, so their files are identical.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "mmsim/sweep.hpp"
#include "sweep/journal.hpp"

namespace mmsim::detail {

/// What results.csv and summary.csv are made of.
struct SweepTable {
    std::vector<std::string> parameters;
    std::vector<std::vector<std::string>> design;  ///< values of each point, in parameter order
    int replications = 1;
    MetricNames names;                ///< the lists the records refer to
    std::vector<TaskRecord> records;  ///< sorted by task
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
/// undefined values skipped) and manifest.json into `dir`, together
/// (write_files_atomically), formatted on `threads` threads (0 = all cores;
/// the files do not depend on it); returns the files written.
std::vector<std::filesystem::path> write_results(const std::filesystem::path& dir,
                                                 const SweepTable& table, ManifestInfo info,
                                                 bool with_summary, int threads);

}  // namespace mmsim::detail
