#include "mmsim/hypercube.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>

#include <Eigen/Sparse>
#include <Eigen/SparseLU>

namespace mmsim {
namespace {

double total_rate(const HypercubeInput& input) {
    double lambda = 0;
    for (double rate : input.atom_rate_per_h) {
        if (!std::isfinite(rate) || rate < 0)
            throw std::invalid_argument("hypercube: atom rates must be finite and >= 0");
        lambda += rate;
    }
    if (!std::isfinite(input.service_rate_per_h) || input.service_rate_per_h <= 0)
        throw std::invalid_argument("hypercube: service rate must be finite and > 0");
    if (input.units < 1) throw std::invalid_argument("hypercube: needs at least one unit");
    if (input.queue == HypercubeQueue::fcfs && lambda >= input.units * input.service_rate_per_h)
        throw std::invalid_argument("hypercube: unstable queue, arrival rate " + std::to_string(lambda) +
                                    " per hour >= capacity " +
                                    std::to_string(input.units * input.service_rate_per_h) + " per hour");
    assert(input.preferences.size() == input.atom_rate_per_h.size());
    return lambda;
}

// The number of busy units in M/M/N (fcfs: index N holds P(m >= N)) or
// M/M/N/N (loss), from logarithms so that large N neither overflows nor
// underflows.
std::vector<double> busy_count_distribution(int units, double offered_load, HypercubeQueue queue) {
    std::vector<double> log_p(units + 1);
    for (int m = 0; m <= units; ++m)
        log_p[m] = (offered_load > 0 ? m * std::log(offered_load) : (m == 0 ? 0.0 : -INFINITY)) -
                   std::lgamma(m + 1.0);
    if (queue == HypercubeQueue::fcfs)  // the geometric tail m >= N
        log_p[units] -= std::log1p(-offered_load / units);
    const double top = *std::max_element(log_p.begin(), log_p.end());
    std::vector<double> p(units + 1);
    double sum = 0;
    for (int m = 0; m <= units; ++m) sum += p[m] = std::exp(log_p[m] - top);
    for (double& x : p) x /= sum;
    return p;
}

double log_choose(int n, int k) {
    return std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0);
}

// Larson's correction factors Q(N, rho, k), k = 0 .. N-1 (Q(N, rho, 0) = 1).
std::vector<double> correction_factors(const std::vector<double>& busy, double rho) {
    const int units = static_cast<int>(busy.size()) - 1;
    std::vector<double> q(units, 1.0);
    for (int k = 1; k < units; ++k) {
        double sum = 0;
        for (int m = k; m < units; ++m)
            sum += busy[m] * std::exp(log_choose(units - k - 1, m - k) - log_choose(units, m) -
                                      k * std::log(rho));
        q[k] = sum / (1 - rho);
    }
    return q;
}

void average_within_groups(std::vector<double>& values, const std::vector<int>& group) {
    assert(group.size() == values.size());
    const int groups = *std::max_element(group.begin(), group.end()) + 1;
    std::vector<double> sum(groups, 0.0), count(groups, 0.0);
    for (std::size_t u = 0; u < values.size(); ++u) sum[group[u]] += values[u], count[group[u]] += 1;
    for (std::size_t u = 0; u < values.size(); ++u) values[u] = sum[group[u]] / count[group[u]];
}

}  // namespace

