#include "mmsim/statistics.hpp"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cmath>
#include <functional>
#include <limits>
#include <numbers>

namespace mmsim {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// I_x(a, b) with y = 1 - x passed separately: callers that know y exactly
// (the t CDF near t = 0) must not lose it to the subtraction 1 - x.
double incomplete_beta_xy(double x, double y, double a, double b) {
    if (x <= 0) return 0;
    if (y <= 0) return 1;
    // The continued fraction converges fast only left of the mean; use the
    // symmetry I_x(a, b) = 1 - I_y(b, a) on the other side.
    if (x > (a + 1.0) / (a + b + 2.0)) return 1.0 - incomplete_beta_xy(y, x, b, a);
    const double log_front = a * std::log(x) + b * std::log(y) - log_gamma(a) - log_gamma(b) +
                             log_gamma(a + b);
    const double front = std::exp(log_front) / a;

    // Modified Lentz evaluation of 1 / (1 + d1 / (1 + d2 / (1 + ...))).
    constexpr double tiny = 1e-300;
    constexpr double eps = 1e-16;
    auto guard = [](double v) { return std::fabs(v) < tiny ? tiny : v; };
    double c = 1.0;
    double d = 1.0 / guard(1.0 - (a + b) * x / (a + 1.0));
    double h = d;
    for (int m = 1; m <= 100000; ++m) {
        const double md = m;
        const double even = md * (b - md) * x / ((a + 2 * md - 1) * (a + 2 * md));
        d = 1.0 / guard(1.0 + even * d);
        c = guard(1.0 + even / c);
        h *= d * c;
        const double odd = -(a + md) * (a + b + md) * x / ((a + 2 * md) * (a + 2 * md + 1));
        d = 1.0 / guard(1.0 + odd * d);
        c = guard(1.0 + odd / c);
        const double delta = d * c;
        h *= delta;
        if (std::fabs(delta - 1.0) < eps) break;
    }
    return front * h;
}

// P(T > t) for t >= 0.
double t_upper_tail(double t, double df) {
    const double t2 = t * t;
    return 0.5 * incomplete_beta_xy(df / (df + t2), t2 / (df + t2), 0.5 * df, 0.5);
}

double t_density(double t, double df) {
    const double log_norm = log_gamma(0.5 * (df + 1)) - log_gamma(0.5 * df) -
                            0.5 * std::log(df * std::numbers::pi);
    return std::exp(log_norm - 0.5 * (df + 1) * std::log1p(t * t / df));
}

// Cornish-Fisher expansion of the t quantile around the normal one
// (Abramowitz & Stegun 26.7.5); error O(df^-4).
double t_quantile_expansion(double z, double df) {
    const double z2 = z * z;
    const double g1 = z * (z2 + 1) / 4;
    const double g2 = z * ((5 * z2 + 16) * z2 + 3) / 96;
    const double g3 = z * (((3 * z2 + 19) * z2 + 17) * z2 - 15) / 384;
    return z + g1 / df + g2 / (df * df) + g3 / (df * df * df);
}

struct Moments {
    std::size_t n = 0;
    double mean = kNaN;
    double variance = kNaN;  // divisor n - 1
};

template <class ValueAt>
Moments moments(std::size_t size, ValueAt value_at) {
    Moments m;
    double sum = 0;
    for (std::size_t i = 0; i < size; ++i) {
        const double x = value_at(i);
        if (!std::isfinite(x)) continue;
        sum += x;
        ++m.n;
    }
    if (m.n == 0) return m;
    m.mean = sum / static_cast<double>(m.n);
    double sum_sq = 0;
    for (std::size_t i = 0; i < size; ++i) {
        const double x = value_at(i);
        if (std::isfinite(x)) sum_sq += (x - m.mean) * (x - m.mean);
    }
    m.variance = m.n > 1 ? sum_sq / static_cast<double>(m.n - 1) : kNaN;
    return m;
}

// The summary of a sample with moments `m`; `t` is the Student-t quantile of
// the interval for m.n - 1 degrees of freedom (unused when m.n < 2).
Summary summary_of(const Moments& m, double t) {
    Summary s;
    s.n = m.n;
    if (m.n == 0) {
        s.mean = s.sd = s.ci_low = s.ci_high = kNaN;
        return s;
    }
    s.mean = m.mean;
    if (m.n == 1) {
        s.sd = 0;
        s.ci_low = s.ci_high = s.mean;
        return s;
    }
    s.sd = std::sqrt(m.variance);
    const double half = t * s.sd / std::sqrt(static_cast<double>(m.n));
    s.ci_low = s.mean - half;
    s.ci_high = s.mean + half;
    return s;
}

// The Student-t quantile of a two-sided `confidence` interval from n values
// (NaN for fewer than 2).
double interval_quantile(std::size_t n, double confidence) {
    return n < 2 ? kNaN : student_t_quantile(0.5 + 0.5 * confidence, static_cast<double>(n - 1));
}

Difference difference_interval(double diff, double se, double df, double confidence) {
    Difference result;
    result.diff = diff;
    result.df = df;
    if (!(se > 0)) {
        result.ci_low = result.ci_high = diff;
        result.significant = diff != 0;
        return result;
    }
    const double half = student_t_quantile(0.5 + 0.5 * confidence, df) * se;
    result.ci_low = diff - half;
    result.ci_high = diff + half;
    result.significant = result.ci_low > 0 || result.ci_high < 0;
    return result;
}

Difference undefined_difference(double diff) {
    return Difference{diff, kNaN, kNaN, kNaN, false};
}

// Welch's interval from each side's mean, sample variance and count (n >= 2).
Difference welch_interval(const Moments& a, const Moments& b, double confidence) {
    const double diff = a.mean - b.mean;
    const double va = a.variance / static_cast<double>(a.n);
    const double vb = b.variance / static_cast<double>(b.n);
    const double se2 = va + vb;
    double df = static_cast<double>(a.n + b.n - 2);
    if (se2 > 0) {
        df = se2 * se2 /
             (va * va / static_cast<double>(a.n - 1) + vb * vb / static_cast<double>(b.n - 1));
    }
    return difference_interval(diff, std::sqrt(se2), df, confidence);
}

// Moves the values of [first, last) for which goes_left(x) holds to the front
// and returns the end of them. No branch on goes_left: each value is swapped
// with the first one not going left, and that boundary moves on by the
// test's result (Lomuto's scheme). On samples in random order a branch on
// the test would be mispredicted about half the time.
template <class GoesLeft>
double* partition_without_branches(double* first, double* last, GoesLeft goes_left) {
    double* boundary = first;
    for (double* p = first; p != last; ++p) {
        const double x = *p;
        const bool left = goes_left(x);
        *p = *boundary;
        *boundary = x;
        boundary += left;
    }
    return boundary;
}

// std::nth_element for values without NaN: the value that sorting would put
// at `nth` goes there, none greater before it and none smaller after. A
// quickselect on partition_without_branches(), with a median-of-three pivot;
// the pivot's equals are gathered after it in a second pass, so a sample
// with many equal values (zero response times) stays linear. After 2 log2(n)
// rounds, which only an adversarial order takes, std::nth_element finishes.
void select_nth(double* first, double* nth, double* last) {
    constexpr std::ptrdiff_t kSmall = 16;  // a range this short is sorted
    int rounds = 2 * std::bit_width(static_cast<std::size_t>(last - first));
    while (last - first > kSmall) {
        if (--rounds < 0) {
            std::nth_element(first, nth, last);
            return;
        }
        double* mid = first + (last - first) / 2;
        // The median of the first, middle and last values, moved to the end.
        if (*mid < *first) std::swap(*mid, *first);
        if (last[-1] < *mid) std::swap(last[-1], *mid);
        if (*mid < *first) std::swap(*mid, *first);
        std::swap(*mid, last[-1]);
        const double pivot = last[-1];
        auto below = [pivot](double x) { return x < pivot; };
        auto not_above = [pivot](double x) { return !(pivot < x); };
        double* const equal = partition_without_branches(first, last - 1, below);
        std::swap(*equal, last[-1]);  // [first, equal) < pivot <= [equal + 1, last)
        if (nth < equal) {
            last = equal;
            continue;
        }
        double* const greater = partition_without_branches(equal + 1, last, not_above);
        if (nth < greater) return;  // [equal, greater) are the pivot's equals
        first = greater;
    }
    std::sort(first, last);
}

}  // namespace

