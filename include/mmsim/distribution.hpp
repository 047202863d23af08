#pragma once
// A probability distribution of a non-negative quantity (a duration in hours,
// or a plain number), as written in a scenario:
//   45min                                  fixed
//   {dist: fixed, value: 2d}
//   {dist: uniform, min: 1d, max: 3d}
//   {dist: exponential, mean: 45min}
//   {dist: normal, mean: 2d, sd: 12h}     (truncated at 0 by redrawing)
//   {dist: lognormal, median: 2d, sigma: 0.6}
//   {dist: triangular, min: 0d, mode: 2d, max: 10d}
//   {dist: empirical, values: [1d, 2d, 5d], weights: [0.5, 0.3, 0.2]}

#include <vector>

#include "mmsim/rng.hpp"

namespace mmsim {

struct Distribution {
    enum class Kind { fixed, uniform, exponential, normal, lognormal, triangular, empirical };
    Kind kind = Kind::fixed;
    /// fixed: value; uniform: min,max; exponential: mean; normal: mean, sd;
    /// lognormal: median, sigma; triangular: min, mode, max.
    double p1 = 0, p2 = 0, p3 = 0;
    /// empirical: the values and their (positive-sum) weights.
    std::vector<double> values, weights;

    static Distribution fixed(double value) { return {Kind::fixed, value, 0, 0, {}, {}}; }
    static Distribution exponential(double mean) { return {Kind::exponential, mean, 0, 0, {}, {}}; }
};

/// One draw. Never negative for a valid distribution.
double sample(const Distribution& dist, Rng& rng);

/// The exact mean of the distribution. For `normal` that is the mean of the
/// normal truncated at 0, mu + sd * phi(a) / (1 - Phi(a)) with a = -mu / sd
/// (sd == 0 gives max(mu, 0)), because that is what sample() draws.
double mean(const Distribution& dist);

}  // namespace mmsim
