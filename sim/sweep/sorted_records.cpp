#include "sweep/sorted_records.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "mmsim/atomic_file.hpp"
#include "mmsim/error.hpp"

namespace mmsim::detail {
namespace {

constexpr std::size_t kBlockBytes = std::size_t{16} << 20;
// Per run being merged: 700 runs (10^7 tasks of 150 metrics) take 11 MiB.
constexpr std::size_t kReadBuffer = std::size_t{16} << 10;

bool task_order(const SourcedRecord& a, const SourcedRecord& b) {
    return a.record.task != b.record.task ? a.record.task < b.record.task : a.source < b.source;
}

std::size_t footprint(const SourcedRecord& r) {
    return sizeof(SourcedRecord) + r.record.values.size() * sizeof(double);
}

std::size_t records_knob() {
    const char* text = std::getenv("MMSIM_SWEEP_BLOCK_RECORDS");
    std::size_t value = 0;
    if (!text) return 0;
    const auto [end, error] = std::from_chars(text, text + std::strlen(text), value);
    return error == std::errc{} && *end == '\0' ? value : 0;
}

}  // namespace

struct SortedRecords::Run {
    std::filesystem::path path;
    std::FILE* file = nullptr;
    std::vector<char> buffer;
    SourcedRecord current;

    ~Run() {
        if (file) std::fclose(file);
        std::error_code ignored;
        std::filesystem::remove(path, ignored);
    }
};

SortedRecords::SortedRecords(std::filesystem::path dir)
    : dir_(std::move(dir)), block_bytes_(kBlockBytes), block_records_(records_knob()) {}

SortedRecords::~SortedRecords() = default;

void SortedRecords::add(TaskRecord&& record, std::uint32_t source) {
    block_.push_back({std::move(record), source});
    held_bytes_ += footprint(block_.back());
    if (held_bytes_ >= block_bytes_ || (block_records_ > 0 && block_.size() >= block_records_))
        spill();
}

void SortedRecords::spill() {
    std::sort(block_.begin(), block_.end(), task_order);
    auto run = std::make_unique<Run>();
    run->path = temporary_path(dir_ / ("sort-" + std::to_string(runs_.size())), ::getpid());
    run->file = std::fopen(run->path.c_str(), "w+b");
    if (!run->file)
        throw Error("cannot write " + run->path.string() + ": " + std::strerror(errno));
    run->buffer.resize(kReadBuffer);
    std::setvbuf(run->file, run->buffer.data(), _IOFBF, run->buffer.size());
    for (const SourcedRecord& r : block_) {
        const std::uint32_t head[3] = {r.source, r.record.names,
                                       static_cast<std::uint32_t>(r.record.values.size())};
        bool ok = std::fwrite(&r.record.task, sizeof r.record.task, 1, run->file) == 1 &&
                  std::fwrite(head, sizeof head, 1, run->file) == 1;
        if (ok && !r.record.values.empty())
            ok = std::fwrite(r.record.values.data(), sizeof(double), r.record.values.size(),
                             run->file) == r.record.values.size();
        if (!ok) throw Error("cannot write " + run->path.string() + ": " + std::strerror(errno));
    }
    if (std::fflush(run->file) != 0)
        throw Error("cannot write " + run->path.string() + ": " + std::strerror(errno));
    runs_.push_back(std::move(run));
    block_.clear();
    block_.shrink_to_fit();
    held_bytes_ = 0;
}

bool SortedRecords::refill(std::size_t index) {
    Run& run = *runs_[index];
    std::uint32_t head[3];
    if (std::fread(&run.current.record.task, sizeof(std::uint64_t), 1, run.file) != 1) return false;
    if (std::fread(head, sizeof head, 1, run.file) != 1)
        throw Error("cannot read " + run.path.string() + ": cut short");
    run.current.source = head[0];
    run.current.record.names = head[1];
    run.current.record.values.resize(head[2]);
    if (head[2] > 0 &&
        std::fread(run.current.record.values.data(), sizeof(double), head[2], run.file) != head[2])
        throw Error("cannot read " + run.path.string() + ": cut short");
    return true;
}

void SortedRecords::finish() {
    if (runs_.empty()) {
        std::sort(block_.begin(), block_.end(), task_order);
        return;
    }
    if (!block_.empty()) spill();
    auto later = [this](std::size_t a, std::size_t b) {
        return task_order(runs_[b]->current, runs_[a]->current);
    };
    for (std::size_t i = 0; i < runs_.size(); ++i) {
        std::rewind(runs_[i]->file);
        if (refill(i)) heap_.push_back(i);
    }
    std::make_heap(heap_.begin(), heap_.end(), later);
}

bool SortedRecords::next(SourcedRecord& out) {
    if (runs_.empty()) {
        if (block_next_ >= block_.size()) return false;
        out = std::move(block_[block_next_++]);
        return true;
    }
    if (heap_.empty()) return false;
    auto later = [this](std::size_t a, std::size_t b) {
        return task_order(runs_[b]->current, runs_[a]->current);
    };
    std::pop_heap(heap_.begin(), heap_.end(), later);
    const std::size_t run = heap_.back();
    out.record.task = runs_[run]->current.record.task;
    out.record.names = runs_[run]->current.record.names;
    out.source = runs_[run]->current.source;
    out.record.values.swap(runs_[run]->current.record.values);
    if (refill(run))
        std::push_heap(heap_.begin(), heap_.end(), later);
    else
        heap_.pop_back();
    return true;
}

}  // namespace mmsim::detail
