#pragma once
// "Did you mean ...?" suggestions for misspelt keys, ids and choices.

#include <string>
#include <string_view>
#include <vector>

namespace mmsim::detail {

/// Optimal-string-alignment distance: insertions, deletions, substitutions and
/// swaps of adjacent characters each cost 1.
int edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word`, if it is close enough to be a likely typo
/// (at most 1 edit for words up to 4 characters, 2 up to 8, else 3); the first
/// such candidate on ties. Empty when none is close.
std::string closest_match(std::string_view word, const std::vector<std::string_view>& candidates);

/// " (did you mean 'x'?)" for the closest match, or "" when none is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates);

}  // namespace mmsim::detail
