#pragma once
// Random numbers that are the same on every platform. std::*_distribution
// output differs between standard libraries, so mmsim has its own generator
// (xoshiro256**) and its own samplers. Every stream is derived from
// (seed, replication, purpose) by SplitMix64 mixing, so a replication's draws do
// not depend on which thread runs it or in which order.

#include <cstdint>
#include <span>

namespace mmsim {

/// What a stream is used for. Each purpose has its own stream, so adding a draw
/// for one purpose does not shift the draws of another.
enum class Purpose : std::uint64_t {
    arrivals = 1,
    attrition = 2,
    incidents = 3,
    service = 4,
    pledges = 5,
    vehicles = 6,
    dispatch = 7,
    sweep_design = 8,
    patience = 9,  ///< one stream per incident class (the four-argument constructor)
};

/// xoshiro256** seeded from (seed, replication, purpose).
class Rng {
public:
    using result_type = std::uint64_t;

    Rng(std::uint64_t seed, std::uint64_t replication, Purpose purpose);
    /// Stream `index` of a purpose that has one per item (one per incident
    /// class, say), so that items do not shift each other's draws.
    Rng(std::uint64_t seed, std::uint64_t replication, Purpose purpose, std::uint64_t index);
    /// A stream from a single 64-bit key (tests, benchmarks).
    explicit Rng(std::uint64_t key);

    /// Next 64 random bits.
    std::uint64_t next();
    /// Uniform on [0, 1) with 53 random bits.
    double uniform01();

    static constexpr result_type min() { return 0; }
    static constexpr result_type max() { return ~result_type{0}; }
    result_type operator()() { return next(); }

private:
    std::uint64_t state_[4];
};

/// SplitMix64 finaliser: a bijective 64-bit mixer.
std::uint64_t mix64(std::uint64_t x);

// Samplers. Each documents its parameters' meaning and preconditions; none
// allocates.

/// Uniform on [low, high); low <= high.
double sample_uniform(Rng& rng, double low, double high);
/// Exponential with the given mean (> 0); mean 0 gives 0.
double sample_exponential(Rng& rng, double mean);
/// Standard normal scaled: mean + sd * Z (polar Box-Muller; no cached value,
/// so the draw count per call is fixed by the rejection loop only).
double sample_normal(Rng& rng, double mean, double sd);
/// Lognormal given its median (> 0) and sigma (>= 0) of the underlying normal:
/// median * exp(sigma * Z).
double sample_lognormal(Rng& rng, double median, double sigma);
/// Triangular on [low, high] with the given mode; low <= mode <= high.
double sample_triangular(Rng& rng, double low, double mode, double high);
/// Poisson with the given mean (>= 0). Exact: multiplication method for small
/// means, PTRS transformed rejection (Hörmann 1993) for mean >= 10.
std::uint64_t sample_poisson(Rng& rng, double mean);
/// Binomial(n, p) by inversion for small n*p, otherwise by summing
/// geometric gaps; exact for all n, p in [0, 1].
std::uint64_t sample_binomial(Rng& rng, std::uint64_t n, double p);
/// True with probability p in [0, 1].
bool sample_bernoulli(Rng& rng, double p);
/// Index i with probability weights[i] / sum(weights); weights >= 0 with a
/// positive sum.
std::size_t sample_discrete(Rng& rng, std::span<const double> weights);

}  // namespace mmsim
