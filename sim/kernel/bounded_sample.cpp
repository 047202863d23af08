#include "mmsim/bounded_sample.hpp"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <limits>

#include "mmsim/statistics.hpp"

namespace mmsim {
namespace {

constexpr int kBinsPerOctave = 1024;
constexpr int kLowestOctave = -16;  // the lowest bin ends at 2^-16
constexpr int kOctaves = 48;        // ... the highest at 2^32
constexpr std::size_t kBins = static_cast<std::size_t>(kBinsPerOctave) * kOctaves;
// Zeros are counted in one more slot, after the bins: a value goes to
// bins_[value == 0 ? kZeros : bin_of(value)], without a branch, which would
// be mispredicted (a third of response times can be zero, at random).
constexpr std::size_t kZeros = kBins;

// The bin (lo, hi] holding v > 0, read from v's bits. For a normal v =
// (1 + m / 2^52) 2^E, the octave is [2^E, 2^(E+1)) and v lies in its bin
// ceil(m / 2^42) - 1 = (m - 1) >> 42 of 1024; m = 0 (a power of two) is the
// top edge of the octave below. Subnormals, and infinity, clamp to the ends.
std::size_t bin_of(double v) {
    static_assert(kBinsPerOctave == 1 << 10 && std::numeric_limits<double>::digits == 53);
    const auto bits = std::bit_cast<std::uint64_t>(v);
    const std::uint64_t mantissa = bits & ((std::uint64_t{1} << 52) - 1);
    int octave = static_cast<int>(bits >> 52) - 1023;
    long sub = 0;
    if (mantissa == 0) {
        sub = kBinsPerOctave - 1;
        --octave;
    } else {
        sub = static_cast<long>((mantissa - 1) >> 42);
    }
    const long bin = static_cast<long>(octave - kLowestOctave) * kBinsPerOctave + sub;
    return static_cast<std::size_t>(std::clamp<long>(bin, 0, static_cast<long>(kBins) - 1));
}

double lower_edge(std::size_t bin) {
    const int octave = static_cast<int>(bin / kBinsPerOctave) + kLowestOctave;
    const auto sub = static_cast<double>(bin % kBinsPerOctave);
    return std::ldexp(1.0 + sub / kBinsPerOctave, octave);
}

double upper_edge(std::size_t bin) { return lower_edge(bin + 1); }

}  // namespace

BoundedSample::BoundedSample(std::size_t exact_limit) : exact_limit_(exact_limit) {}

// NaN, or the value past the exact limit, or any value after it.
void BoundedSample::add_slowly(double value) {
    if (std::isnan(value)) return;
    assert(value >= 0);
    if (exact()) to_histogram();
    min_ = count_ == 0 ? value : std::min(min_, value);
    max_ = count_ == 0 ? value : std::max(max_, value);
    ++count_;
    ++bins_[value == 0 ? kZeros : bin_of(value)];
}

void BoundedSample::to_histogram() {
    bins_.assign(kBins + 1, 0);
    if (!values_.empty()) {
        const auto [low, high] = std::minmax_element(values_.begin(), values_.end());
        min_ = *low;
        max_ = *high;
    }
    for (double v : values_) ++bins_[v == 0 ? kZeros : bin_of(v)];
    std::vector<double>().swap(values_);  // give the memory back
}

void BoundedSample::sort_values() {
    if (sorted_) return;
    std::sort(values_.begin(), values_.end());
    sorted_ = true;
}

double BoundedSample::quantile(double q) {
    assert(q >= 0 && q <= 1);
    if (exact()) {
        if (sorted_) return mmsim::quantile(values_, q);  // no sort needed
        double value = 0;
        mmsim::quantiles(values_, std::span<const double>(&q, 1), std::span<double>(&value, 1));
        return value;
    }
    // As mmsim::quantile(), with each order statistic estimated in its bin.
    const double h = static_cast<double>(count_ - 1) * q;
    const auto below = static_cast<std::uint64_t>(std::floor(h));
    const double low = order_statistic_in_bins(below);
    if (below + 1 >= count_) return low;
    const double fraction = h - static_cast<double>(below);
    return low + fraction * (order_statistic_in_bins(below + 1) - low);
}

// The value of 0-based rank `rank`, assuming a bin's values spread evenly
// over it; the extremes are known exactly.
double BoundedSample::order_statistic_in_bins(std::uint64_t rank) const {
    if (rank == 0) return min_;
    if (rank + 1 == count_) return max_;
    const std::uint64_t zeros = bins_[kZeros];
    if (rank < zeros) return 0;
    std::uint64_t before = zeros;
    for (std::size_t bin = 0; bin < kBins; ++bin) {
        const std::uint64_t n = bins_[bin];
        if (rank < before + n) {
            const double lo = lower_edge(bin), hi = upper_edge(bin);
            const double within = (static_cast<double>(rank - before) + 0.5) / static_cast<double>(n);
            return std::clamp(lo + (hi - lo) * within, min_, max_);
        }
        before += n;
    }
    return max_;
}

std::uint64_t BoundedSample::count_at_most(double x) {
    if (exact()) {
        sort_values();
        return static_cast<std::uint64_t>(std::upper_bound(values_.begin(), values_.end(), x) -
                                          values_.begin());
    }
    if (x < 0) return 0;
    std::uint64_t total = bins_[kZeros];
    if (x == 0) return total;
    const std::size_t last = bin_of(x);  // the bin (lo, hi] holding x
    for (std::size_t bin = 0; bin < last; ++bin) total += bins_[bin];
    if (x >= upper_edge(last)) total += bins_[last];
    return total;
}

}  // namespace mmsim
