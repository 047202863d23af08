#pragma once
// A sample kept for its quantiles in bounded memory, so that a replication's
// memory does not grow with the events it processes.
//
// Up to `exact_limit` values are kept as they are: quantile() is then exactly
// mmsim::quantile() of the values, and count_at_most() is exact. The value
// after that moves the sample, for good, into a log-linear histogram: every
// power of two from 2^-16 to 2^32 split into 1024 equal bins (lo, hi], each
// 2^-10 (under 0.1%) of its values wide, plus an exact count of zeros and
// the exact minimum and maximum. Its quantiles are the type-7 interpolation
// of order statistics estimated within their bins, so each is within 0.1% of
// the exact value; count_at_most(x) stays exact when x is a bin edge, which
// includes 0 and every integer up to 2048. Values below 2^-16 count in the
// lowest bin, values above 2^32 in the highest (the estimate stays within the
// exact minimum and maximum).

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace mmsim {

class BoundedSample {
public:
    /// Values kept exactly by default: 2^17 (1 MiB of doubles).
    static constexpr std::size_t kDefaultExactLimit = std::size_t{1} << 17;

    explicit BoundedSample(std::size_t exact_limit = kDefaultExactLimit);

    /// Adds a value >= 0. NaN is ignored, as quantile() ignores it.
    void add(double value) {
        if (values_.size() < exact_limit_ && exact() && !std::isnan(value)) {
            values_.push_back(value);
            sorted_ = false;
            ++count_;
        } else {
            add_slowly(value);
        }
    }

    /// Values added (NaN excluded).
    std::uint64_t count() const { return count_; }
    /// True while every value is kept as it is (count() <= exact_limit).
    bool exact() const { return bins_.empty(); }

    /// The q-quantile, q in [0, 1], by type-7 interpolation (see
    /// mmsim::quantile()); NaN when empty. Exact while exact(), otherwise
    /// within 2^-10 of the exact value, relatively.
    double quantile(double q);

    /// Number of values <= x. Exact while exact(), and afterwards whenever x
    /// is a bin edge (0, every integer up to 2048, ...); otherwise the count
    /// up to the largest bin edge below x.
    std::uint64_t count_at_most(double x);

private:
    void add_slowly(double value);
    void to_histogram();
    void sort_values();
    double order_statistic_in_bins(std::uint64_t rank) const;

    std::size_t exact_limit_;
    std::uint64_t count_ = 0;
    std::vector<double> values_;  // exact mode
    bool sorted_ = true;
    std::vector<std::uint64_t> bins_;  // histogram mode; zeros in a last slot
    double min_ = 0, max_ = 0;
};

}  // namespace mmsim
