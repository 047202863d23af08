#include "sweep/output.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
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

// The first line of results.csv.
std::string results_header(const SweepTable& table, const std::vector<std::string>& metrics) {
    return "point,replication" + header(table.parameters) + header(metrics) + "\n";
}

// Rows of results.csv for records [begin, end).
std::string results_rows(const SweepTable& table, const std::vector<std::string>& metrics,
                         const Columns& columns, std::size_t begin, std::size_t end) {
    const auto r = static_cast<std::uint64_t>(table.replications);
    std::string out;
    for (std::size_t i = begin; i < end; ++i) {
        const TaskRecord& record = table.records[i];
        out += std::to_string(record.task / r) + "," + std::to_string(record.task % r) +
               parameter_fields(table, record.task / r);
        for (double value : row_values(record, columns, metrics.size())) {
            out += ',';
            append_csv_number(out, value);
        }
        out += '\n';
    }
    return out;
}

// point,<parameters>,replications,<metric>.mean,<metric>.ci_low,<metric>.ci_high...:
// one row per point, 95% Student-t intervals across its replications
// (undefined values skipped; an empty field when none is left).
std::string summary_csv(const SweepTable& table, const std::vector<std::string>& metrics,
                        const Columns& columns) {
    const auto r = static_cast<std::uint64_t>(table.replications);
    std::string out = "point" + header(table.parameters) + ",replications";
    for (const std::string& m : metrics)
        out += "," + csv_field(m + ".mean") + "," + csv_field(m + ".ci_low") + "," +
               csv_field(m + ".ci_high");
    out += '\n';
    std::size_t next = 0;
    for (std::uint64_t point = 0; point < table.design.size(); ++point) {
        std::vector<std::vector<double>> rows;  // the point's records
        for (; next < table.records.size() && table.records[next].task / r == point; ++next)
            rows.push_back(row_values(table.records[next], columns, metrics.size()));
        out += std::to_string(point) + parameter_fields(table, point) + "," +
               std::to_string(rows.size());
        const std::vector<Summary> summaries = summarize_columns(
            rows.size(), metrics.size(), [&](std::size_t k) { return std::span<const double>(rows[k]); });
        for (const Summary& s : summaries) {
            for (double figure : {s.mean, s.ci_low, s.ci_high}) {
                out += ',';
                append_csv_number(out, figure);
            }
        }
        out += '\n';
    }
    return out;
}

}  // namespace

std::vector<std::string> metric_columns(const SweepTable& table) {
    std::vector<std::string> names;
    std::unordered_map<std::string, std::size_t> seen;
    std::vector<char> list_seen(table.names.size(), 0);
    for (const TaskRecord& record : table.records) {
        if (list_seen[record.names]) continue;
        list_seen[record.names] = 1;
        for (const std::string& name : table.names.at(record.names))
            if (seen.emplace(name, names.size()).second) names.push_back(name);
    }
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

std::vector<std::filesystem::path> write_results(const std::filesystem::path& dir,
                                                 const SweepTable& table, ManifestInfo info,
                                                 bool with_summary, int threads) {
    const std::vector<std::string> metrics = metric_columns(table);
    const Columns columns = columns_of(table, metrics);
    // On the threads: summary.csv first (the longest task), then results.csv
    // in blocks of rows, written one after another.
    constexpr std::size_t kBlockRows = 128;
    const std::size_t rows = table.records.size();
    std::vector<std::string> results(1 + (rows + kBlockRows - 1) / kBlockRows);
    results[0] = results_header(table, metrics);
    std::string summary;
    const int first_block = with_summary ? 1 : 0;
    parallel_for(first_block + static_cast<int>(results.size()) - 1, threads, [&](int task) {
        if (task < first_block) {
            summary = summary_csv(table, metrics, columns);
            return;
        }
        const std::size_t block = static_cast<std::size_t>(task - first_block);
        results[1 + block] = results_rows(table, metrics, columns, block * kBlockRows,
                                          std::min(rows, (block + 1) * kBlockRows));
    });
    info.metrics = metrics;
    info.files = {"design.csv", "results.csv"};
    if (with_summary) info.files.push_back("summary.csv");
    if (info.merged_from.empty()) info.files.push_back("journal.log");

    std::vector<FileContent> files;
    files.push_back(FileContent{dir / "results.csv", std::move(results)});
    if (with_summary) files.push_back(file_content(dir / "summary.csv", std::move(summary)));
    files.push_back(file_content(dir / "manifest.json", manifest_json(info)));
    return write_files_atomically(files);
}

}  // namespace detail
}  // namespace mmsim
