// run_sweep: the shard's unfinished tasks on a pool of worker threads, each
// finished task appended to the journal by one writer (the calling thread),
// which batches whatever finished while it was syncing: a sync per batch, not
// per task, yet no task is reported done before it is on disk.

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "mmsim/atomic_file.hpp"
#include "mmsim/runner.hpp"
#include "mmsim/sweep.hpp"
#include "sweep/journal.hpp"
#include "sweep/output.hpp"
#include "sweep/sorted_records.hpp"

namespace mmsim {
namespace {

using detail::JournalFile;
using detail::JournalHeader;

JournalHeader header_of(const Sweep& sweep, const Shard& shard, const std::string& design) {
    return JournalHeader{sweep.hash,    sweep.scenario_hash, detail::fnv1a(design),
                         MMSIM_VERSION, sweep.points.size(), sweep.replications,
                         shard};
}

detail::ManifestInfo manifest_of(const Sweep& sweep, const JournalHeader& header) {
    detail::ManifestInfo info;
    info.sweep_name = sweep.name;
    info.sweep_file = sweep.file;
    info.scenario_name = sweep.scenario_name;
    info.scenario_file = sweep.scenario_file;
    info.design = std::string(enum_name(sweep.design));
    if (sweep.design == SweepDesign::latin_hypercube) info.design_seed = sweep.design_seed;
    info.parameters = sweep.parameters;
    info.header = header;
    return info;
}

// Why an existing journal cannot be continued by this run, or nothing.
void check_resumable(const JournalHeader& found, const JournalHeader& wanted, const Sweep& sweep,
                     const std::filesystem::path& dir) {
    const std::string folder = dir.string();
    const std::string advice =
        "; finish it with the sweep it was started with, or run into a new --out folder";
    if (found.version != wanted.version)
        throw ScenarioError(SourcePos{sweep.file, 0, 0},
                            "cannot resume " + folder + ": it was started by mmsim " +
                                found.version + " (this is mmsim " + wanted.version + ")" + advice);
    if (found.sweep_hash != wanted.sweep_hash)
        throw ScenarioError(SourcePos{sweep.file, 0, 0},
                            "cannot resume " + folder +
                                ": the sweep file changed since the sweep started" + advice);
    if (found.scenario_hash != wanted.scenario_hash)
        throw ScenarioError(SourcePos{sweep.scenario_file, 0, 0},
                            "cannot resume " + folder +
                                ": the base scenario changed since the sweep started" + advice);
    if (!found.same_sweep(wanted))
        throw ScenarioError(
            SourcePos{sweep.file, 0, 0},
            "cannot resume " + folder + ": its design differs from this sweep's" + advice);
    if (found.merged)
        throw UsageError(folder + " holds a partial merge of shards, not a sweep run; it "
                                  "cannot be resumed");
    if (found.shard.index != wanted.shard.index || found.shard.count != wanted.shard.count)
        throw UsageError(folder + " holds shard " + found.shard.text() +
                         " of this sweep; resume it with --shard " + found.shard.text());
}

// The names of a task's headline metrics. A worker's tasks share one list
// while their names stay the same, so the writer handles each list once, not
// each task's hundred strings (which made it the bottleneck of a sweep of
// short runs).
using NameList = std::shared_ptr<const std::vector<std::string>>;

// A task's headline metrics, on their way from a worker to the writer.
struct Finished {
    std::uint64_t task = 0;
    NameList names;
    std::vector<double> values;
};

// The writer appends (and syncs) the tasks that finish within this time of
// its last append in one go. A sync takes the writer about 0.3 ms of CPU
// here, which it takes from the workers when they use every core: with one
// sync per task or two, that was a tenth of the CPU of a sweep of short runs.
constexpr std::chrono::milliseconds kGatherTime{20};

// Runs the shard's tasks not `done`; the calling thread journals them as
// they finish, writing each new list of metric names (numbered in `names`)
// before its first record. A bit per task, not a list of the tasks to run,
// keeps the memory small at ten million tasks.
void execute(const Sweep& sweep, const Shard& shard, const std::vector<bool>& done,
             std::uint64_t pending, int threads, JournalFile& journal,
             detail::MetricNames& names, SweepProgress& progress,
             const std::function<void(const SweepProgress&)>& on_progress) {
    const auto r = static_cast<std::uint64_t>(sweep.replications);
    const auto n = static_cast<std::uint64_t>(shard.count);
    std::atomic<std::uint64_t> next{static_cast<std::uint64_t>(shard.index)};
    std::atomic<bool> stop{false};
    std::mutex mutex;
    std::condition_variable finished;
    std::vector<Finished> finished_tasks;  // waiting for the writer
    int running =
        effective_threads(threads, static_cast<int>(std::min<std::uint64_t>(pending, 1 << 20)));
    std::exception_ptr error;

    auto worker = [&] {
        try {
            std::optional<std::pair<std::uint64_t, Scenario>> cached;  // the last point built
            NameList last_names;
            std::vector<std::string> headline;
            for (std::uint64_t task = next.fetch_add(n); task < done.size() && !stop;
                 task = next.fetch_add(n)) {
                if (done[task]) continue;
                const std::uint64_t point = task / r;
                if (!cached || cached->first != point) cached.emplace(point, sweep.scenario(point));
                ReplicationResult result =
                    run_replication(cached->second, static_cast<int>(task % r));
                Finished done{task, {}, {}};
                headline.clear();
                for (MetricValue& m : result.metrics) {
                    if (!sweep.keeps_metric(m.name)) continue;
                    headline.push_back(std::move(m.name));
                    done.values.push_back(m.value);
                }
                if (!last_names || *last_names != headline)
                    last_names = std::make_shared<const std::vector<std::string>>(headline);
                done.names = last_names;
                std::lock_guard lock(mutex);
                finished_tasks.push_back(std::move(done));
                // The writer waits for a first task, then for its gathering
                // time to pass: it needs waking only for the first.
                if (finished_tasks.size() == 1) finished.notify_one();
            }
        } catch (...) {
            std::lock_guard lock(mutex);
            if (!error) error = std::current_exception();
            stop = true;
        }
        std::lock_guard lock(mutex);
        --running;
        finished.notify_one();
    };

    std::vector<std::jthread> pool;
    for (int t = running; t > 0; --t) pool.emplace_back(worker);
    try {
        std::vector<Finished> batch;
        // Each list of names seen, with its number. Holding the lists keeps
        // their addresses from being reused by another list.
        std::map<NameList, std::uint32_t> numbered;
        auto last_append = std::chrono::steady_clock::now() - kGatherTime;
        while (true) {
            {
                std::unique_lock lock(mutex);
                finished.wait(lock, [&] { return !finished_tasks.empty() || running == 0; });
                finished.wait_until(lock, last_append + kGatherTime, [&] { return running == 0; });
                if (finished_tasks.empty()) break;
                batch.swap(finished_tasks);
            }
            std::string text;
            for (Finished& task : batch) {
                auto [it, new_list] = numbered.try_emplace(task.names, 0);
                if (new_list) {
                    bool added = false;
                    it->second = names.index(*task.names, added);
                    if (added) text += detail::names_line(it->second, *task.names);
                }
                text += detail::record_line({task.task, it->second, std::move(task.values)},
                                            sweep.replications);
            }
            journal.append(text);
            last_append = std::chrono::steady_clock::now();
            progress.done += batch.size();
            batch.clear();
            if (on_progress) on_progress(progress);
        }
    } catch (...) {
        stop = true;
        pool.clear();  // joins: workers finish their current task and leave
        throw;
    }
    pool.clear();
    if (error) std::rethrow_exception(error);
}

}  // namespace

std::string Shard::text() const {
    return std::to_string(index) + "/" + std::to_string(count);
}

Shard parse_shard(const std::string& text) {
    const std::size_t slash = text.find('/');
    int index = -1, count = 0;
    auto whole = [](std::string_view part, int& value) {
        auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
        return !part.empty() && error == std::errc{} && end == part.data() + part.size();
    };
    const std::string_view view(text);
    if (slash == std::string::npos || !whole(view.substr(0, slash), index) ||
        !whole(view.substr(slash + 1), count) || count < 1 || count > 100'000 || index < 0 ||
        index >= count)
        throw UsageError(
            "--shard: expected K/N with 0 <= K < N <= 100000 (shards count from 0), got '" + text +
            "'");
    return Shard{index, count};
}

SweepRunResult run_sweep(const Sweep& sweep, const SweepRunOptions& options) {
    const std::filesystem::path& dir = options.out;
    prepare_output_folder(dir);
    const std::string design = design_csv(sweep);
    const JournalHeader header = header_of(sweep, options.shard, design);
    const std::filesystem::path journal_path = dir / "journal.log";
    if (!options.resume && std::filesystem::exists(journal_path))
        throw UsageError(dir.string() +
                         " already holds a sweep (journal.log): pass --resume to finish it, "
                         "or choose another --out folder");

    JournalFile journal(journal_path);
    // Besides the journal, the folder itself: no run, compare or merge may
    // write into it while the sweep does.
    const FolderLock folder_lock(dir);
    std::vector<bool> done(sweep.tasks(), false);
    SweepProgress progress;
    detail::MetricNames names;
    if (journal.size() > 0) {
        detail::Journal found = detail::scan_journal(
            journal_path, [&](const detail::Journal&, detail::TaskRecord&& record) {
                done[record.task] = true;
            });
        if (found.valid_bytes > 0) check_resumable(found.header, header, sweep, dir);
        if (found.torn_bytes > 0) {
            journal.truncate(found.valid_bytes);
            if (options.on_note)
                options.on_note("dropped the last " + std::to_string(found.torn_bytes) +
                                " bytes of " + journal_path.string() +
                                " (a record cut short by a crash)");
        }
        progress.resumed = found.record_count;
        names = std::move(found.names);
    }
    if (journal.size() == 0) {
        journal.append(detail::header_line(header));
        detail::sync_folder(dir);
    }
    detail::ManifestInfo info = manifest_of(sweep, header);

    const auto n = static_cast<std::uint64_t>(options.shard.count);
    const auto k = static_cast<std::uint64_t>(options.shard.index);
    progress.total = sweep.tasks() > k ? (sweep.tasks() - k + n - 1) / n : 0;
    progress.done = progress.resumed;
    info.shard_tasks = progress.total;
    info.tasks_done = progress.done;
    const FileContent files[] = {file_content(dir / "design.csv", design),
                                 file_content(dir / "manifest.json", detail::manifest_json(info))};
    write_files_atomically(files);
    if (options.on_progress) options.on_progress(progress);

    execute(sweep, options.shard, done, progress.total - progress.resumed, options.threads,
            journal, names, progress, options.on_progress);
    done = {};

    // The files come from the journal, read back in task order: it holds
    // each value's bits, so a merge, which reads the shards' journals, gets
    // the same table.
    detail::SweepTable table{sweep.parameters, {}, sweep.replications, {}, {}};
    for (const SweepPoint& point : sweep.points) table.design.push_back(point.values);
    detail::SortedRecords sorted(dir);
    const detail::Journal journaled = detail::scan_journal(
        journal_path, [&](const detail::Journal& read, detail::TaskRecord&& record) {
            if (table.names.size() < read.names.size()) table.names = read.names;
            table.note(record);
            sorted.add(std::move(record), 0);
        });
    sorted.finish();
    const bool whole_sweep = options.shard.count == 1;  // only then is there a summary
    detail::ResultsWriter writer(dir, table, info, whole_sweep, false, options.threads);
    for (detail::SourcedRecord next; sorted.next(next);) writer.add(std::move(next.record));
    SweepRunResult result;
    result.progress = progress;
    result.written = {dir / "design.csv"};
    for (auto& file : writer.commit(journaled.record_count, journaled.record_count == progress.total))
        result.written.push_back(file);
    return result;
}

}  // namespace mmsim
