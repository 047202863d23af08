#pragma once
// Typed reading of a document for the scenario loader. Nothing here throws on
// bad input: each problem becomes a Diagnostic (position of the value, key
// path in the message) and reading goes on, so that one run of the loader
// reports every problem in the file. Readers return nullopt when a value is
// absent or wrong, so defaults read as `reader.number(...).value_or(default)`.

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "mmsim/document.hpp"
#include "mmsim/enum_names.hpp"
#include "mmsim/error.hpp"
#include "mmsim/time.hpp"

namespace mmsim::detail {

/// Largest magnitude of a plain number (population, rates, shares...): a
/// larger value is a typo, and would overflow counts further on.
inline constexpr double kMaxPlainNumber = 1e12;
/// Longest duration (100 years, in hours).
inline constexpr Hours kMaxDurationHours = 100 * 365.25 * kHoursPerDay;
/// Problems kept for the report; past this only a count is kept.
inline constexpr std::size_t kMaxDiagnostics = 1000;

/// The problems found so far.
class Diagnostics {
public:
    void add(const SourcePos& pos, std::string message);
    bool empty() const { return list_.empty(); }
    /// True once kMaxDiagnostics are kept: callers may skip costly suggestions.
    bool full() const { return list_.size() >= kMaxDiagnostics; }
    /// Sorted by file, line and column (finding order among equals), plus a
    /// last line counting those not kept, positioned in `file`.
    std::vector<Diagnostic> sorted(const std::string& file) const;

private:
    std::vector<Diagnostic> list_;
    std::size_t dropped_ = 0;
};

/// "parent.key" ("key" at the top level).
std::string key_path(const std::string& parent, std::string_view key);
/// "parent[index]".
std::string index_path(const std::string& parent, std::size_t index);

/// An interval a number must lie in, which also says itself in messages.
struct NumberRange {
    double min = -kMaxPlainNumber;
    double max = kMaxPlainNumber;
    bool min_open = false;
    bool max_open = false;

    static NumberRange at_least(double min) { return {min, kMaxPlainNumber, false, false}; }
    static NumberRange above(double min) { return {min, kMaxPlainNumber, true, false}; }
    static NumberRange closed(double min, double max) { return {min, max, false, false}; }
    bool contains(double value) const;
    /// "a number >= 0", "a number in (0, 1]", ...
    std::string describe() const;
};

/// An interval an integer must lie in.
struct IntRange {
    std::int64_t min = 0;
    std::int64_t max = std::numeric_limits<int>::max();

    static IntRange positive() { return {1, std::numeric_limits<int>::max()}; }
    /// "a positive integer", "a non-negative integer" or "an integer in [1, 100000]".
    std::string describe() const;
};

enum class DurationBound { non_negative, positive };

std::optional<std::string> read_string(const Node& node, const std::string& path, Diagnostics& out);
std::optional<double> read_number(const Node& node, const std::string& path,
                                  const NumberRange& range, Diagnostics& out);
std::optional<std::int64_t> read_integer(const Node& node, const std::string& path,
                                         const IntRange& range, Diagnostics& out);
std::optional<bool> read_bool(const Node& node, const std::string& path, Diagnostics& out);
/// Hours; at most kMaxDurationHours. `alternative` names another accepted
/// word in the message for unreadable text (e.g. "never").
std::optional<Hours> read_duration(const Node& node, const std::string& path, DurationBound bound,
                                   Diagnostics& out, std::string_view alternative = {});
std::optional<Date> read_date(const Node& node, const std::string& path, Diagnostics& out);
/// "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM", as hours since 00:00 of `origin`.
std::optional<Hours> read_datetime(const Node& node, const std::string& path, Date origin,
                                   Diagnostics& out);
/// One of `choices`, with a suggestion when misspelt.
std::optional<std::string> read_choice(const Node& node, const std::string& path,
                                       const std::vector<std::string_view>& choices,
                                       Diagnostics& out);
/// "PATH: COUNT WHAT exceed the limit of LIMIT", the message of every count
/// limit (scenarios/README.md, "Limits").
std::string over_limit(const std::string& path, std::uint64_t count, const std::string& what,
                       std::uint64_t limit);
/// The items of a list of at most `max_items` (`what` names them in the
/// message), or nullptr after reporting.
const std::vector<Node>* read_list(const Node& node, const std::string& path, std::size_t max_items,
                                   const std::string& what, Diagnostics& out);
/// The entries of a map of items by id (contingents, zones...), at most
/// `max_entries` (`what` names them in the messages), or nullptr after
/// reporting. The ids themselves are checked by check_id().
const std::vector<MapEntry>* read_id_map(const Node& node, const std::string& path,
                                         std::size_t max_entries, const std::string& what,
                                         Diagnostics& out);

/// Whether `id` is a valid id: [a-z][a-z0-9_]*, at most 64 characters.
bool is_valid_id(std::string_view id);
/// Checks a map key used as an id ([a-z][a-z0-9_]*, at most 64 characters).
bool check_id(const MapEntry& entry, const std::string& path, Diagnostics& out);

/// One map of the document: reports its unknown keys (with suggestions) when
/// built, then reads its fields. A node that is not a map is reported and
/// read as an empty map; a missing node (nullptr) is read as an empty map.
class MapReader {
public:
    MapReader(const Node* map, std::string path, std::vector<std::string_view> known_keys,
              Diagnostics& out);

