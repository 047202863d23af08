// report.xlsx through libxlsxwriter (Debian's libxlsxwriter-dev), compiled
// only when CMake finds it; xlsx_absent.cpp stands in otherwise.

#include "mmsim/tables.hpp"

#include <cmath>
#include <ctime>
#include <memory>
#include <optional>
#include <unistd.h>
#include <xlsxwriter.h>

#include "kernel/text_file.hpp"
#include "mmsim/error.hpp"
#include "mmsim/metrics.hpp"

namespace mmsim {
namespace {

// Excel counts days from 1899-12-30, so 1970-01-01 is day 25569.
constexpr double kExcelSerialOf1970 = 25569;

// Excel's limit, and the characters it forbids in a sheet name.
std::string sheet_name(std::string name) {
    for (char& c : name)
        if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '_';
    return name.substr(0, 31);
}

class XlsxBook {
public:
    // The rows go to temporary files in `scratch_dir` as they are written
    // (libxlsxwriter's constant_memory mode), so every sheet must be written
    // row by row, in order. Held in memory instead, the cells of a long run
    // (208,000 of them for 4,630 days) took 17 MB.
    XlsxBook(const std::filesystem::path& path, const std::filesystem::path& scratch_dir, std::time_t created)
        : path_(path), scratch_dir_(scratch_dir.string()) {
        lxw_workbook_options options{};
        options.constant_memory = LXW_TRUE;
        options.tmpdir = scratch_dir_.data();
        book_ = workbook_new_opt(path.c_str(), &options);
        if (book_ == nullptr) throw Error("cannot create the workbook " + path.string());
        // A fixed creation time (the scenario's start) keeps the file the same
        // from run to run.
        lxw_doc_properties properties{};
        properties.title = const_cast<char*>("mmsim report");
        properties.created = created;
        workbook_set_properties(book_, &properties);
        bold_ = workbook_add_format(book_);
        format_set_bold(bold_);
        date_ = workbook_add_format(book_);
        format_set_num_format(date_, "yyyy-mm-dd");
    }
    ~XlsxBook() {
        if (book_ != nullptr) {
            workbook_close(book_);  // frees it; the half-made file is removed by the caller
        }
    }
    XlsxBook(const XlsxBook&) = delete;
    XlsxBook& operator=(const XlsxBook&) = delete;

    lxw_worksheet* sheet(const std::string& name) {
        lxw_worksheet* sheet = workbook_add_worksheet(book_, sheet_name(name).c_str());
        if (sheet == nullptr) throw Error("cannot add the sheet '" + name + "' to the workbook");
        return sheet;
    }
    void text(lxw_worksheet* sheet, int row, int col, const std::string& value, bool heading = false) {
        worksheet_write_string(sheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), value.c_str(),
                               heading ? bold_ : nullptr);
    }
    // An undefined figure is an empty cell, as in the CSV files.
    void number(lxw_worksheet* sheet, int row, int col, double value) {
        if (std::isfinite(value))
            worksheet_write_number(sheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), value, nullptr);
    }
    void date(lxw_worksheet* sheet, int row, int col, Date value) {
        worksheet_write_number(sheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col),
                               value.days_since_epoch + kExcelSerialOf1970, date_);
    }
    void close() {
        const lxw_error error = workbook_close(book_);
        book_ = nullptr;
        if (error != LXW_NO_ERROR)
            throw Error("cannot write the workbook " + path_.string() + ": " + lxw_strerror(error));
    }

private:
    std::filesystem::path path_;
    std::string scratch_dir_;
    lxw_workbook* book_ = nullptr;
    lxw_format* bold_ = nullptr;
    lxw_format* date_ = nullptr;
};

void key_figures_sheet(XlsxBook& book, const Report& report, const Scenario& scenario) {
    lxw_worksheet* sheet = book.sheet("key figures");
    int row = 0;
    auto fact = [&](const std::string& label, const std::string& value) {
        book.text(sheet, row, 0, label, true);
        book.text(sheet, row++, 1, value);
    };
    fact("scenario", report.scenario_name + " (" + report.scenario_file + ")");
    fact("period", format_date(report.start) + " to " + format_date(report.end));
    fact("seed", std::to_string(report.seed));
    fact("replications", std::to_string(report.replications) + "; intervals are 95% Student t across them");
    fact("reproduce", report.reproduce());
    ++row;
    const char* headings[] = {"metric", "label", "unit", "mean", "ci_low", "ci_high", "n"};
    for (int c = 0; c < 7; ++c) book.text(sheet, row, c, headings[c], true);
    worksheet_freeze_panes(sheet, static_cast<lxw_row_t>(row + 1), 0);
    worksheet_set_column(sheet, 0, 0, 44, nullptr);
    worksheet_set_column(sheet, 1, 1, 52, nullptr);
    ++row;
    for (const MetricSummary& m : report.metrics) {
        const MetricInfo* info = find_metric(m.name);
        std::string unit = info != nullptr ? std::string(info->unit) : "";
        if (unit.starts_with("currency")) unit = scenario.currency + unit.substr(8);
        book.text(sheet, row, 0, m.name);
        book.text(sheet, row, 1, metric_label(m.name));
        book.text(sheet, row, 2, unit);
        book.number(sheet, row, 3, m.summary.mean);
        book.number(sheet, row, 4, m.summary.ci_low);
        book.number(sheet, row, 5, m.summary.ci_high);
        book.number(sheet, row, 6, static_cast<double>(m.summary.n));
        ++row;
    }
}

void table_sheet(XlsxBook& book, const Report& report, const std::string& table) {
    lxw_worksheet* sheet = book.sheet(table);
    std::vector<const SeriesSummary*> columns;
    for (const SeriesSummary& s : report.series)
        if (s.table == table) columns.push_back(&s);
    book.text(sheet, 0, 0, "date", true);
    for (std::size_t c = 0; c < columns.size(); ++c)
        book.text(sheet, 0, static_cast<int>(c + 1), columns[c]->entity + "." + columns[c]->metric, true);
    worksheet_freeze_panes(sheet, 1, 1);
    worksheet_set_column(sheet, 0, 0, 12, nullptr);
    const std::size_t days = columns.empty() ? 0 : columns.front()->by_day.size();
    for (std::size_t day = 0; day < days; ++day) {
        const int row = static_cast<int>(day + 1);
        book.date(sheet, row, 0, add_days(report.start, static_cast<int>(day)));
        for (std::size_t c = 0; c < columns.size(); ++c)
            book.number(sheet, row, static_cast<int>(c + 1), columns[c]->by_day[day].mean);
    }
}

}  // namespace

bool xlsx_supported() { return true; }

std::string to_xlsx(const Report& report, const Scenario& scenario, const std::filesystem::path& scratch_dir) {
    const std::filesystem::path path = temporary_path(scratch_dir / "report.xlsx.build", ::getpid());
    struct Remove {
        std::filesystem::path path;
        ~Remove() {
            std::error_code ignored;
            std::filesystem::remove(path, ignored);
        }
    } remove{path};
    {
        XlsxBook book(path, scratch_dir, static_cast<std::time_t>(report.start.days_since_epoch) * 86400);
        key_figures_sheet(book, report, scenario);
        for (const std::string& table : report.tables()) table_sheet(book, report, table);
        book.close();
    }
    std::optional<std::string> bytes = detail::read_file_bytes(path);
    if (!bytes) throw Error("cannot read back the workbook " + path.string());
    return std::move(*bytes);
}

}  // namespace mmsim
