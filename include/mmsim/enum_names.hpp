#pragma once
// Enums as text. Each enum a user writes in a scenario or reads in a report
// has one table of (value, name) pairs beside its declaration, found through
// `enum_names(E{})`; the loader's choices, the reports, the HTML and the JSON
// Schema all read that table, so a new value cannot print as another one.

#include <cassert>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mmsim {

/// One row of an enum's table.
template <class E>
struct EnumName {
    E value;
    std::string_view name;
};

/// The name of `value` in its enum's table (a value missing from the table is
/// a programming error).
template <class E>
constexpr std::string_view enum_name(E value) {
    for (const EnumName<E>& row : enum_names(E{}))
        if (row.value == value) return row.name;
    assert(false && "enum value missing from its names table");
    return "?";
}

/// The value named `name`, or none.
template <class E>
constexpr std::optional<E> enum_from_name(std::string_view name) {
    for (const EnumName<E>& row : enum_names(E{}))
        if (row.name == name) return row.value;
    return std::nullopt;
}

/// Every name of enum E, in table order (the choices a loader offers).
template <class E>
std::vector<std::string> enum_choices() {
    std::vector<std::string> out;
    for (const EnumName<E>& row : enum_names(E{})) out.emplace_back(row.name);
    return out;
}

}  // namespace mmsim
