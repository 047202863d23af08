#include "sweep/output.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <optional>
#include <span>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>

#include "report/csv.hpp"
#include "mmsim/atomic_file.hpp"
#include "mmsim/runner.hpp"
#include "mmsim/statistics.hpp"

namespace mmsim {

bool is_headline_metric(const std::string& name) {
    return name.rfind("workload.", 0) != 0;
}

namespace detail {
namespace {

// For each list of names, the column of each name.
using Columns = std::vector<std::vector<std::size_t>>;

Columns columns_of(const SweepTable& table, const std::vector<std::string>& metrics) {
    std::unordered_map<std::string, std::size_t> column;
    for (std::size_t i = 0; i < metrics.size(); ++i) column.emplace(metrics[i], i);
    Columns columns(table.names.size());
    for (std::uint32_t list = 0; list < table.names.size(); ++list)
        for (const std::string& name : table.names.at(list)) {
            const auto it = column.find(name);
            if (it == column.end()) break;  // a list no record uses
            columns[list].push_back(it->second);
        }
    return columns;
}

// The record's values in column order, NaN where it has no such metric.
std::vector<double> row_values(const TaskRecord& record, const Columns& columns,
                               std::size_t width) {
    std::vector<double> values(width, kNaN);
    const std::vector<std::size_t>& column = columns.at(record.names);
    for (std::size_t i = 0; i < record.values.size(); ++i) values[column[i]] = record.values[i];
    return values;
}

std::string parameter_fields(const SweepTable& table, std::uint64_t point) {
    std::string out;
    for (const std::string& value : table.design.at(point)) out += "," + csv_field(value);
    return out;
}

std::string header(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& name : names) out += "," + csv_field(name);
    return out;
}

// The rows of results.csv, and the journal lines when `journal`, for
// records [begin, end) of `records`.
void format_rows(const SweepTable& table, const Columns& columns, std::size_t width,
                 std::span<const TaskRecord> records, std::string& rows, std::string* journal) {
    const auto r = static_cast<std::uint64_t>(table.replications);
    for (const TaskRecord& record : records) {
        rows += std::to_string(record.task / r) + "," + std::to_string(record.task % r) +
                parameter_fields(table, record.task / r);
        for (double value : row_values(record, columns, width)) {
            rows += ',';
            append_csv_number(rows, value);
        }
        rows += '\n';
        if (journal) *journal += record_line(record, table.replications);
    }
}

// point,<parameters>,replications,<metric>.mean,<metric>.ci_low,<metric>.ci_high...
std::string summary_header(const SweepTable& table, const std::vector<std::string>& metrics) {
    std::string out = "point" + header(table.parameters) + ",replications";
    for (const std::string& m : metrics)
        out += "," + csv_field(m + ".mean") + "," + csv_field(m + ".ci_low") + "," +
               csv_field(m + ".ci_high");
    return out + "\n";
}

// A row of summary.csv: 95% Student-t intervals across the point's
// replications (undefined values skipped; an empty field when none is left).
void append_summary_row(const SweepTable& table, std::uint64_t point,
                        const std::vector<std::vector<double>>& rows, std::size_t width,
                        std::string& out) {
    out += std::to_string(point) + parameter_fields(table, point) + "," +
           std::to_string(rows.size());
    const std::vector<Summary> summaries = summarize_columns(
        rows.size(), width, [&](std::size_t k) { return std::span<const double>(rows[k]); });
    for (const Summary& s : summaries) {
        for (double figure : {s.mean, s.ci_low, s.ci_high}) {
            out += ',';
            append_csv_number(out, figure);
        }
    }
    out += '\n';
}

}  // namespace

void SweepTable::note(const TaskRecord& record) {
    if (first_task.size() < names.size()) first_task.resize(names.size(), UINT64_MAX);
    first_task[record.names] = std::min(first_task[record.names], record.task);
}

std::vector<std::string> metric_columns(const SweepTable& table) {
    // The lists in the order of their first task are the order the records,
    // in task order, first show them in.
    std::vector<std::uint32_t> lists;
    for (std::uint32_t list = 0; list < table.first_task.size(); ++list)
        if (table.first_task[list] != UINT64_MAX) lists.push_back(list);
    std::sort(lists.begin(), lists.end(), [&](std::uint32_t a, std::uint32_t b) {
        return table.first_task[a] < table.first_task[b];
    });
    std::vector<std::string> names;
    std::unordered_map<std::string, std::size_t> seen;
    for (std::uint32_t list : lists)
        for (const std::string& name : table.names.at(list))
            if (seen.emplace(name, names.size()).second) names.push_back(name);
    return names;
}

std::string manifest_json(const ManifestInfo& info) {
    nlohmann::ordered_json json;
    json["schema_version"] = 1;
    json["tool"] = {{"name", "mmsim"}, {"version", info.header.version}};
    json["sweep"] = {{"name", info.sweep_name},
                     {"file", info.sweep_file},
                     {"hash", hex64(info.header.sweep_hash)}};
    json["scenario"] = {{"name", info.scenario_name},
                        {"file", info.scenario_file},
                        {"hash", hex64(info.header.scenario_hash)}};
    nlohmann::ordered_json design = {{"kind", info.design},
                                     {"parameters", info.parameters},
                                     {"points", info.header.points},
                                     {"hash", hex64(info.header.design_hash)}};
    if (info.design_seed) design["seed"] = *info.design_seed;
    json["design"] = std::move(design);
    json["replications"] = info.header.replications;
    json["tasks"] = info.header.tasks();
    if (info.merged_from.empty())
        json["shard"] = {{"index", info.header.shard.index},
                         {"count", info.header.shard.count},
                         {"tasks", info.shard_tasks}};
    else
        json["merged_from"] = info.merged_from;
    json["tasks_done"] = info.tasks_done;
    json["complete"] = info.complete;
    json["metrics"] = info.metrics;
    json["files"] = info.files;
    return json.dump(2) + "\n";
}

ManifestInfo read_manifest(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw ScenarioError(SourcePos{file.string(), 0, 0}, "cannot read the sweep manifest");
    ManifestInfo info;
    try {
        const nlohmann::json json = nlohmann::json::parse(in);
        info.sweep_name = json.at("sweep").at("name").get<std::string>();
        info.sweep_file = json.at("sweep").at("file").get<std::string>();
        info.scenario_name = json.at("scenario").at("name").get<std::string>();
        info.scenario_file = json.at("scenario").at("file").get<std::string>();
        info.design = json.at("design").at("kind").get<std::string>();
        info.parameters = json.at("design").at("parameters").get<std::vector<std::string>>();
        if (json.at("design").contains("seed"))
            info.design_seed = json.at("design").at("seed").get<std::uint64_t>();
    } catch (const nlohmann::json::exception& e) {
        throw ScenarioError(SourcePos{file.string(), 0, 0},
                            std::string("not a sweep manifest (") + e.what() + ")");
    }
    return info;
}

struct ResultsWriter::Streams {
    std::optional<AtomicStream> results, summary, journal;
};

namespace {
// Records formatted together on the threads, in blocks of kBlockRows.
constexpr std::size_t kBatchRows = 4096, kBlockRows = 256;
}  // namespace

ResultsWriter::ResultsWriter(const std::filesystem::path& dir, const SweepTable& table,
                             ManifestInfo info, bool with_summary, bool with_journal, int threads)
    : table_(table), info_(std::move(info)), threads_(threads), metrics_(metric_columns(table)),
      columns_(columns_of(table, metrics_)), streams_(std::make_unique<Streams>()) {
    info_.metrics = metrics_;
    info_.files = {"design.csv", "results.csv"};
    if (with_summary) info_.files.push_back("summary.csv");
    if (info_.merged_from.empty() || with_journal) info_.files.push_back("journal.log");
    streams_->results.emplace(dir / "results.csv");
    streams_->results->append("point,replication" + header(table.parameters) + header(metrics_) +
                              "\n");
    if (with_summary) {
        streams_->summary.emplace(dir / "summary.csv");
        streams_->summary->append(summary_header(table, metrics_));
    }
    if (with_journal) {
        streams_->journal.emplace(dir / "journal.log");
        streams_->journal->append(header_line(info_.header));
        for (std::uint32_t list = 0; list < table.names.size(); ++list)
            streams_->journal->append(names_line(list, table.names.at(list)));
    }
    batch_.reserve(kBatchRows);
}

ResultsWriter::~ResultsWriter() = default;

void ResultsWriter::add(TaskRecord&& record) {
    batch_.push_back(std::move(record));
    if (batch_.size() == kBatchRows) flush();
}

std::string ResultsWriter::summary_rows(std::uint64_t end_point) {
    const auto r = static_cast<std::uint64_t>(table_.replications);
    std::string out;
    for (const TaskRecord& record : batch_) {
        for (; next_point_ < record.task / r; ++next_point_) {
            append_summary_row(table_, next_point_, point_rows_, metrics_.size(), out);
            point_rows_.clear();
        }
        point_rows_.push_back(row_values(record, columns_, metrics_.size()));
    }
    for (; next_point_ < end_point; ++next_point_) {
        append_summary_row(table_, next_point_, point_rows_, metrics_.size(), out);
        point_rows_.clear();
    }
    return out;
}

void ResultsWriter::flush() {
    const bool summary = streams_->summary.has_value(), journal = streams_->journal.has_value();
    const std::size_t blocks = (batch_.size() + kBlockRows - 1) / kBlockRows;
    std::vector<std::string> rows(blocks), lines(journal ? blocks : 0);
    std::string summary_text;
    // The summary first: the longest task.
    const int first_block = summary ? 1 : 0;
    const std::span<const TaskRecord> records(batch_);
    parallel_for(first_block + static_cast<int>(blocks), threads_, [&](int task) {
        if (task < first_block) {
            const auto r = static_cast<std::uint64_t>(table_.replications);
            // Points before the batch's last stay open: more records may come.
            summary_text = summary_rows(batch_.empty() ? next_point_ : batch_.back().task / r);
            return;
        }
        const auto block = static_cast<std::size_t>(task - first_block);
        const std::size_t begin = block * kBlockRows;
        format_rows(table_, columns_, metrics_.size(),
                    records.subspan(begin, std::min(kBlockRows, records.size() - begin)),
                    rows[block], journal ? &lines[block] : nullptr);
    });
    for (const std::string& text : rows) streams_->results->append(text);
    for (const std::string& text : lines) streams_->journal->append(text);
    if (summary) streams_->summary->append(summary_text);
    batch_.clear();
}

std::vector<std::filesystem::path> ResultsWriter::commit(std::uint64_t tasks_done, bool complete) {
    flush();
    if (streams_->summary) streams_->summary->append(summary_rows(table_.design.size()));
    info_.tasks_done = tasks_done;
    info_.complete = complete;
    AtomicStream manifest(streams_->results->path().parent_path() / "manifest.json");
    manifest.append(manifest_json(info_));
    std::vector<AtomicStream*> files{&*streams_->results};
    if (streams_->summary) files.push_back(&*streams_->summary);
    if (streams_->journal) files.push_back(&*streams_->journal);
    files.push_back(&manifest);
    for (AtomicStream* file : files) file->start_disk_write();
    return commit_streams(files);
}

}  // namespace detail
}  // namespace mmsim
