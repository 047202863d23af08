#pragma once
// Internal: the scenario format as a table (see schema.cpp), shared by the
// loader (each section's known keys) and `mmsim schema` (the JSON Schema).

#include <span>
#include <string_view>
#include <vector>

namespace mmsim::detail {

/// What a key's value is, as the JSON Schema and the docs name it.
enum class ValueKind {
    string, currency, integer, number, boolean, date, date_time, duration, duration_or_never, money,
    distribution, id, id_list, rotation, allocation_policy, shortfall_policy, pledge_form,
    section,  ///< a map read by another section (SchemaKey::section)
    list,     ///< a list of such maps
    id_map,   ///< a map from id to such maps
};

struct SchemaKey {
    std::string_view key;
    ValueKind kind;
    bool required;
    std::string_view description;
    std::string_view section = {};  ///< for section, list and id_map: the section of the items
};

struct SchemaSection {
    std::string_view name;  ///< "top", "contingent", "wave", ...
    std::string_view description;
    std::span<const SchemaKey> keys;
};

/// Every section, "top" first.
std::span<const SchemaSection> schema_sections();

/// The keys a section accepts, in table order (the loader's known keys).
std::vector<std::string_view> section_keys(std::string_view section);

}  // namespace mmsim::detail
