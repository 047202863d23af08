#include "mmsim/report.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <memory>
#include <map>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "report/csv.hpp"
#include "report/json_number.hpp"
#include "mmsim/error.hpp"
#include "mmsim/html_report.hpp"
#include "mmsim/runner.hpp"
#include "mmsim/tables.hpp"

namespace mmsim {
namespace {

using detail::csv_figure;
using detail::append_member;
using detail::json_number;

std::vector<MetricSummary> summarize_metrics(std::span<const ReplicationResult> replications) {
    const std::vector<MetricValue>& first = replications.front().metrics;
    const std::size_t count = first.size();
    // Replication r's values are values[r * count .. (r + 1) * count).
    std::vector<double> values;
    values.reserve(replications.size() * count);
    for (const ReplicationResult& r : replications) {
        for (std::size_t i = 0; i < count; ++i) {
            // Every replication emits the same metrics in the same order.
            if (i >= r.metrics.size() || r.metrics[i].name != first[i].name)
                throw Error("internal error: replications disagree on metric '" + first[i].name + "'");
            values.push_back(r.metrics[i].value);
        }
    }
    const std::vector<Summary> summaries =
        summarize_columns(replications.size(), count, [&](std::size_t r) {
            return std::span<const double>(values).subspan(r * count, count);
        });
    std::vector<MetricSummary> out;
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i) out.push_back({first[i].name, summaries[i]});
    return out;
}

SeriesSummary summarize_series(std::span<const ReplicationResult> replications, std::size_t index) {
    const DailySeries& first = replications.front().series[index];
    const std::size_t days = first.by_day.size();
    for (const ReplicationResult& r : replications)
        if (index >= r.series.size() || r.series[index].by_day.size() != days)
            throw Error("internal error: replications disagree on series '" + first.table + "." +
                        first.entity + "." + first.metric + "'");
    if (replications.size() == 1)
        return {first.table, first.entity, first.metric, DaySummaries::of_one_replication(first.by_day)};
    return {first.table, first.entity, first.metric,
            DaySummaries(summarize_columns(replications.size(), days, [&](std::size_t r) {
                return std::span<const double>(replications[r].series[index].by_day);
            }))};
}

// A report but its daily series and ledger: what it is about, and the metrics.
Report report_without_series(const Scenario& scenario, std::span<const ReplicationResult> replications) {
    Report report;
    report.scenario_name = scenario.name;
    report.scenario_file = scenario.file;
    report.description = scenario.description;
    report.scenario_hash = scenario.hash;
    report.start = scenario.start;
    report.end = scenario.end;
    report.seed = scenario.seed;
    report.replications = static_cast<int>(replications.size());
    report.overrides = scenario.overrides;
    report.files = scenario.files;
    report.windows = scenario.windows;
    report.window_arguments = scenario.window_arguments;
    if (replications.empty()) return report;
    report.metrics = summarize_metrics(replications);
    return report;
}

}  // namespace

const Summary* Report::metric(const std::string& name) const {
    for (const MetricSummary& m : metrics)
        if (m.name == name) return &m.summary;
    return nullptr;
}

const SeriesSummary* Report::daily(const std::string& table, const std::string& entity,
                                  const std::string& metric) const {
    for (const SeriesSummary& s : series)
        if (s.table == table && s.entity == entity && s.metric == metric) return &s;
    return nullptr;
}

namespace {

// `text` as one shell word: as it is when it holds only safe characters, else
// in single quotes.
std::string shell_word(const std::string& text) {
    const bool safe = !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) {
        return std::isalnum(c) || std::strchr("_./=:,+-@%", c) != nullptr;
    });
    if (safe) return text;
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

}  // namespace

std::string describe_what_if(const std::string& label, std::span<const std::string> overrides) {
    std::string text = label;
    for (const std::string& argument : overrides) text += (text.empty() ? "" : "; ") + ("--set " + argument);
    return text;
}

std::string Report::reproduce() const {
    std::string command = "mmsim run " + shell_word(scenario_file);
    for (const std::string& argument : overrides) command += " --set " + shell_word(argument);
    for (const std::string& argument : window_arguments) command += " --window " + shell_word(argument);
    command += " --seed " + std::to_string(seed) + " --replications " + std::to_string(replications);
    if (!label.empty()) command += " --label " + shell_word(label);
    return command;
}

std::vector<std::string> Report::tables() const {
    std::vector<std::string> names;
    for (const SeriesSummary& s : series)
        if (std::find(names.begin(), names.end(), s.table) == names.end()) names.push_back(s.table);
    return names;
}