double log_gamma(double x) {
    assert(x > 0);
    // Gamma(x) = Gamma(x + k) / (x (x + 1) ... (x + k - 1)).
    double shift_product = 1.0;
    while (x < 15.0) {
        shift_product *= x;
        x += 1.0;
    }
    const double inv = 1.0 / x;
    const double inv2 = inv * inv;
    const double series =
        inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 * (1.0 / 1680 - inv2 / 1188))));
    const double half_log_two_pi = 0.91893853320467274178;
    return (x - 0.5) * std::log(x) - x + half_log_two_pi + series - std::log(shift_product);
}

double incomplete_beta(double x, double a, double b) {
    assert(x >= 0 && x <= 1 && a > 0 && b > 0);
    return incomplete_beta_xy(x, 1.0 - x, a, b);
}

double normal_quantile(double p) {
    assert(p >= 0 && p <= 1);
    if (p == 0) return -kInf;
    if (p == 1) return kInf;
    if (p == 0.5) return 0;
    const double q = p < 0.5 ? p : 1.0 - p;  // upper-tail probability of |x|
    const double t = std::sqrt(-2.0 * std::log(q));
    double x = t - (2.515517 + t * (0.802853 + t * 0.010328)) /
                       (1.0 + t * (1.432788 + t * (0.189269 + t * 0.001308)));
    for (int step = 0; step < 4; ++step) {
        const double error = 0.5 * std::erfc(x / std::numbers::sqrt2) - q;
        const double density = std::exp(-0.5 * x * x) / std::sqrt(2.0 * std::numbers::pi);
        if (!(density > 0)) break;  // q so small that the density underflows
        const double u = error / density;
        x += u / (1.0 + 0.5 * x * u);
    }
    return p < 0.5 ? -x : x;
}

