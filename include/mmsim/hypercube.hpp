#pragma once
// The hypercube queueing model of a dispatch system with N units and J atoms
// (zones), solved exactly for a few units and by Larson's approximation for
// many. Rates are per hour, times in hours.
//
// Model (Larson 1974, "A hypercube queuing model for facility location and
// redistricting in urban emergency services", Computers & Operations
// Research 1(1)). Calls arrive from atom j as a Poisson stream with rate
// lambda_j; every service time is exponential with the same rate mu, whoever
// serves. Atom j has a preference list, every unit once, nearest first: a
// call gets the first free unit of its list. When every unit is busy the call
// is lost (loss) or waits in one first-come first-served queue (fcfs) and is
// taken by the next unit to free, each unit equally likely (they serve at the
// same rate).
//
// hypercube_exact() solves the 2^N-state Markov chain (state = the set of
// busy units; in fcfs the all-busy state aggregates every queue length, which
// empties from a queue of 0 only, with probability 1 - r, r = lambda / (N mu),
// as in hypercube_two_units). hypercube_approximate() is Larson's A-hypercube
// (Larson 1975, "Approximating the performance of urban emergency service
// systems", Operations Research 23(5)): the probability that a call from atom
// j gets its k-th preferred unit is
//   Q(N, rho, k - 1) rho_{n_1} ... rho_{n_{k-1}} (1 - rho_{n_k}),
// with the unit workloads rho_n found by fixed-point iteration and the
// correction factor Q making the product exact when every unit is equally
// busy and the busy set, given its size m, is equally likely to be any m
// units (m follows the M/M/N or M/M/N/N distribution):
//   Q(N, rho, k) = sum_{m=k}^{N-1} P_m C(N-k-1, m-k) / C(N, m) / (rho^k (1 - rho)).

#include <vector>

#include "mmsim/analytic.hpp"

namespace mmsim {

/// The inputs of a hypercube model.
struct HypercubeInput {
    int units = 0;                              ///< N >= 1
    std::vector<double> atom_rate_per_h;        ///< lambda_j >= 0, one per atom
    /// preferences[j]: the units (0 .. N-1) in atom j's dispatch order, each once.
    std::vector<std::vector<int>> preferences;
    double service_rate_per_h = 1;              ///< mu > 0, every unit
    HypercubeQueue queue = HypercubeQueue::fcfs;
    /// Optional, one per unit: units of equal group are interchangeable (posted
    /// together, tied in every list). The approximation gives them one
    /// workload, their mean: the order in which ties are broken is arbitrary,
    /// and without this, units deep in a shared list get spurious workloads
    /// near 1. Ignored by hypercube_exact(). Empty: every unit on its own.
    std::vector<int> unit_group;
};

/// The steady state of a hypercube model.
struct HypercubeResult {
    bool exact = false;             ///< solved exactly (else Larson's approximation)
    int iterations = 0;             ///< fixed-point iterations of the approximation (0 when exact)
    std::vector<double> workload;   ///< per unit: fraction of time busy
    /// [j][k]: fraction of atom j's calls given at once to its k-th preferred
    /// unit. Sums over k to 1 - prob_all_busy.
    std::vector<std::vector<double>> dispatch_share;
    /// fcfs: P(a call waits) (Erlang C); loss: P(a call is lost) (Erlang B).
    double prob_all_busy = 0;
    double mean_wait_h = 0;         ///< fcfs: mean wait over all calls; loss: 0
};

/// Units up to which hypercube_exact() is used by the estimate (2^10 states).
inline constexpr int kExactHypercubeMaxUnits = 10;

/// Solves the hypercube exactly. Preconditions: 1 <= units <= 16, preference
/// lists as documented. Throws std::invalid_argument for bad rates and for fcfs
/// when sum lambda >= N mu (no steady state).
HypercubeResult hypercube_exact(const HypercubeInput& input);

/// Larson's A-hypercube (see the file comment); any number of units. Same
/// preconditions and errors as hypercube_exact().
HypercubeResult hypercube_approximate(const HypercubeInput& input);

}  // namespace mmsim
