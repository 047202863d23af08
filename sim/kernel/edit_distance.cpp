#include "kernel/edit_distance.hpp"

#include <algorithm>

namespace mmsim::detail {

int edit_distance(std::string_view a, std::string_view b) {
    // Three rows of the dynamic-programming table: the swap rule looks two back.
    const std::size_t n = b.size();
    std::vector<int> before(n + 1), previous(n + 1), current(n + 1);
    for (std::size_t j = 0; j <= n; ++j)
        previous[j] = static_cast<int>(j);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = static_cast<int>(i);
        for (std::size_t j = 1; j <= n; ++j) {
            const int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                current[j] = std::min(current[j], before[j - 2] + 1);
        }
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return previous[n];
}

std::string closest_match(std::string_view word, const std::vector<std::string_view>& candidates) {
    // Long junk would cost time for nothing: nobody mistypes a 100-letter key.
    constexpr std::size_t kLongest = 64;
    if (word.size() > kLongest) return {};
    const int allowed = word.size() <= 4 ? 1 : word.size() <= 8 ? 2 : 3;
    std::string best;
    int best_distance = allowed + 1;
    for (std::string_view candidate : candidates) {
        // The distance is at least the difference in length: skip the table.
        const std::size_t gap = candidate.size() > word.size() ? candidate.size() - word.size()
                                                               : word.size() - candidate.size();
        if (candidate.size() > kLongest || gap > static_cast<std::size_t>(allowed)) continue;
        const int distance = edit_distance(word, candidate);
        if (distance < best_distance) {
            best_distance = distance;
            best = candidate;
        }
    }
    return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates) {
    std::string match = closest_match(word, candidates);
    return match.empty() ? std::string() : " (did you mean '" + match + "'?)";
}

}  // namespace mmsim::detail