double student_t_quantile(double p, double df) {
    assert(p >= 0 && p <= 1 && df > 0);
    if (p == 0) return -kInf;
    if (p == 1) return kInf;
    if (p == 0.5) return 0;
    const double sign = p < 0.5 ? -1.0 : 1.0;
    const double q = p < 0.5 ? p : 1.0 - p;  // target upper tail of |t|
    if (df == 1) return sign * std::tan(std::numbers::pi * (0.5 - q));
    if (df == 2) return sign * (1.0 - 2.0 * q) / std::sqrt(2.0 * q * (1.0 - q));
    const double z = -normal_quantile(q);  // not of 1 - q: that rounds q away
    if (df > 1e4) return sign * t_quantile_expansion(z, df);

    // Newton on P(T > t) = q, kept inside a shrinking bracket [low, high]
    // (falling back to bisection), since heavy tails at small df can send a
    // raw Newton step far off.
    double t = std::max(t_quantile_expansion(z, df), z);
    double low = 0, high = std::max(t, 1e-300);  // doubling must start above 0
    while (t_upper_tail(high, df) > q) {
        low = high;
        high *= 2;
    }
    t = std::clamp(t, low, high);
    for (int iteration = 0; iteration < 400; ++iteration) {
        const double tail = t_upper_tail(t, df);
        if (tail == q) break;
        if (tail > q) {
            low = t;
        } else {
            high = t;
        }
        double next = t + (tail - q) / t_density(t, df);
        if (!(next > low && next < high)) {
            next = (low > 0 && high > 4 * low) ? std::sqrt(low * high) : 0.5 * (low + high);
        }
        if (std::fabs(next - t) <= 1e-14 * t || high - low <= 1e-15 * high) {
            t = next;
            break;
        }
        t = next;
    }
    return sign * t;
}

