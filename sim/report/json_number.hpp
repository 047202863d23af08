#pragma once
// Internal: a figure in a JSON file (JSON has no NaN or infinity, so an
// undefined figure is null), and a member added to a large object.

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace mmsim::detail {

inline nlohmann::ordered_json json_number(double value) {
    if (std::isfinite(value)) return value;
    return nullptr;
}

/// Adds `key` to `object` (an object) with `value`. The caller makes sure
/// the key is new: ordered_json's operator[] searches its members one by one
/// for the key, so an object of n metrics cost n^2 / 2 comparisons (20,000
/// metrics in compare.json took 4 s; 400,000 would take half an hour).
inline void append_member(nlohmann::ordered_json& object, std::string key,
                          nlohmann::ordered_json value) {
    using Members = std::vector<nlohmann::ordered_json::object_t::value_type>;
    static_cast<Members&>(object.get_ref<nlohmann::ordered_json::object_t&>())
        .emplace_back(std::move(key), std::move(value));
}

}  // namespace mmsim::detail
