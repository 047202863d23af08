#pragma once
// Statistics of simulation output: summaries across replications with Student-t
// confidence intervals, differences between two configurations (Welch and
// paired), empirical quantiles, and online accumulators used during a run.
// Everything here is computed in a fixed order with mmsim's own special
// functions, so the same values give the same digits on every platform.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <span>
#include <vector>

#include "mmsim/time.hpp"

namespace mmsim {

/// A figure that is undefined (no data, a zero denominator): reports print
/// it as null, CSV files as an empty field.
inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// numerator / denominator, undefined (NaN) unless the denominator is positive:
/// a rate or share of nothing is no figure.
inline double ratio(double numerator, double denominator) {
    return denominator > 0 ? numerator / denominator : kNaN;
}

/// The plain mean of `values`, summed in order; NaN when empty.
inline double mean_of(std::span<const double> values) {
    double sum = 0;
    for (double v : values) sum += v;
    return values.empty() ? kNaN : sum / static_cast<double>(values.size());
}

/// Mean, standard deviation and confidence interval of one figure across
/// replications.
struct Summary {
    /// Number of finite values used (NaN and infinite values are skipped).
    std::size_t n = 0;
    /// Sample mean of the finite values.
    double mean = 0;
    /// Sample standard deviation (divisor n - 1); 0 when n == 1.
    double sd = 0;
    /// Two-sided Student-t interval mean -/+ t(1 - (1 - confidence) / 2, n - 1)
    /// * sd / sqrt(n). With n == 1 both ends equal the mean.
    double ci_low = 0, ci_high = 0;
};

/// summarize() of one value, without the arithmetic: n 1 and an interval of
/// width 0, or n 0 and NaN everywhere when the value is not finite.
inline Summary summarize_one(double value) {
    if (!std::isfinite(value)) return {0, kNaN, kNaN, kNaN, kNaN};
    return {1, value, 0, value, value};
}

/// Summarises `values` with a `confidence` (in (0, 1)) Student-t interval.
/// Non-finite values are skipped; with no finite value every field but n is NaN.
Summary summarize(std::span<const double> values, double confidence = 0.95);

/// summarize() of each column of a table of `rows` x `columns` values that is
/// stored row by row, `row(r)` giving row r (`columns` values): the same
/// digits as summarize() of each column gathered, without the gathering. The
/// rows are read in order, twice, which is what makes it fast when each row is
/// an array of its own (a replication's daily series: a column is a day).
std::vector<Summary> summarize_columns(std::size_t rows, std::size_t columns,
                                       const std::function<std::span<const double>(std::size_t)>& row,
                                       double confidence = 0.95);

/// The p-quantile (0 < p < 1) of Student's t distribution with `df` > 0 degrees
/// of freedom (fractional df allowed). Exact formulas for df = 1 and 2; otherwise
/// Newton steps on the CDF, written with the regularised incomplete beta
/// function, to a relative accuracy of about 1e-12. p = 0 or 1 gives -/+inf.
double student_t_quantile(double p, double df);

/// The p-quantile of the standard normal distribution, p in [0, 1]: a rational
/// first guess (Abramowitz & Stegun 26.2.23) refined by Halley steps on erfc,
/// accurate to about 1e-15 relative. p = 0 or 1 gives -/+inf.
double normal_quantile(double p);

/// ln Gamma(x) for x > 0, from the Stirling series after shifting x to >= 15;
/// absolute error about 1e-14. Thread-safe (unlike std::lgamma, which writes
/// the global signgam) and identical on every platform.
double log_gamma(double x);

/// Regularised incomplete beta function I_x(a, b) for x in [0, 1], a, b > 0,
/// by Lentz's continued fraction.
double incomplete_beta(double x, double a, double b);

/// The q-quantile (q in [0, 1]) of `values` by linear interpolation between
/// order statistics (Hyndman & Fan type 7, the default of R and NumPy):
/// h = (n - 1) q, x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]).
/// Sorts `values` in place, NaN values moved to the end and ignored. NaN when
/// no value is left.
double quantile(std::vector<double>& values, double q);

/// quantile(values, qs[i]) for every i, written to out[i] (out.size() ==
/// qs.size(), qs ascending), found by selection in O(n) instead of a sort:
/// the same numbers, in less time. Reorders `values` (not sorted).
void quantiles(std::vector<double>& values, std::span<const double> qs, std::span<double> out);

/// A difference of means, a - b, with its confidence interval.
struct Difference {
    double diff = 0;             ///< mean(a) - mean(b)
    double ci_low = 0, ci_high = 0;
    double df = 0;               ///< degrees of freedom of the t interval
    bool significant = false;    ///< the interval excludes 0
};

/// Welch's unequal-variance interval for mean(a) - mean(b) from independent
/// samples (e.g. two scenarios run with different seeds). Standard error
/// se = sqrt(s_a^2 / n_a + s_b^2 / n_b); Welch-Satterthwaite degrees of freedom
/// df = se^4 / ((s_a^2 / n_a)^2 / (n_a - 1) + (s_b^2 / n_b)^2 / (n_b - 1));
/// interval diff -/+ t(1 - (1 - confidence) / 2, df) se. Non-finite values are
/// skipped. Needs n >= 2 finite values on each side, otherwise the interval and
/// df are NaN and significant is false. When se == 0 the interval is [diff, diff],
/// df = n_a + n_b - 2, and the difference is significant when diff != 0.
Difference welch(std::span<const double> a, std::span<const double> b,
                 double confidence = 0.95);

/// Welch's interval for a.mean - b.mean from two summaries alone (mean, sd and
/// n, as report.json records them), with the formulas of the overload above.
/// Needs n >= 2 and a finite sd on each side, otherwise the interval and df are
/// NaN and significant is false.
Difference welch(const Summary& a, const Summary& b, double confidence = 0.95);

/// Paired interval for mean(a_i - b_i), for samples matched by index (e.g. two
/// scenarios run with common random numbers: the same seed and replication);
/// a and b must have the same length. Pairs with a non-finite member are
/// skipped; df = pairs - 1. Fewer than 2 pairs give a NaN interval and df;
/// zero spread of the differences is treated as in welch().
Difference paired(std::span<const double> a, std::span<const double> b,
                  double confidence = 0.95);

/// Online mean and variance of a stream of values (Welford's update, stable
/// for long runs).
class RunningStats {
public:
    /// Adds one finite value.
    void add(double x);
    std::uint64_t count() const { return count_; }
    /// Mean of the values added; NaN when none.
    double mean() const;
    /// Sample variance (divisor count - 1); 0 when count < 2.
    double variance() const;
    /// Square root of variance().
    double sd() const;
    /// Smallest and largest value added; NaN when none.
    double min() const;
    double max() const;

private:
    std::uint64_t count_ = 0;
    double mean_ = 0;
    double sum_sq_dev_ = 0;
    double min_ = 0, max_ = 0;
};

/// Time average of a piecewise-constant quantity (queue length, teams busy,
/// workload): (1 / T) * integral of value(t) dt. Either follow the quantity with
/// update(t, new_value) as it changes, or add() closed segments; both feed the
/// same integral and covered duration.
class TimeAverage {
public:
    /// Starts following at `start_h` with `initial_value`.
    explicit TimeAverage(Hours start_h = 0, double initial_value = 0)
        : last_h_(start_h), value_(initial_value), max_(initial_value) {}

    /// The quantity changes to `new_value` at `time_h` (>= last_time()): the
    /// old value is integrated over [last_time(), time_h).
    void update(Hours time_h, double new_value);
    /// Adds a closed segment: `value` held over [from_h, to_h), from_h <= to_h.
    /// Independent of update()'s current value and clock.
    void add(double value, Hours from_h, Hours to_h);

    /// Current value and the time it was set.
    double value() const { return value_; }
    Hours last_time() const { return last_h_; }
    /// Largest value seen (by update(), add() or the initial value).
    double max() const { return max_; }

    /// Integral (value x hours) and covered hours of the closed segments.
    double integral() const { return integral_; }
    Hours duration() const { return duration_h_; }
    /// integral() / duration(); NaN when nothing was covered.
    double mean() const;
    /// Mean with the current value extended to `until_h` (>= last_time());
    /// NaN when nothing is covered.
    double mean_until(Hours until_h) const;

private:
    Hours last_h_;
    double value_;
    double max_;
    double integral_ = 0;
    Hours duration_h_ = 0;
};

}  // namespace mmsim