double quantile(std::vector<double>& values, double q) {
    assert(q >= 0 && q <= 1);
    auto end = std::partition(values.begin(), values.end(),
                              [](double x) { return !std::isnan(x); });
    // Callers often ask several quantiles of one sample: sort it once.
    if (!std::is_sorted(values.begin(), end)) std::sort(values.begin(), end);
    const auto n = static_cast<std::size_t>(end - values.begin());
    if (n == 0) return kNaN;
    const double h = static_cast<double>(n - 1) * q;
    const auto below = static_cast<std::size_t>(std::floor(h));
    if (below + 1 >= n) return values[n - 1];
    const double fraction = h - static_cast<double>(below);
    return values[below] + fraction * (values[below + 1] - values[below]);
}

void quantiles(std::vector<double>& values, std::span<const double> qs, std::span<double> out) {
    assert(qs.size() == out.size());
    const auto end = std::partition(values.begin(), values.end(),
                                    [](double x) { return !std::isnan(x); });
    const auto n = static_cast<std::size_t>(end - values.begin());
    // Order statistics below `selected` are placed; each q only looks right
    // of the previous one (qs ascending).
    std::size_t selected = 0;
    for (std::size_t i = 0; i < qs.size(); ++i) {
        assert(qs[i] >= 0 && qs[i] <= 1 && (i == 0 || qs[i - 1] <= qs[i]));
        if (n == 0) {
            out[i] = kNaN;
            continue;
        }
        const double h = static_cast<double>(n - 1) * qs[i];
        const auto below = static_cast<std::size_t>(std::floor(h));
        if (below >= selected) {
            select_nth(values.data() + selected, values.data() + below, values.data() + n);
            selected = below + 1;
        }
        if (below + 1 >= n) {
            out[i] = values[n - 1];
            continue;
        }
        // Same arithmetic as quantile(), so the same digits.
        const double next = *std::min_element(values.begin() + static_cast<std::ptrdiff_t>(below + 1), end);
        const double fraction = h - static_cast<double>(below);
        out[i] = values[below] + fraction * (next - values[below]);
    }
}

Summary summarize(std::span<const double> values, double confidence) {
    assert(confidence > 0 && confidence < 1);
    const Moments m = moments(values.size(), [&](std::size_t i) { return values[i]; });
    return summary_of(m, interval_quantile(m.n, confidence));
}

std::vector<Summary> summarize_columns(std::size_t rows, std::size_t columns,
                                       const std::function<std::span<const double>(std::size_t)>& row,
                                       double confidence) {
    assert(confidence > 0 && confidence < 1);
    // moments() column by column, each sum taken in row order as there. The
    // sums gather in the result itself (n, then the sum in `mean` and the sum
    // of squares in `sd`): a report summarises every day of every series
    // here, and temporaries of that size cost more than the arithmetic.
    std::vector<Summary> out(columns);
    if (rows == 1) {  // one value a column: no sums needed
        const std::span<const double> values = row(0);
        assert(values.size() == columns);
        for (std::size_t j = 0; j < columns; ++j)
            out[j] = summarize_one(values[j]);
        return out;
    }
    for (std::size_t r = 0; r < rows; ++r) {
        const std::span<const double> values = row(r);
        assert(values.size() == columns);
        for (std::size_t j = 0; j < columns; ++j) {
            if (!std::isfinite(values[j])) continue;
            out[j].mean += values[j];
            ++out[j].n;
        }
    }
    for (Summary& s : out) s.mean = s.n > 0 ? s.mean / static_cast<double>(s.n) : kNaN;
    for (std::size_t r = 0; r < rows; ++r) {
        const std::span<const double> values = row(r);
        for (std::size_t j = 0; j < columns; ++j)
            if (std::isfinite(values[j])) out[j].sd += (values[j] - out[j].mean) * (values[j] - out[j].mean);
    }
    std::size_t quantile_n = 0;  // the columns mostly share n: one quantile for each n in a row
    double t = kNaN;
    for (Summary& s : out) {
        Moments m{s.n, s.mean, kNaN};
        if (m.n > 1) m.variance = s.sd / static_cast<double>(m.n - 1);
        if (m.n != quantile_n) {
            quantile_n = m.n;
            t = interval_quantile(quantile_n, confidence);
        }
        s = summary_of(m, t);
    }
    return out;
}