Report make_report(const Scenario& scenario, std::span<const ReplicationResult> replications,
                   int threads) {
    Report report = report_without_series(scenario, replications);
    if (replications.empty()) return report;
    report.ledger = replications.front().ledger;
    report.series.resize(replications.front().series.size());
    parallel_for(static_cast<int>(report.series.size()), threads, [&](int i) {
        const auto index = static_cast<std::size_t>(i);
        report.series[index] = summarize_series(replications, index);
    });
    return report;
}

Report make_report(const Scenario& scenario, std::vector<ReplicationResult>&& replications, int threads) {
    std::vector<ReplicationResult> results = std::move(replications);  // freed on return
    if (results.size() != 1) {
        Report report = make_report(scenario, std::span<const ReplicationResult>(results), threads);
        // Each replication's result is some 150 small allocations: free them
        // on the run's threads too (1,000 of tiny.yaml: 18 -> 9 ms on 2 threads).
        parallel_for(static_cast<int>(results.size()), threads,
                     [&](int r) { results[static_cast<std::size_t>(r)] = {}; });
        return report;
    }
    Report report = report_without_series(scenario, results);
    ReplicationResult& only = results.front();
    report.ledger = std::move(only.ledger);
    report.series.reserve(only.series.size());
    for (DailySeries& s : only.series)
        report.series.push_back({std::move(s.table), std::move(s.entity), std::move(s.metric),
                                 DaySummaries::of_one_replication(std::move(s.by_day))});
    return report;
}

std::string to_json(const Report& report) {
    nlohmann::ordered_json json;
    json["schema_version"] = kReportSchemaVersion;
    json["tool"] = {{"name", "mmsim"}, {"version", MMSIM_VERSION}};
    json["scenario"] = {{"name", report.scenario_name},
                        {"file", report.scenario_file},
                        {"description", report.description},
                        {"hash", format_hash(report.scenario_hash)},
                        {"start", format_date(report.start)},
                        {"end", format_date(report.end)},
                        {"days", days_between(report.start, report.end) + 1}};
    // Provenance: what was run, so that the run can be told apart and redone.
    if (!report.overrides.empty()) json["scenario"]["overrides"] = report.overrides;
    if (!report.files.empty()) {  // the file, then its extends chain
        nlohmann::ordered_json files = nlohmann::ordered_json::array();
        for (const SourceFile& file : report.files)
            files.push_back({{"file", file.path}, {"hash", format_hash(file.hash)}});
        json["scenario"]["files"] = std::move(files);
    }
    if (!report.window_arguments.empty()) json["scenario"]["window_arguments"] = report.window_arguments;
    if (!report.label.empty()) json["label"] = report.label;
    if (!report.windows.empty()) {  // their figures are the metrics "window.<name>.*"
        nlohmann::ordered_json windows = nlohmann::ordered_json::array();
        for (const TimeWindow& w : report.windows)
            windows.push_back({{"name", w.name}, {"from", format_date(w.from)}, {"to", format_date(w.to)},
                               {"days", w.days()}});
        json["windows"] = std::move(windows);
    }
    json["reproduce"] = report.reproduce();
    json["seed"] = report.seed;
    json["replications"] = report.replications;
    json["confidence"] = 0.95;
    nlohmann::ordered_json metrics = nlohmann::ordered_json::object();
    for (const MetricSummary& m : report.metrics)
        append_member(metrics, m.name,  // metric names are unique
                      {{"mean", json_number(m.summary.mean)},
                       {"ci_low", json_number(m.summary.ci_low)},
                       {"ci_high", json_number(m.summary.ci_high)},
                       {"sd", json_number(m.summary.sd)},
                       {"n", m.summary.n}});
    json["metrics"] = std::move(metrics);
    json["tables"] = report.tables();
    return json.dump(2) + "\n";
}

