#pragma once
// The report's tables for spreadsheet users, beside the tidy CSV files of
// report.hpp: a wide CSV per table (one row per day, one column per series)
// and one Excel workbook (report.xlsx) holding every table and the key
// figures. The workbook needs libxlsxwriter at build time; a build without it
// refuses the format (xlsx_supported()).

#include <filesystem>
#include <string>

#include "mmsim/report.hpp"
#include "mmsim/scenario.hpp"

namespace mmsim {

/// One CSV table in wide form: a `date` column, then one column per series of
/// `table` named "<entity>.<metric>" (in the tidy file's order) holding the
/// mean across replications; one row per day. Intervals stay in the tidy file.
/// Only the header line when the report has no such table.
std::string to_wide_csv(const Report& report, const std::string& table);

/// Whether this build can write report.xlsx (libxlsxwriter was found).
bool xlsx_supported();

/// report.xlsx as bytes: a sheet "key figures" (each whole-run metric with its
/// label and unit from the metric registry, mean, 95% interval, n, after the
/// scenario, seed and replications), then one sheet per CSV table in wide
/// form with real dates. Deterministic for a given report. The workbook is
/// built in a hidden temporary inside `scratch_dir` (removed before return).
/// Throws Error when the build lacks xlsx support or the file cannot be made.
std::string to_xlsx(const Report& report, const Scenario& scenario, const std::filesystem::path& scratch_dir);

}  // namespace mmsim
