#pragma once
// The journal of a sweep folder (journal.log): an append-only text file, one
// line per finished task, each line ending in a checksum of itself so that a
// line torn by a crash is recognised and dropped. The first line says which
// sweep the folder belongs to; a list of metric names is written once, before
// the first record that uses it. Values are the 16 hex digits of their IEEE
// bits, so what is read back is exactly what was computed.
//
//   mmsim-sweep-journal 1 sweep=H scenario=H design=H version=V points=P replications=R shard=K/N #C
//   M LIST NAME NAME ... #C
//   TASK POINT REPLICATION LIST BITS BITS ... #C
//
// where LIST numbers the name lists from 0 and C is FNV-1a 64 of the text
// before " #". A partial merge (`mmsim merge --partial`) writes a journal of
// the same form with `shard=merged`: the records of several shards, complete
// and in task order, for a later merge to take as one folder.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "mmsim/sweep.hpp"

namespace mmsim::detail {

/// What a journal's first line records: the sweep a folder belongs to.
struct JournalHeader {
    std::uint64_t sweep_hash = 0;
    std::uint64_t scenario_hash = 0;
    std::uint64_t design_hash = 0;  ///< FNV-1a 64 of design.csv
    std::string version;            ///< mmsim's version
    std::uint64_t points = 0;
    int replications = 0;
    Shard shard;          ///< {0, 1} in a merged journal
    bool merged = false;  ///< written by a partial merge, not by a sweep

    std::uint64_t tasks() const { return points * static_cast<std::uint64_t>(replications); }
    /// Same sweep (everything but the shard).
    bool same_sweep(const JournalHeader& other) const;
};

/// FNV-1a 64 of `text`.
std::uint64_t fnv1a(std::string_view text);
/// 16 lower-case hex digits.
std::string hex64(std::uint64_t value);

/// One finished task: the values of its headline metrics, named by a list.
struct TaskRecord {
    std::uint64_t task = 0;
    std::uint32_t names = 0;     ///< index of the list of metric names
    std::vector<double> values;  ///< one per name
};

/// The lists of metric names of a journal, numbered from 0 in order of
/// appearance (the same list for most tasks, so it is written once).
class MetricNames {
public:
    /// The number of `names`, adding the list when it is new (`added` true).
    std::uint32_t index(const std::vector<std::string>& names, bool& added);
    const std::vector<std::string>& at(std::uint32_t index) const { return lists_.at(index); }
    std::size_t size() const { return lists_.size(); }

private:
    std::vector<std::vector<std::string>> lists_;
    std::map<std::vector<std::string>, std::uint32_t> numbers_;
};

std::string header_line(const JournalHeader& header);
std::string names_line(std::uint32_t index, const std::vector<std::string>& names);
std::string record_line(const TaskRecord& record, int replications);

/// A journal as read back.
struct Journal {
    JournalHeader header;
    MetricNames names;
    std::vector<TaskRecord> records;  ///< in file order (read_journal only)
    std::uint64_t record_count = 0;   ///< intact records
    std::uint64_t valid_bytes = 0;    ///< length of the intact prefix
    std::uint64_t torn_bytes = 0;     ///< bytes after it (a line cut by a crash)
};

/// Reads a journal. A damaged tail (the last line cut short, or unreadable
/// bytes with no intact line after them) is left out and counted in
/// torn_bytes; a damaged line followed by intact ones, a task recorded twice
/// or outside the header's shard throws Error.
Journal read_journal(const std::filesystem::path& path);

/// As read_journal(), in memory bounded by a line and a bit per task: each
/// intact record goes to `on_record` in file order instead of `records`
/// (its list of names is in `names` by then).
Journal scan_journal(const std::filesystem::path& path,
                     const std::function<void(const Journal&, TaskRecord&&)>& on_record);

/// The journal file opened for appending, locked against a second writer
/// (another process running the same folder).
class JournalFile {
public:
    /// Opens or creates `path`; throws Error when it cannot, or when another
    /// process holds the lock.
    explicit JournalFile(const std::filesystem::path& path);
    ~JournalFile();
    JournalFile(const JournalFile&) = delete;
    JournalFile& operator=(const JournalFile&) = delete;

    std::uint64_t size() const;
    /// Cuts the file to `bytes` (dropping a torn tail) and syncs it.
    void truncate(std::uint64_t bytes);
    /// Appends `text` and waits until it is on disk (write + fdatasync).
    void append(const std::string& text);

private:
    std::filesystem::path path_;
    int fd_ = -1;
};

/// Syncs a folder, so that a file just created in it survives a power loss.
void sync_folder(const std::filesystem::path& dir);

}  // namespace mmsim::detail
