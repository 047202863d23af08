#pragma once
// Internal: a figure in a JSON file. JSON has no NaN or infinity, so an
// undefined figure is null.

#include <cmath>
#include <nlohmann/json.hpp>

namespace mmsim::detail {

inline nlohmann::ordered_json json_number(double value) {
    if (std::isfinite(value)) return value;
    return nullptr;
}

}  // namespace mmsim::detail
