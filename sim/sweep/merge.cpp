// merge_sweeps: shard folders -> one set of sweep files, checked to cover
// every task of one sweep exactly once.

#include <algorithm>
#include <fstream>
#include <sstream>

#include "report/csv.hpp"
#include "mmsim/atomic_file.hpp"
#include "mmsim/sweep.hpp"
#include "sweep/journal.hpp"
#include "sweep/output.hpp"

namespace mmsim {
namespace {

struct ShardFolder {
    std::filesystem::path dir;
    detail::Journal journal;
    std::string design;  // design.csv's text
};

std::string read_whole(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw ScenarioError(SourcePos{file.string(), 0, 0},
                            "cannot read (is this a sweep folder?)");
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

ShardFolder read_folder(const std::filesystem::path& dir) {
    const std::filesystem::path journal = dir / "journal.log";
    if (!std::filesystem::exists(journal))
        throw ScenarioError(SourcePos{dir.string(), 0, 0}, "not a sweep folder (no journal.log)");
    ShardFolder folder{dir, detail::read_journal(journal), read_whole(dir / "design.csv")};
    // The journal vouches for the design its results belong to: an edited
    // design.csv would relabel every result silently.
    const std::uint64_t design_hash = detail::fnv1a(folder.design);
    if (folder.journal.valid_bytes > 0 && design_hash != folder.journal.header.design_hash)
        throw ScenarioError(SourcePos{(dir / "design.csv").string(), 0, 0},
                            "does not match the design its journal was written for (hash " +
                                detail::hex64(design_hash) + ", the journal says " +
                                detail::hex64(folder.journal.header.design_hash) +
                                "); was it edited? Rerun the sweep, or restore the file");
    return folder;
}

std::string task_name(std::uint64_t task, int replications) {
    const auto r = static_cast<std::uint64_t>(replications);
    return "task " + std::to_string(task) + " (point " + std::to_string(task / r) +
           ", replication " + std::to_string(task % r) + ")";
}

// The parameters and per-point values of design.csv.
void read_design(const ShardFolder& folder, detail::SweepTable& table) {
    const std::string file = (folder.dir / "design.csv").string();
    auto rows = detail::parse_csv(folder.design, file);
    if (rows.empty() || rows.front().empty() || rows.front().front() != "point")
        throw ScenarioError(SourcePos{file, 1, 1}, "expected the header point,<parameters...>");
    table.parameters.assign(rows.front().begin() + 1, rows.front().end());
    for (std::size_t i = 1; i < rows.size(); ++i) {
        if (rows[i].size() != rows.front().size() || rows[i].front() != std::to_string(i - 1))
            throw ScenarioError(SourcePos{file, static_cast<int>(i + 1), 1}, "damaged design row");
        table.design.emplace_back(rows[i].begin() + 1, rows[i].end());
    }
    if (table.design.size() != folder.journal.header.points)
        throw ScenarioError(SourcePos{file, 0, 0},
                            "has " + std::to_string(table.design.size()) +
                                " points; its journal says " +
                                std::to_string(folder.journal.header.points));
}

}  // namespace

std::vector<std::filesystem::path> merge_sweeps(const std::vector<std::filesystem::path>& dirs,
                                                const std::filesystem::path& out) {
    if (dirs.empty()) throw UsageError("merge: no sweep folder given");
    std::vector<ShardFolder> folders;
    for (const auto& dir : dirs) folders.push_back(read_folder(dir));
    const ShardFolder& first = folders.front();
    const detail::JournalHeader& header = first.journal.header;
    for (const ShardFolder& f : folders) {
        if (f.journal.valid_bytes == 0)
            throw ScenarioError(SourcePos{(f.dir / "journal.log").string(), 0, 0},
                                "the shard stopped before it started (empty journal)");
        if (!f.journal.header.same_sweep(header) || f.design != first.design)
            throw ScenarioError(SourcePos{f.dir.string(), 0, 0},
                                "comes from a different sweep than " + first.dir.string() +
                                    " (sweep, base scenario, design or mmsim version differ)");
    }

    // Who holds each task: every task exactly once.
    std::vector<int> holder(header.tasks(), -1);
    detail::SweepTable table;
    table.records.reserve(header.tasks());
    for (std::size_t i = 0; i < folders.size(); ++i) {
        const detail::MetricNames& names = folders[i].journal.names;
        // In task order, not the order the shard's threads finished them in,
        // so that an overlap is reported at the same task every time.
        std::vector<detail::TaskRecord>& records = folders[i].journal.records;
        std::sort(records.begin(), records.end(),
                  [](const detail::TaskRecord& a, const detail::TaskRecord& b) { return a.task < b.task; });
        for (detail::TaskRecord& record : records) {
            if (holder[record.task] >= 0)
                throw ScenarioError(
                    SourcePos{folders[i].dir.string(), 0, 0},
                    task_name(record.task, header.replications) + " is also in " +
                        folders[static_cast<std::size_t>(holder[record.task])].dir.string() +
                        " (overlapping shards)");
            holder[record.task] = static_cast<int>(i);
            bool added = false;  // the folders number their lists of names each their own way
            record.names = table.names.index(names.at(record.names), added);
            table.records.push_back(std::move(record));
        }
    }
    const auto missing = static_cast<std::uint64_t>(std::count(holder.begin(), holder.end(), -1));
    if (missing > 0) {
        const auto first_missing = static_cast<std::uint64_t>(
            std::find(holder.begin(), holder.end(), -1) - holder.begin());
        std::string unfinished;
        for (const ShardFolder& f : folders) {
            std::uint64_t owned = 0;
            for (std::uint64_t t = 0; t < header.tasks(); ++t)
                owned += f.journal.header.shard.owns(t) ? 1 : 0;
            if (f.journal.records.size() < owned)
                unfinished += (unfinished.empty() ? "" : ", ") + f.dir.string() + " (shard " +
                              f.journal.header.shard.text() + ": " +
                              std::to_string(f.journal.records.size()) + " of " +
                              std::to_string(owned) + " tasks)";
        }
        throw ScenarioError(
            SourcePos{first.dir.string(), 0, 0},
            std::to_string(missing) + " of " + std::to_string(header.tasks()) +
                " tasks are missing, the first " + task_name(first_missing, header.replications) +
                " of shard " +
                std::to_string(first_missing % static_cast<std::uint64_t>(header.shard.count)) +
                "/" + std::to_string(header.shard.count) +
                (unfinished.empty()
                     ? "; is a shard folder left out?"
                     : "; unfinished: " + unfinished + " (finish with mmsim sweep --resume)"));
    }
    std::sort(table.records.begin(), table.records.end(),
              [](const detail::TaskRecord& a, const detail::TaskRecord& b) {
                  return a.task < b.task;
              });
    read_design(first, table);
    table.replications = header.replications;
    detail::ManifestInfo info = detail::read_manifest(first.dir / "manifest.json");
    info.header = header;
    for (const ShardFolder& f : folders) info.merged_from.push_back(f.dir.string());
    info.tasks_done = table.records.size();
    info.complete = true;

    prepare_output_folder(out);
    std::vector<std::filesystem::path> written{out / "design.csv"};
    write_file_atomically(written.back(), first.design);
    for (auto& file : detail::write_results(out, table, info, true, 0))
        written.push_back(std::move(file));
    return written;
}

}  // namespace mmsim
