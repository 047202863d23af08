#include "mmsim/sensitivity.hpp"
#include "mmsim/statistics.hpp"
#include "report/csv.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace mmsim {
namespace {

// A standardized parameter within this relative distance of a combination of
// the others cannot be told apart from them (rounding in a CSV file is 1e-10).
constexpr double kCollinearTolerance = 1e-8;

// Column-wise (x - mean) / sd; sd with divisor n - 1.
bool standardize(Eigen::VectorXd& v) {
    const double mean = v.mean();
    v.array() -= mean;
    const double sd = std::sqrt(v.squaredNorm() / static_cast<double>(v.size() - 1));
    if (!(sd > 0)) return false;
    v /= sd;
    return true;
}

// Residuals of `y` after a least-squares fit on the columns of `z`.
Eigen::VectorXd residuals(const Eigen::MatrixXd& z, const Eigen::VectorXd& y) {
    return y - z * z.colPivHouseholderQr().solve(y);
}

double correlation(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
    const double norms = a.norm() * b.norm();
    // Residuals of an exact fit are rounding noise: no partial correlation left.
    if (!(norms > 1e-9 * static_cast<double>(a.size()))) return kNaN;
    return std::clamp(a.dot(b) / norms, -1.0, 1.0);
}

}  // namespace

std::vector<double> ranks(std::span<const double> values) {
    std::vector<std::size_t> order(values.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
    std::vector<double> result(values.size());
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        while (j + 1 < order.size() && values[order[j + 1]] == values[order[i]]) ++j;
        const double mean_rank = (static_cast<double>(i + j) + 2) / 2;  // ranks i+1 .. j+1
        for (std::size_t k = i; k <= j; ++k) result[order[k]] = mean_rank;
        i = j + 1;
    }
    return result;
}

MetricSensitivity analyze_sensitivity(const std::string& metric_name,
                                      const std::vector<std::string>& parameters,
                                      const std::vector<std::vector<double>>& columns,
                                      const std::vector<double>& metric) {
    MetricSensitivity result{metric_name, 0, kNaN, {}, ""};
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < metric.size(); ++i)
        if (std::isfinite(metric[i])) rows.push_back(i);
    result.rows = rows.size();
    const auto n = static_cast<Eigen::Index>(rows.size());

    // Standardized columns of the parameters that vary over these rows.
    std::vector<std::size_t> varying;
    std::vector<Eigen::VectorXd> standardized;
    for (std::size_t j = 0; j < parameters.size(); ++j) {
        result.influences.push_back({parameters[j], kNaN, kNaN});
        Eigen::VectorXd column(n);
        for (Eigen::Index i = 0; i < n; ++i)
            column[i] = columns[j][rows[static_cast<std::size_t>(i)]];
        if (n >= 2 && standardize(column)) {
            varying.push_back(j);
            standardized.push_back(std::move(column));
        }
    }
    Eigen::VectorXd y(n);
    for (Eigen::Index i = 0; i < n; ++i) y[i] = metric[rows[static_cast<std::size_t>(i)]];
    const auto p = static_cast<Eigen::Index>(varying.size());
    if (varying.empty()) {
        result.note = "no parameter varies";
        return result;
    }
    if (n < p + 2) {
        result.note =
            "too few rows (" + std::to_string(n) + " for " + std::to_string(p) + " parameters)";
        return result;
    }
    Eigen::VectorXd y_standardized = y;
    if (!standardize(y_standardized)) {
        result.note = "constant";
        return result;
    }

    Eigen::MatrixXd x(n, p);
    for (Eigen::Index j = 0; j < p; ++j) x.col(j) = standardized[static_cast<std::size_t>(j)];
    Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(x);
    qr.setThreshold(kCollinearTolerance);
    if (qr.rank() < p) {
        // Least squares would still answer, with coefficients of +-1e14 that
        // cancel out, and rank them: say which parameters the design mixes up.
        std::string mixed;
        for (Eigen::Index j = 0; j < p; ++j) {
            Eigen::MatrixXd others(n, p - 1);
            for (Eigen::Index k = 0, c = 0; k < p; ++k)
                if (k != j) others.col(c++) = x.col(k);
            if (residuals(others, x.col(j)).norm() <= kCollinearTolerance * x.col(j).norm())
                mixed += (mixed.empty() ? "" : ", ") + parameters[varying[static_cast<std::size_t>(j)]];
        }
        result.note = "the design cannot tell apart " + mixed +
                      " (each is a linear combination of the others over these rows)";
        return result;
    }
    const Eigen::VectorXd src = qr.solve(y_standardized);
    result.r_squared = 1 - (y_standardized - x * src).squaredNorm() / y_standardized.squaredNorm();

    // Ranks, and for each parameter the regression on the others' ranks.
    Eigen::MatrixXd ranked(n, p + 1);  // the parameters' ranks, then the metric's
    for (Eigen::Index j = 0; j <= p; ++j) {
        const Eigen::VectorXd raw = j < p ? Eigen::VectorXd(x.col(j)) : y;
        const std::vector<double> r = ranks(std::span<const double>(raw.data(), raw.size()));
        ranked.col(j) = Eigen::Map<const Eigen::VectorXd>(r.data(), n);
    }
    for (Eigen::Index j = 0; j < p; ++j) {
        Eigen::MatrixXd others(n, p);
        others.col(0).setOnes();
        for (Eigen::Index k = 0, c = 1; k < p; ++k)
            if (k != j) others.col(c++) = ranked.col(k);
        const double prcc =
            correlation(residuals(others, ranked.col(j)), residuals(others, ranked.col(p)));
        ParameterInfluence& influence = result.influences[varying[static_cast<std::size_t>(j)]];
        influence.src = src[j];
        influence.prcc = prcc;
    }
    std::stable_sort(result.influences.begin(), result.influences.end(),
                     [](const ParameterInfluence& a, const ParameterInfluence& b) {
                         const double fa = std::isnan(a.src) ? -1 : std::fabs(a.src);
                         const double fb = std::isnan(b.src) ? -1 : std::fabs(b.src);
                         return fa > fb;
                     });
    return result;
}

std::string sensitivity_csv(std::span<const MetricSensitivity> results) {
    std::string csv = "metric,parameter,rank,src,prcc,r_squared,rows\n";
    for (const MetricSensitivity& s : results) {
        if (!s.note.empty()) continue;
        for (std::size_t i = 0; i < s.influences.size(); ++i)
            csv += detail::csv_field(s.metric) + "," + detail::csv_field(s.influences[i].parameter) +
                   "," + std::to_string(i + 1) + "," + detail::csv_figure(s.influences[i].src) + "," +
                   detail::csv_figure(s.influences[i].prcc) + "," + detail::csv_figure(s.r_squared) +
                   "," + std::to_string(s.rows) + "\n";
    }
    return csv;
}

}  // namespace mmsim
