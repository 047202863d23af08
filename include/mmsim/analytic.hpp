#pragma once
// Exact results of classical queueing models. The simulator reduces to them in
// special cases (one zone, zero travel, exponential on-scene times, always-ready
// teams), and the validation tests compare the two: that agreement is why the
// model can be trusted. Analysts can also call them for back-of-the-envelope
// sizing. Rates are per hour, times in hours, loads in erlangs.
//
// Invalid arguments (negative rates, no servers where one is needed, an
// unstable queue) throw std::invalid_argument naming the problem: a NaN or an
// infinite mean wait would otherwise flow silently into a report.

#include <span>
#include <vector>

namespace mmsim {

/// Erlang's loss formula B(c, a): the probability that a call finds all
/// `servers` (c >= 0) busy in an M/M/c/c system with offered load
/// `offered_load` a = lambda / mu >= 0 erlangs. Computed by the stable
/// recursion B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)).
double erlang_b(int servers, double offered_load);

/// Erlang's delay formula C(c, a): the probability that a call waits in an
/// M/M/c queue, c >= 1, a >= 0:  C = c B(c, a) / (c - a (1 - B(c, a))) for
/// a < c. Returns 1 when a >= c (an unstable queue: every call eventually waits).
double erlang_c(int servers, double offered_load);

/// Steady state of the M/M/c FCFS queue.
struct MmcResult {
    double offered_load = 0;       ///< a = lambda / mu, erlangs
    double utilisation = 0;        ///< rho = a / c, the fraction of time a server is busy
    double prob_wait = 0;          ///< P(Wq > 0) = C(c, a)
    double mean_wait_h = 0;        ///< Wq = C(c, a) / (c mu - lambda)
    double mean_queue_length = 0;  ///< Lq = lambda Wq (Little's law)
    double mean_response_h = 0;    ///< W = Wq + 1 / mu, time in system
    double mean_in_system = 0;     ///< L = Lq + a
};

/// M/M/c with arrival rate lambda >= 0 and service rate mu > 0 per server (per
/// hour), c >= 1 servers. Throws std::invalid_argument unless lambda < c mu.
MmcResult mmc(double arrival_rate_per_h, double service_rate_per_h, int servers);

/// P(Wq > t) in the M/M/c queue: C(c, a) exp(-(c mu - lambda) t), t >= 0 hours.
/// Same preconditions as mmc().
double mmc_wait_exceeds(double arrival_rate_per_h, double service_rate_per_h, int servers,
                        double wait_h);

/// Steady state of the Erlang-A queue M/M/c+M (Palm's model; Garnett, Mandelbaum
/// and Reiman 2002, "Designing a call center with impatient customers", M&SOM
/// 4(3); Mandelbaum and Zeltyn 2007, "Service engineering in action: the
/// Palm/Erlang-A queue"): Poisson arrivals at rate lambda, c servers of rate mu,
/// first come first served, and each waiting call abandons after an
/// exponential patience of rate theta (mean 1 / theta) unless served first.
///
/// The number in system is a birth-death chain with birth rate lambda and
/// death rate min(n, c) mu + max(n - c, 0) theta, stable for any theta > 0; its
/// stationary law pi is summed term by term (in logarithms, so large loads do
/// not overflow) until the terms no longer count in double precision. Then,
/// by PASTA: prob_wait = P(N >= c); mean_queue_length Lq = E[(N - c)+];
/// prob_abandon = theta Lq / lambda (abandonments per hour over arrivals per
/// hour); mean_wait_h = Lq / lambda (Little), over all arrivals. A call that
/// arrives to find c + i in system is at place j = i + 1 in the queue; each
/// place lasts an exponential time of rate c mu + j theta and ends in a move up
/// (probability (c mu + (j - 1) theta) / (c mu + j theta)) or in its
/// abandonment, so it is served with probability s_j = c mu / (c mu + j theta)
/// and E[wait; served] = s_j * sum_{l=1..j} 1 / (c mu + l theta), which gives
/// mean_wait_served_h, the mean wait of the calls served (zeros included).
struct ErlangAResult {
    double offered_load = 0;        ///< a = lambda / mu, erlangs
    double prob_wait = 0;           ///< P(N >= c): a call is not served on arrival
    double prob_abandon = 0;        ///< the fraction of calls that abandon
    double mean_queue_length = 0;   ///< Lq, time-average calls waiting
    double mean_wait_h = 0;         ///< mean wait over all calls, served or abandoning
    double mean_wait_served_h = 0;  ///< mean wait of the calls served, zeros included
    double utilisation = 0;         ///< lambda (1 - prob_abandon) / (c mu)
};

/// Erlang-A with lambda >= 0, mu > 0 and patience rate theta > 0 (per hour),
/// c >= 1 servers. Throws std::invalid_argument otherwise, or when the
/// stationary law would need more than ten million terms (theta tiny against
/// an overloaded system).
ErlangAResult erlang_a(double arrival_rate_per_h, double service_rate_per_h, double patience_rate_per_h,
                       int servers);

/// Non-preemptive priority M/M/c with every class served at the same rate mu
/// (Cobham 1954, "Priority assignment in waiting line problems", JORSA 2(1),
/// extended to c servers; e.g. Gross and Harris, Fundamentals of Queueing
/// Theory, section 3.4): classes 1..K (1 most urgent) arrive at rates
/// lambda_k; a freed server takes the longest-waiting call of the most urgent
/// class waiting. Class k's mean wait is
///   W_k = C(c, a) / (c mu (1 - sigma_{k-1}) (1 - sigma_k)),
///   sigma_k = sum_{i <= k} lambda_i / (c mu),  a = sum_i lambda_i / mu,
/// and every class waits with probability C(c, a). Returns W_k in hours, in
/// the order of `arrival_rates_per_h` (most urgent first). Throws
/// std::invalid_argument for a negative rate, mu <= 0, c < 1, or
/// sum lambda_i >= c mu.
std::vector<double> priority_mmc_mean_waits_h(std::span<const double> arrival_rates_per_h,
                                              double service_rate_per_h, int servers);

/// Steady state of the M/M/c/c loss system (Erlang loss model); the blocking
/// probability holds for any service-time distribution with mean 1 / mu.
struct MmccResult {
    double offered_load = 0;          ///< a = lambda / mu, erlangs
    double blocking_probability = 0;  ///< B(c, a), the fraction of calls lost
    double carried_load = 0;          ///< a (1 - B), mean number of busy servers
    double utilisation = 0;           ///< carried_load / c
    double throughput_per_h = 0;      ///< lambda (1 - B), calls served per hour
};

/// M/M/c/c with lambda >= 0, mu > 0 (per hour) and c >= 1 servers.
MmccResult mmcc(double arrival_rate_per_h, double service_rate_per_h, int servers);

/// What happens to a call that finds both hypercube units busy.
enum class HypercubeQueue {
    loss,  ///< it is lost (never dispatched)
    fcfs,  ///< it waits in one first-come first-served queue for the first unit to free
};

/// The hypercube queueing model (Larson 1974) with two units and two atoms
/// (zones), solved exactly.
///
/// Model. Calls arrive from zone 1 and zone 2 as Poisson streams with rates
/// lambda1 and lambda2 (lambda = lambda1 + lambda2); every service time is
/// exponential with rate mu, whoever serves. Unit i is the home unit of zone i.
/// Dispatch: the zone's own unit if free, else the other unit if free, else
/// (loss) the call is lost or (fcfs) it queues; the next unit to free takes the
/// head of the queue, whichever zone it came from.
///
/// States are (unit 1 busy?, unit 2 busy?): 00, 10, 01, 11. Transition rates:
///   00 -> 10: lambda1     00 -> 01: lambda2
///   10 -> 11: lambda      10 -> 00: mu
///   01 -> 11: lambda      01 -> 00: mu
///   11 -> 10: mu (1 - r)  11 -> 01: mu (1 - r)
/// In the loss system r = 0. In the fcfs system state 11 aggregates "both busy
/// with k >= 0 calls queued": the queue is a birth-death chain with birth rate
/// lambda and death rate 2 mu, so given both busy, k is geometric,
/// P(k | 11) = (1 - r) r^k with r = lambda / (2 mu) < 1, and 11 empties (to 10 or
/// 01) only from k = 0. The 4-state balance equations pi Q = 0, sum pi = 1 are
/// solved with Eigen. (The total number in system is itself an M/M/2 (fcfs) or
/// M/M/2/2 (loss) birth-death process, so P00 and P11 do not depend on how
/// lambda splits between the zones; only P10 versus P01 does.)
///
/// Outputs, by PASTA (Poisson arrivals see time averages):
///   workload_unit1 = P10 + P11,  workload_unit2 = P01 + P11;
///   crossing dispatches per hour = lambda1 P10 + lambda2 P01 (+ lambda P11 / 2
///   for fcfs: a queued call is taken by whichever unit frees first, each with
///   probability 1/2 as both serve at rate mu, independently of the call's zone);
///   cross_zone_fraction = crossing rate / dispatched rate, where the dispatched
///   rate is lambda (1 - P11) (loss) or lambda (fcfs);
///   loss: loss_probability = P11;
///   fcfs: prob_wait = P11, mean_queue_length = P11 r / (1 - r),
///   mean_wait_h = mean_queue_length / lambda (Little) = P11 / (2 mu - lambda).
struct TwoUnitHypercube {
    double p_both_free = 0;        ///< P00
    double p_only_unit1_busy = 0;  ///< P10
    double p_only_unit2_busy = 0;  ///< P01
    double p_both_busy = 0;        ///< P11 (fcfs: including every queue length)
    double workload_unit1 = 0;     ///< fraction of time unit 1 is busy
    double workload_unit2 = 0;     ///< fraction of time unit 2 is busy
    /// Fraction of dispatched calls served by the other zone's unit; 0 when
    /// there are no calls.
    double cross_zone_fraction = 0;
    double loss_probability = 0;   ///< loss: fraction of calls lost; fcfs: 0
    double prob_wait = 0;          ///< fcfs: fraction of calls that queue; loss: 0
    double mean_wait_h = 0;        ///< fcfs: mean queue wait over all calls; loss: 0
    double mean_queue_length = 0;  ///< fcfs: time-average calls waiting; loss: 0
};

/// Solves the two-unit, two-zone hypercube for zone arrival rates lambda1,
/// lambda2 >= 0 and service rate mu > 0 (per hour). Throws
/// std::invalid_argument for negative or non-finite rates, and for fcfs when
/// lambda1 + lambda2 >= 2 mu (no steady state).
TwoUnitHypercube hypercube_two_units(double zone1_rate_per_h, double zone2_rate_per_h,
                                     double service_rate_per_h, HypercubeQueue queue);

}  // namespace mmsim
