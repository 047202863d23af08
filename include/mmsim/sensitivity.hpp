#pragma once
// Sensitivity analysis of sweep results: which swept parameters move a metric.
//
// Standardized regression coefficients (SRC): the least-squares fit
// (y - mean y) / sd y = sum_j SRC_j (x_j - mean x_j) / sd x_j + e over the rows
// of results.csv; with independent parameters SRC_j^2 is the share of the
// metric's variance due to x_j, and R^2 says how much of it a linear model
// explains (SRCs are trustworthy when R^2 >= 0.7).
// Partial rank correlation coefficients (PRCC): values are replaced by their
// ranks; PRCC_j is the correlation of the residuals of rank(x_j) and rank(y)
// each regressed (with an intercept) on the ranks of the other parameters.
// It measures a monotone, possibly non-linear, influence in [-1, 1].

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace mmsim {

/// Ranks 1..n of `values`, ties sharing the mean of their ranks.
std::vector<double> ranks(std::span<const double> values);

struct ParameterInfluence {
    std::string parameter;
    double src = 0;   ///< standardized regression coefficient (NaN: parameter constant)
    double prcc = 0;  ///< partial rank correlation coefficient in [-1, 1] (NaN: undefined)
};

struct MetricSensitivity {
    std::string metric;
    std::size_t rows = 0;  ///< rows with the metric defined
    double r_squared = 0;  ///< of the regression behind the SRCs (NaN when not computed)
    std::vector<ParameterInfluence> influences;  ///< by decreasing |SRC|
    std::string note;  ///< why nothing was computed ("constant", ...); empty otherwise
};

/// Analyses one metric. `columns[j][i]` is parameter j in row i; `metric[i]`
/// the metric in row i (non-finite values leave their row out). Needs more
/// rows than non-constant parameters plus one, and a metric that varies.
MetricSensitivity analyze_sensitivity(const std::string& metric_name,
                                      const std::vector<std::string>& parameters,
                                      const std::vector<std::vector<double>>& columns,
                                      const std::vector<double>& metric);

/// sensitivity.csv: metric,parameter,rank,src,prcc,r_squared,rows, one row
/// per influence, figures as every report CSV prints them (10 significant
/// digits; empty when undefined). Results whose `note` is set have no row.
std::string sensitivity_csv(std::span<const MetricSensitivity> results);

/// results.csv read for analysis.
struct SweepResults {
    std::vector<std::string> parameters;       ///< numeric parameters, in file order
    std::vector<std::vector<double>> columns;  ///< their values, one vector per parameter
    std::vector<std::string> metrics;
    std::vector<std::vector<double>> values;  ///< per metric; NaN for an empty field
    std::vector<std::string> left_out;        ///< "path: why" for parameters not analysed
};

/// Reads a results.csv written by `mmsim sweep` or `mmsim merge`.
/// `parameters` names the parameter columns; when empty they are read from
/// the manifest.json beside the file. A parameter is numeric when every value
/// is a number, all with the same unit suffix (3d, 36h...; the unit is
/// dropped); other parameters are left out with a reason. Throws
/// ScenarioError (`file:line:col`) on a malformed file.
SweepResults read_sweep_results(const std::string& file, std::vector<std::string> parameters = {});

}  // namespace mmsim
