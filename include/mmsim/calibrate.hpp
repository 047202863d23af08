#pragma once
// Calibration (`mmsim calibrate CAL.yaml`): the values of a few scenario
// paths that make the model's daily series agree best with observed figures,
// each with a stated uncertainty.
//
// The fit is weighted least squares on common random numbers. For
// parameters theta, the model's figure m_i(theta) for observation i is the
// mean over replications 0..R-1 of its daily series on its date (the same
// replications, so the same random numbers, at every theta: the objective
// is a smooth, deterministic function of theta). The objective is
//     S(theta) = sum_i ((m_i(theta) - y_i) / sd_i)^2
// with y_i the observed value and sd_i its stated uncertainty. It is
// minimised inside the parameters' bounds by Nelder and Mead's simplex
// (Computer Journal 7(4), 1965) on the bounds scaled to [0, 1].
//
// Uncertainty: with J the Jacobian of the scaled residuals r_i = (m_i -
// y_i) / sd_i at the fit (central differences), the observations' own
// uncertainty gives the covariance (J'J)^-1 (the Gauss-Newton
// approximation; Bates and Watts, "Nonlinear regression analysis and its
// applications", 1988, ch. 2), and the simulation's (the standard error of
// each mean over R replications) adds (J'J)^-1 J' V J (J'J)^-1, V the
// diagonal of (se_i / sd_i)^2. A parameter the observations do not pin
// down (J'J singular or nearly so) is reported as not identified.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "mmsim/error.hpp"
#include "mmsim/time.hpp"
#include "mmsim/work_limits.hpp"

namespace mmsim {

/// A scenario path the fit may move, within [low, high].
struct CalibrationParameter {
    std::string path;
    double low = 0, high = 0;
    std::optional<double> start;  ///< first guess; default the middle
    bool integer = false;         ///< the path takes whole numbers only: values are rounded
    SourcePos pos;                ///< where the file names it
};

/// An observed figure: a daily series (TABLE.ENTITY.METRIC, e.g.
/// control.all.g) on a date, with its uncertainty (one standard
/// deviation, > 0) and where it comes from.
struct Observation {
    std::string table, entity, metric;
    Date date;
    double value = 0;
    double sd = 0;
    std::string source;
    SourcePos pos;

    std::string series() const { return table + "." + entity + "." + metric; }
};

/// A loaded, validated calibration file (scenarios/README.md, "Calibration").
struct Calibration {
    std::string name;
    std::string file;
    std::string scenario;                 ///< path of the scenario file
    std::vector<std::string> overrides;   ///< `set:` applied before the parameters
    std::vector<CalibrationParameter> parameters;
    std::vector<Observation> observations;
    int replications = 10;                ///< per evaluation, common random numbers
    std::optional<std::uint64_t> seed;    ///< default: the scenario's
    int max_evaluations = 200;            ///< of the objective, by the simplex
    /// One evaluation's scenario (its replications) is checked against
    /// these before it runs (check_work); the command line sets them.
    WorkLimits limits;
};

/// Loads a calibration file and checks it against its scenario (paths that
/// take numbers, series the scenario reports, dates in its horizon). Throws
/// ScenarioError with file:line:col for every problem.
Calibration load_calibration(const std::string& path);

struct CalibratedParameter {
    CalibrationParameter parameter;
    double value = 0;
    double se = 0;             ///< standard error (observations and simulation); NaN if not identified
    bool identified = true;
    bool at_bound = false;     ///< the fit stopped on a bound
};

struct FittedObservation {
    Observation observation;
    double model = 0;          ///< mean over the replications at the fit
    double model_se = 0;       ///< its standard error
    double residual = 0;       ///< (model - value) / sd
};

struct CalibrationResult {
    Calibration calibration;   ///< the problem solved (a copy)
    std::string scenario_name;
    std::uint64_t seed = 0;
    std::vector<CalibratedParameter> parameters;
    std::vector<FittedObservation> fit;
    double objective = 0;      ///< S at the fit (a chi-square with n - p degrees of freedom if the model holds)
    double objective_start = 0;
    int evaluations = 0;       ///< of the objective, each R replications
    bool converged = false;    ///< the simplex met its tolerance before max_evaluations
    /// The fitted daily series of each observed series, for the chart:
    /// mean and 95% bounds per day.
    struct Series {
        std::string name;
        std::vector<double> mean, low, high;
    };
    std::vector<Series> series;
    Date start;
};

/// Runs the fit on `threads` threads (0 = all cores); the same bytes out on
/// any number. `progress` (may be empty) gets the evaluations done.
CalibrationResult calibrate(const Calibration& calibration, int threads,
                            const std::function<void(int evaluations)>& progress);

/// The tables printed on stdout, calibrate.csv, calibrate.json and
/// calibrate.html (the fitted series against the observations).
std::string to_text(const CalibrationResult& result);
std::string to_csv(const CalibrationResult& result);
std::string to_json(const CalibrationResult& result);
std::string to_html(const CalibrationResult& result);

}  // namespace mmsim