HypercubeResult hypercube_exact(const HypercubeInput& input) {
    const double lambda = total_rate(input);
    const int n = input.units;
    if (n > 16) throw std::invalid_argument("hypercube_exact: at most 16 units");
    const double mu = input.service_rate_per_h;
    const bool fcfs = input.queue == HypercubeQueue::fcfs;
    const double r = fcfs ? lambda / (n * mu) : 0.0;
    const std::uint32_t full = (1u << n) - 1, states = full + 1;
    const std::size_t atoms = input.atom_rate_per_h.size();

    // first_free[j][s]: the unit atom j's call gets in state s (s != full).
    auto first_free = [&](std::size_t j, std::uint32_t s) {
        for (int unit : input.preferences[j])
            if (!(s & (1u << unit))) return unit;
        return -1;
    };
    // Balance equations pi Q = 0 as Q^T pi = 0; the last equation is implied
    // by the others and replaced by sum(pi) = 1.
    std::vector<Eigen::Triplet<double>> entries;
    for (std::uint32_t s = 0; s < states; ++s) {
        double out = 0;
        auto flow = [&](std::uint32_t to, double rate) {
            if (rate <= 0) return;
            out += rate;
            if (to != full) entries.emplace_back(static_cast<int>(to), static_cast<int>(s), rate);
        };
        if (s != full)
            for (std::size_t j = 0; j < atoms; ++j) flow(s | (1u << first_free(j, s)), input.atom_rate_per_h[j]);
        for (int unit = 0; unit < n; ++unit)
            if (s & (1u << unit)) flow(s & ~(1u << unit), s == full ? mu * (1 - r) : mu);
        if (s != full) entries.emplace_back(static_cast<int>(s), static_cast<int>(s), -out);
        entries.emplace_back(static_cast<int>(full), static_cast<int>(s), 1.0);
    }
    Eigen::SparseMatrix<double> system(states, states);
    system.setFromTriplets(entries.begin(), entries.end());
    Eigen::SparseLU<Eigen::SparseMatrix<double>> solver;
    solver.compute(system);
    Eigen::VectorXd rhs = Eigen::VectorXd::Zero(states);
    rhs(full) = 1;
    const Eigen::VectorXd pi = solver.solve(rhs);

    HypercubeResult h;
    h.exact = true;
    h.workload.assign(n, 0.0);
    h.dispatch_share.assign(atoms, std::vector<double>(n, 0.0));
    for (std::uint32_t s = 0; s < states; ++s) {
        for (int unit = 0; unit < n; ++unit)
            if (s & (1u << unit)) h.workload[unit] += pi(s);
        if (s == full) continue;
        for (std::size_t j = 0; j < atoms; ++j) {
            const int unit = first_free(j, s);
            const auto& list = input.preferences[j];
            h.dispatch_share[j][std::find(list.begin(), list.end(), unit) - list.begin()] += pi(s);
        }
    }
    h.prob_all_busy = pi(full);
    if (fcfs) h.mean_wait_h = pi(full) / (n * mu - lambda);
    return h;
}

HypercubeResult hypercube_approximate(const HypercubeInput& input) {
    const double lambda = total_rate(input);
    const int n = input.units;
    const double mu = input.service_rate_per_h;
    const bool fcfs = input.queue == HypercubeQueue::fcfs;
    const std::size_t atoms = input.atom_rate_per_h.size();
    const std::vector<double> busy = busy_count_distribution(n, lambda / mu, input.queue);

    HypercubeResult h;
    h.workload.assign(n, 0.0);
    h.dispatch_share.assign(atoms, std::vector<double>(n, 0.0));
    h.prob_all_busy = busy[n];
    if (lambda <= 0) return h;
    if (fcfs) h.mean_wait_h = busy[n] / (n * mu - lambda);
    // Mean utilisation: every call is served (fcfs), or all but the lost ones.
    const double rho = lambda * (1 - (fcfs ? 0.0 : busy[n])) / (n * mu);
    const std::vector<double> q = correction_factors(busy, rho);
    // Queued calls go to whichever unit frees first: 1/N of them each.
    const double queued_load = fcfs ? lambda * busy[n] / (n * mu) : 0.0;

    std::vector<double>& w = h.workload;
    std::fill(w.begin(), w.end(), rho);
    std::vector<double> load(n), next(n);
    for (h.iterations = 1; h.iterations <= 10000; ++h.iterations) {
        // load[u]: calls per service time sent to u were it free (Larson's V_u)
        std::fill(load.begin(), load.end(), 0.0);
        for (std::size_t j = 0; j < atoms; ++j) {
            double all_before_busy = 1;
            for (std::size_t k = 0; k < input.preferences[j].size(); ++k) {
                const int unit = input.preferences[j][k];
                load[unit] += input.atom_rate_per_h[j] / mu * q[k] * all_before_busy;
                all_before_busy *= w[unit];
            }
        }
        // Interchangeable units: rho_g |g| = (1 - rho_g) sum_g V + c |g|, so
        // their mean load gives their one workload.
        if (!input.unit_group.empty()) average_within_groups(load, input.unit_group);
        for (int unit = 0; unit < n; ++unit) next[unit] = (load[unit] + queued_load) / (1 + load[unit]);
        double change = 0;
        for (int unit = 0; unit < n; ++unit) change = std::max(change, std::abs(next[unit] - w[unit]));
        w = next;
        if (change < 1e-12) break;
    }
    for (std::size_t j = 0; j < atoms; ++j) {
        double all_before_busy = 1;
        for (std::size_t k = 0; k < input.preferences[j].size(); ++k) {
            const int unit = input.preferences[j][k];
            h.dispatch_share[j][k] = q[k] * all_before_busy * (1 - w[unit]);
            all_before_busy *= w[unit];
        }
    }
    return h;
}

}  // namespace mmsim
