#pragma once
// Journal records put in task order in bounded memory: an external merge
// sort. Records are gathered into a block; a full block is sorted and spilled
// to a hidden run file in the output folder; at the end the runs are merged
// with a heap, a read buffer each. A sweep whose records fit one block never
// touches the disk.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

#include "sweep/journal.hpp"

namespace mmsim::detail {

/// A record with the index of the journal (folder) it came from.
struct SourcedRecord {
    TaskRecord record;
    std::uint32_t source = 0;
};

/// Records in, then out in (task, source) order. A block holds 16 MiB of
/// records, or as many records as the environment variable
/// MMSIM_SWEEP_BLOCK_RECORDS says: a testing knob, so that the tests' small
/// sweeps span several blocks.
class SortedRecords {
public:
    /// Run files go into `dir`, as hidden temporaries of this process.
    explicit SortedRecords(std::filesystem::path dir);
    ~SortedRecords();
    SortedRecords(const SortedRecords&) = delete;
    SortedRecords& operator=(const SortedRecords&) = delete;

    /// Before finish() only. Throws Error when a run file cannot be written.
    void add(TaskRecord&& record, std::uint32_t source);
    /// Ends the input; next() then yields the records in order.
    void finish();
    /// The next record in order, false after the last.
    bool next(SourcedRecord& out);
    /// Runs spilled to disk (0 when everything fit one block).
    std::size_t runs() const { return runs_.size(); }

private:
    struct Run;
    void spill();
    bool refill(std::size_t run);

    std::filesystem::path dir_;
    std::size_t block_bytes_ = 0, block_records_ = 0, held_bytes_ = 0;
    std::vector<SourcedRecord> block_;
    std::size_t block_next_ = 0;  // after finish(), when nothing was spilled
    std::vector<std::unique_ptr<Run>> runs_;
    std::vector<std::size_t> heap_;  // runs, by their current record
};

}  // namespace mmsim::detail
