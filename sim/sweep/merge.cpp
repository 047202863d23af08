// merge_sweeps: shard folders -> one set of sweep files, checked to cover
// every task of one sweep exactly once.

#include <algorithm>
#include <optional>
#include <utility>

#include "kernel/text_file.hpp"
#include "report/csv.hpp"
#include "mmsim/atomic_file.hpp"
#include "mmsim/sweep.hpp"
#include "sweep/journal.hpp"
#include "sweep/output.hpp"
#include "sweep/sorted_records.hpp"

namespace mmsim {
namespace {

struct ShardFolder {
    std::filesystem::path dir;
    detail::Journal journal;  // its header, names and counts: the records are streamed
    std::string design;       // design.csv's text
};

std::string read_whole(const std::filesystem::path& file) {
    std::optional<std::string> text = detail::read_file_bytes(file);
    if (!text) throw ScenarioError(SourcePos{file.string(), 0, 0}, "cannot read (is this a sweep folder?)");
    return std::move(*text);
}

ShardFolder read_folder(const std::filesystem::path& dir) {
    const std::filesystem::path journal = dir / "journal.log";
    if (!std::filesystem::exists(journal))
        throw ScenarioError(SourcePos{dir.string(), 0, 0}, "not a sweep folder (no journal.log)");
    // The header and counts only, to check the folders before reading them
    // whole; the records are read again in merge_sweeps.
    ShardFolder folder{dir, detail::scan_journal(journal, [](const auto&, auto&&) {}),
                       read_whole(dir / "design.csv")};
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

// The tasks of shard `shard` among `tasks`.
std::uint64_t owned_tasks(const Shard& shard, std::uint64_t tasks) {
    const auto n = static_cast<std::uint64_t>(shard.count), k = static_cast<std::uint64_t>(shard.index);
    return tasks > k ? (tasks - k + n - 1) / n : 0;
}

// "shard-3 (shard 3/8: 5 of 6 tasks)" for each folder of a sweep run that
// did not finish its tasks (a merged folder is complete by construction).
std::string unfinished_folders(const std::vector<ShardFolder>& folders, std::uint64_t tasks) {
    std::string unfinished;
    for (const ShardFolder& f : folders) {
        if (f.journal.header.merged) continue;
        const std::uint64_t owned = owned_tasks(f.journal.header.shard, tasks);
        if (f.journal.record_count < owned)
            unfinished += (unfinished.empty() ? "" : ", ") + f.dir.string() + " (shard " +
                          f.journal.header.shard.text() + ": " +
                          std::to_string(f.journal.record_count) + " of " +
                          std::to_string(owned) + " tasks)";
    }
    return unfinished;
}

}  // namespace

std::vector<std::filesystem::path> merge_sweeps(const std::vector<std::filesystem::path>& dirs,
                                                const std::filesystem::path& out, bool partial) {
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
    if (partial) {
        const std::string unfinished = unfinished_folders(folders, header.tasks());
        if (!unfinished.empty())
            throw ScenarioError(SourcePos{first.dir.string(), 0, 0},
                                "a partial merge takes finished shards only; unfinished: " +
                                    unfinished + " (finish with mmsim sweep --resume)");
    }

    detail::SweepTable table;
    read_design(first, table);
    table.replications = header.replications;
    prepare_output_folder(out);
    detail::SortedRecords sorted(out);
    for (std::size_t i = 0; i < folders.size(); ++i) {
        // The folders number their lists of names each their own way.
        std::vector<std::uint32_t> list_number;
        detail::scan_journal(folders[i].dir / "journal.log",
                             [&](const detail::Journal& read, detail::TaskRecord&& record) {
                                 while (list_number.size() < read.names.size()) {
                                     bool added = false;
                                     list_number.push_back(
                                         table.names.index(read.names.at(list_number.size()), added));
                                 }
                                 record.names = list_number[record.names];
                                 table.note(record);
                                 sorted.add(std::move(record), static_cast<std::uint32_t>(i));
                             });
    }
    sorted.finish();

    detail::ManifestInfo info = detail::read_manifest(first.dir / "manifest.json");
    info.header = header;
    info.header.merged = partial;
    if (partial) info.header.shard = Shard{};
    for (const ShardFolder& f : folders) info.merged_from.push_back(f.dir.string());
    detail::ResultsWriter writer(out, table, info, !partial, partial, 0);

    // Who holds each task: every task exactly once. The folders' tasks come
    // in (task, folder) order, so an overlap shows as a task seen again;
    // reported as a merge in folder order would find it first: the latest
    // folder involved that comes first, at its first overlapping task.
    struct Overlap {
        std::size_t folder = 0, holder = 0;
        std::uint64_t task = 0;
    };
    std::optional<Overlap> overlap;
    std::uint64_t expected = 0, missing = 0, first_missing = 0, count = 0;
    std::size_t holder = 0;
    for (detail::SourcedRecord next; sorted.next(next);) {
        const std::uint64_t task = next.record.task;
        if (count > 0 && task + 1 == expected) {
            const Overlap found{next.source, holder, task};
            if (!overlap || std::pair(found.folder, found.task) < std::pair(overlap->folder, overlap->task))
                overlap = found;
            continue;
        }
        if (task > expected && missing == 0) first_missing = expected;
        missing += task - expected;
        expected = task + 1;
        holder = next.source;
        ++count;
        if (!overlap) writer.add(std::move(next.record));
    }
    if (header.tasks() > expected && missing == 0) first_missing = expected;
    missing += header.tasks() - expected;
    if (overlap)
        throw ScenarioError(SourcePos{folders[overlap->folder].dir.string(), 0, 0},
                            task_name(overlap->task, header.replications) + " is also in " +
                                folders[overlap->holder].dir.string() + " (overlapping shards)");
    if (missing > 0 && !partial) {
        const std::string unfinished = unfinished_folders(folders, header.tasks());
        const ShardFolder* run_folder = &first;  // one whose shard names the missing task's
        for (const ShardFolder& f : folders)
            if (run_folder->journal.header.merged && !f.journal.header.merged) run_folder = &f;
        const Shard layout = run_folder->journal.header.shard;
        const std::string shard =
            run_folder->journal.header.merged
                ? ""
                : " of shard " +
                      std::to_string(first_missing % static_cast<std::uint64_t>(layout.count)) +
                      "/" + std::to_string(layout.count);
        throw ScenarioError(
            SourcePos{first.dir.string(), 0, 0},
            std::to_string(missing) + " of " + std::to_string(header.tasks()) +
                " tasks are missing, the first " + task_name(first_missing, header.replications) +
                shard +
                (unfinished.empty()
                     ? "; is a shard folder left out?"
                     : "; unfinished: " + unfinished + " (finish with mmsim sweep --resume)"));
    }

    std::vector<std::filesystem::path> written{out / "design.csv"};
    write_file_atomically(written.back(), first.design);
    for (auto& file : writer.commit(count, !partial)) written.push_back(std::move(file));
    return written;
}

}  // namespace mmsim