namespace {

// Appends ",mean,ci_low,ci_high\n", built in a buffer and appended at once.
// With one replication, or no spread, the three are one number (bit for
// bit): printed once and copied, since a long run's tables hold hundreds of
// thousands of figures.
void append_day_figures(std::string& out, const Summary& v) {
    char line[3 * (1 + detail::kCsvFigureMax) + 1];
    char* end = line;
    *end++ = ',';
    char* const mean = end;
    end = detail::write_csv_figure(end, v.mean);
    const auto mean_length = static_cast<std::size_t>(end - mean);
    for (double figure : {v.ci_low, v.ci_high}) {
        *end++ = ',';
        if (std::bit_cast<std::uint64_t>(figure) == std::bit_cast<std::uint64_t>(v.mean))
            end = std::copy_n(mean, mean_length, end);
        else
            end = detail::write_csv_figure(end, figure);
    }
    *end++ = '\n';
    out.append(line, end);
}

// Hands a tidy table to `sink` in pieces of about 64 KiB: the file gets its
// bytes as they are made, not one string growing with the days (whose copies
// and page faults took a fifth of a long run's time).
void stream_table(const Report& report, const std::string& table,
                  const std::function<void(std::string_view)>& sink) {
    constexpr std::size_t kPiece = 64 << 10;
    std::vector<const SeriesSummary*> rows;
    std::vector<std::string> labels;  // each row's ",entity,metric"
    for (const SeriesSummary& s : report.series) {
        if (s.table != table) continue;
        rows.push_back(&s);
        labels.push_back(',' + s.entity + ',' + s.metric);
    }
    std::string out = "date,entity,metric,mean,ci_low,ci_high\n";
    out.reserve(kPiece + 512);
    const std::size_t days = rows.empty() ? 0 : rows.front()->by_day.size();
    for (std::size_t day = 0; day < days; ++day) {
        const std::string date = format_date(add_days(report.start, static_cast<int>(day)));
        for (std::size_t row = 0; row < rows.size(); ++row) {
            out += date;
            out += labels[row];
            append_day_figures(out, rows[row]->by_day[day]);
        }
        if (out.size() >= kPiece) {
            sink(out);
            out.clear();
        }
    }
    sink(out);
}

}  // namespace

std::string to_csv(const Report& report, const std::string& table) {
    std::string out;
    stream_table(report, table, [&](std::string_view piece) { out += piece; });
    return out;
}

std::string to_zones_csv(const Report& report) {
    // Zones are the ids of "zones.<id>.<metric>"; their "control.<id>.<metric>"
    // figures join them as metric "control.<metric>".
    std::string out;
    std::vector<std::string> zones;
    auto add = [&](const std::string& zone, const std::string& metric, const Summary& v) {
        out += ',' + zone + ',' + metric + ',' + csv_figure(v.mean) + ',' + csv_figure(v.ci_low) + ',' +
               csv_figure(v.ci_high) + '\n';
    };
    for (const MetricSummary& m : report.metrics) {
        if (!m.name.starts_with("zones.")) continue;
        const std::size_t dot = m.name.find('.', 6);
        if (dot == std::string::npos) continue;
        const std::string zone = m.name.substr(6, dot - 6);
        if (std::find(zones.begin(), zones.end(), zone) == zones.end()) zones.push_back(zone);
        add(zone, m.name.substr(dot + 1), m.summary);
    }
    for (const MetricSummary& m : report.metrics) {
        if (!m.name.starts_with("control.")) continue;
        const std::size_t dot = m.name.find('.', 8);
        if (dot == std::string::npos) continue;
        const std::string zone = m.name.substr(8, dot - 8);
        if (std::find(zones.begin(), zones.end(), zone) != zones.end())
            add(zone, "control." + m.name.substr(dot + 1), m.summary);
    }
    return out.empty() ? out : "date,entity,metric,mean,ci_low,ci_high\n" + out;
}

std::vector<std::filesystem::path> write_report(const Report& report, const Scenario& scenario,
                                                const std::filesystem::path& dir,
                                                std::span<const Format> formats) {
    prepare_output_folder(dir);
    // Each file is written whole before the next is started, and all before
    // the first is synced and renamed (as write_files_atomically does).
    std::vector<std::unique_ptr<AtomicStream>> files;
    auto add = [&](const std::filesystem::path& path) -> AtomicStream& {
        if (!files.empty()) files.back()->start_disk_write();
        return *files.emplace_back(std::make_unique<AtomicStream>(path));
    };
    for (Format format : formats) {
        if (format == Format::json) {
            add(dir / "report.json").append(to_json(report));
        } else if (format == Format::html) {
            add(dir / "report.html").append(to_html(report, scenario));
        } else if (format == Format::wide) {
            for (const std::string& table : report.tables())
                add(dir / (table + ".wide.csv")).append(to_wide_csv(report, table));
        } else if (format == Format::xlsx) {
            add(dir / "report.xlsx").append(to_xlsx(report, scenario, dir));
        } else {
            for (const std::string& table : report.tables()) {
                AtomicStream& file = add(dir / (table + ".csv"));
                stream_table(report, table, [&](std::string_view piece) { file.append(piece); });
            }
            if (std::string zones = to_zones_csv(report); !zones.empty())
                add(dir / "zones.csv").append(zones);
            if (report.ledger)
                add(dir / "ledger.csv").append(ledger_csv(*report.ledger, report.start));
        }
    }
    if (!files.empty()) files.back()->start_disk_write();
    std::vector<AtomicStream*> streams;
    for (const auto& file : files) streams.push_back(file.get());
    return commit_streams(streams);
}

}  // namespace mmsim