    /// True when the node was a map (an absent or mistyped node reads as empty).
    bool present() const { return map_ != nullptr; }
    const std::string& path() const { return path_; }
    std::string path_of(std::string_view key) const { return key_path(path_, key); }
    Diagnostics& diagnostics() const { return out_; }

    const Node* get(std::string_view key) const;
    /// Like get(), but reports "missing required key" when absent (unless an
    /// unknown key of this map was already reported as its likely misspelling).
    const Node* require(std::string_view key) const;
    /// False once require() found a key missing: a reader returns no item it
    /// could not read whole (callers may rely on its required keys).
    bool complete() const { return !missing_required_; }

    std::optional<std::string> string(std::string_view key) const;
    std::optional<double> number(std::string_view key, const NumberRange& range) const;
    std::optional<int> integer(std::string_view key, const IntRange& range) const;
    std::optional<bool> boolean(std::string_view key) const;
    std::optional<Hours> duration(std::string_view key, DurationBound bound) const;
    std::optional<Date> date(std::string_view key) const;
    std::optional<std::string> choice(std::string_view key,
                                      const std::vector<std::string_view>& choices) const;
    /// One of the names in enum E's table (enum_names.hpp), as its value.
    template <class E>
    std::optional<E> enumerated(std::string_view key) const {
        std::vector<std::string_view> names;
        for (const EnumName<E>& row : enum_names(E{})) names.push_back(row.name);
        const std::optional<std::string> name = choice(key, names);
        return name ? enum_from_name<E>(*name) : std::nullopt;
    }

private:
    const Node* map_ = nullptr;
    std::string path_;
    std::vector<std::string> suggested_;  // known keys offered for unknown ones
    mutable bool missing_required_ = false;  // set by require()
    Diagnostics& out_;
};

/// Ids of one kind (zones, incident classes) resolved to indices, with
/// suggestions for misspellings. Suggestions compare with every id, so only
/// the first few misses of a table get them.
class IdTable {
public:
    /// `kind` names the ids in messages ("zone", "incident class").
    explicit IdTable(std::string kind) : kind_(std::move(kind)) {}
    void add(const std::string& id) {
        index_.emplace(id, ids_.size());
        ids_.push_back(id);
    }
    const std::string& id(std::size_t index) const { return ids_[index]; }
    std::optional<std::size_t> find(const std::string& id) const;
    /// The index of the id written in `node`, or nullopt after reporting
    /// "unknown zone 'x'" (plus `hint` when there are no ids at all).
    std::optional<std::size_t> lookup(const Node& node, const std::string& path, Diagnostics& out,
                                      const std::string& hint = "");

private:
    std::string kind_;
    std::vector<std::string> ids_;
    std::unordered_map<std::string, std::size_t> index_;
    int misses_ = 0;
};

}  // namespace mmsim::detail