Difference welch(std::span<const double> a, std::span<const double> b, double confidence) {
    assert(confidence > 0 && confidence < 1);
    const Moments ma = moments(a.size(), [&](std::size_t i) { return a[i]; });
    const Moments mb = moments(b.size(), [&](std::size_t i) { return b[i]; });
    if (ma.n < 2 || mb.n < 2) return undefined_difference(ma.mean - mb.mean);
    return welch_interval(ma, mb, confidence);
}

Difference welch(const Summary& a, const Summary& b, double confidence) {
    assert(confidence > 0 && confidence < 1);
    if (a.n < 2 || b.n < 2 || !std::isfinite(a.sd) || !std::isfinite(b.sd))
        return undefined_difference(a.mean - b.mean);
    return welch_interval(Moments{a.n, a.mean, a.sd * a.sd}, Moments{b.n, b.mean, b.sd * b.sd},
                          confidence);
}

Difference paired(std::span<const double> a, std::span<const double> b, double confidence) {
    assert(a.size() == b.size());
    assert(confidence > 0 && confidence < 1);
    // a_i - b_i is non-finite exactly when a member is (or both are equal
    // infinities, which carry no difference either), so moments() skips them.
    const Moments m = moments(a.size(), [&](std::size_t i) { return a[i] - b[i]; });
    if (m.n < 2) return undefined_difference(m.mean);
    const double n = static_cast<double>(m.n);
    return difference_interval(m.mean, std::sqrt(m.variance / n), n - 1, confidence);
}

void RunningStats::add(double x) {
    assert(std::isfinite(x));
    ++count_;
    const double delta = x - mean_;
    mean_ += delta / static_cast<double>(count_);
    sum_sq_dev_ += delta * (x - mean_);
    if (count_ == 1) {
        min_ = max_ = x;
    } else {
        min_ = std::min(min_, x);
        max_ = std::max(max_, x);
    }
}

double RunningStats::mean() const { return count_ == 0 ? kNaN : mean_; }

double RunningStats::variance() const {
    return count_ < 2 ? 0.0 : sum_sq_dev_ / static_cast<double>(count_ - 1);
}

double RunningStats::sd() const { return std::sqrt(variance()); }
double RunningStats::min() const { return count_ == 0 ? kNaN : min_; }
double RunningStats::max() const { return count_ == 0 ? kNaN : max_; }

void TimeAverage::update(Hours time_h, double new_value) {
    assert(time_h >= last_h_);
    integral_ += value_ * (time_h - last_h_);
    duration_h_ += time_h - last_h_;
    last_h_ = time_h;
    value_ = new_value;
    max_ = std::max(max_, new_value);
}

void TimeAverage::add(double value, Hours from_h, Hours to_h) {
    assert(from_h <= to_h);
    integral_ += value * (to_h - from_h);
    duration_h_ += to_h - from_h;
    max_ = std::max(max_, value);
}

double TimeAverage::mean() const { return duration_h_ > 0 ? integral_ / duration_h_ : kNaN; }

double TimeAverage::mean_until(Hours until_h) const {
    assert(until_h >= last_h_);
    const Hours covered = duration_h_ + (until_h - last_h_);
    return covered > 0 ? (integral_ + value_ * (until_h - last_h_)) / covered : kNaN;
}

}  // namespace mmsim
