#include "scenario/reader.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <tuple>

#include "kernel/edit_distance.hpp"

namespace mmsim::detail {
namespace {

std::string format_number(double value) {
    char buffer[32];
    auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return error == std::errc{} ? std::string(buffer, end) : std::string("?");
}

// A parsed number, or why it is not one a scenario may use.
struct ParsedNumber {
    std::optional<double> value;
    std::string problem;  // appended to the message: " (too large)"...
};

ParsedNumber parse_number(std::string_view text) {
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    // YAML's spellings of infinity and not-a-number, and from_chars' own.
    std::string_view magnitude = text;
    if (!magnitude.empty() && magnitude.front() == '-') magnitude.remove_prefix(1);
    if (!magnitude.empty() && magnitude.front() == '.') magnitude.remove_prefix(1);
    std::string lower(magnitude.substr(0, 8));
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "inf" || lower == "infinity" || lower == "nan")
        return {std::nullopt, " (not a finite number)"};
    double value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (end != text.data() + text.size() || text.empty()) return {std::nullopt, ""};
    if (error == std::errc::result_out_of_range) return {std::nullopt, " (too large)"};
    if (error != std::errc{}) return {std::nullopt, ""};
    if (std::fabs(value) > kMaxPlainNumber)
        return {std::nullopt, " (too large: the limit is " + format_number(kMaxPlainNumber) + ")"};
    return {value, ""};
}

bool is_plain_number(std::string_view text) {
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) text.remove_prefix(1);
    double value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return !text.empty() && end == text.data() + text.size();
}

std::string expected(const std::string& path, const std::string& what, const Node& node) {
    return path + ": expected " + what + ", got " + describe(node);
}

}  // namespace

void Diagnostics::add(const SourcePos& pos, std::string message) {
    if (full()) {
        ++dropped_;
        return;
    }
    list_.push_back(Diagnostic{pos, std::move(message)});
}

std::vector<Diagnostic> Diagnostics::sorted(const std::string& file) const {
    std::vector<Diagnostic> result = list_;
    std::stable_sort(result.begin(), result.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.pos.file, a.pos.line, a.pos.col) <
               std::tie(b.pos.file, b.pos.line, b.pos.col);
    });
    if (dropped_ > 0)
        result.push_back(Diagnostic{SourcePos{file, 0, 0}, "and " + std::to_string(dropped_) +
                                                               " more problems (only the first " +
                                                               std::to_string(kMaxDiagnostics) +
                                                               " are shown)"});
    return result;
}

std::string key_path(const std::string& parent, std::string_view key) {
    return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

std::string index_path(const std::string& parent, std::size_t index) {
    return parent + "[" + std::to_string(index) + "]";
}

bool NumberRange::contains(double value) const {
    const bool above_min = min_open ? value > min : value >= min;
    const bool below_max = max_open ? value < max : value <= max;
    return above_min && below_max;
}

std::string NumberRange::describe() const {
    const bool bounded_above = max < kMaxPlainNumber;
    const bool bounded_below = min > -kMaxPlainNumber;
    if (bounded_above && bounded_below)
        return std::string("a number in ") + (min_open ? "(" : "[") + format_number(min) + ", " +
               format_number(max) + (max_open ? ")" : "]");
    if (bounded_below)
        return std::string("a number ") + (min_open ? "> " : ">= ") + format_number(min);
    if (bounded_above)
        return std::string("a number ") + (max_open ? "< " : "<= ") + format_number(max);
    return "a number";
}

std::string IntRange::describe() const {
    if (max == std::numeric_limits<int>::max() && min == 1) return "a positive integer";
    if (max == std::numeric_limits<int>::max() && min == 0) return "a non-negative integer";
    return "an integer in [" + std::to_string(min) + ", " + std::to_string(max) + "]";
}

std::optional<std::string> read_string(const Node& node, const std::string& path,
                                       Diagnostics& out) {
    if (node.is_scalar()) return node.text;
    out.add(node.pos, expected(path, "a string", node));
    return std::nullopt;
}

std::optional<double> read_number(const Node& node, const std::string& path,
                                  const NumberRange& range, Diagnostics& out) {
    ParsedNumber parsed;
    if (node.is_scalar()) parsed = parse_number(node.text);
    if (parsed.value && range.contains(*parsed.value)) return parsed.value;
    out.add(node.pos, expected(path, range.describe(), node) + parsed.problem);
    return std::nullopt;
}

std::optional<std::int64_t> read_integer(const Node& node, const std::string& path,
                                         const IntRange& range, Diagnostics& out) {
    std::string problem;
    if (node.is_scalar()) {
        std::string_view text = node.text;
        if (!text.empty() && text.front() == '+') text.remove_prefix(1);
        std::int64_t value = 0;
        auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        const bool whole = !text.empty() && end == text.data() + text.size();
        if (whole && error == std::errc{} && value >= range.min && value <= range.max) return value;
        if (whole && (error == std::errc::result_out_of_range ||
                      (error == std::errc{} && value > range.max)))
            problem = " (too large)";
    }
    out.add(node.pos, expected(path, range.describe(), node) + problem);
    return std::nullopt;
}

std::optional<bool> read_bool(const Node& node, const std::string& path, Diagnostics& out) {
    if (node.is_scalar()) {
        const std::string& t = node.text;
        if (t == "true" || t == "True" || t == "TRUE") return true;
        if (t == "false" || t == "False" || t == "FALSE") return false;
    }
    out.add(node.pos, expected(path, "true or false", node));
    return std::nullopt;
}

std::optional<Hours> read_duration(const Node& node, const std::string& path, DurationBound bound,
                                   Diagnostics& out, std::string_view alternative) {
    const std::string what =
        bound == DurationBound::positive ? "a duration > 0" : "a duration >= 0";
    if (!node.is_scalar()) {
        out.add(node.pos, expected(path, "a duration", node));
        return std::nullopt;
    }
    const std::string_view text = node.text;
    if (std::optional<Hours> hours = parse_duration(text)) {
        if (bound == DurationBound::positive && !(*hours > 0)) {
            out.add(node.pos, expected(path, what, node));
            return std::nullopt;
        }
        if (*hours > kMaxDurationHours) {
            out.add(node.pos, expected(path, what, node) + " (too long: the limit is 100 years)");
            return std::nullopt;
        }
        return hours;
    }
    if (!text.empty() && text.front() == '-' && parse_duration(text.substr(1)))
        out.add(node.pos, expected(path, what, node));
    else if (is_plain_number(text))
        out.add(node.pos,
                path + ": " + describe(node) + " has no unit (write e.g. 7d, 36h or 45min)");
    else
        out.add(node.pos,
                expected(path,
                         "a duration such as 7d, 36h or 45min" +
                             (alternative.empty() ? "" : ", or '" + std::string(alternative) + "'"),
                         node));
    return std::nullopt;
}

std::optional<Date> read_date(const Node& node, const std::string& path, Diagnostics& out) {
    if (node.is_scalar()) {
        if (std::optional<Date> date = parse_date(node.text)) return date;
        const std::string& t = node.text;
        const bool shaped = t.size() == 10 && t[4] == '-' && t[7] == '-' &&
                            std::all_of(t.begin(), t.end(), [](char c) {
                                return c == '-' || std::isdigit(static_cast<unsigned char>(c));
                            });
        if (shaped) {
            out.add(node.pos, path + ": " + describe(node) + " is not a calendar date");
            return std::nullopt;
        }
    }
    out.add(node.pos, expected(path, "a date (YYYY-MM-DD)", node));
    return std::nullopt;
}

std::optional<Hours> read_datetime(const Node& node, const std::string& path, Date origin,
                                   Diagnostics& out) {
    if (node.is_scalar())
        if (std::optional<Hours> hours = parse_datetime(node.text, origin)) return hours;
    out.add(node.pos, expected(path, "a date-time (YYYY-MM-DDTHH:MM)", node));
    return std::nullopt;
}

std::optional<std::string> read_choice(const Node& node, const std::string& path,
                                       const std::vector<std::string_view>& choices,
                                       Diagnostics& out) {
    if (node.is_scalar() && std::find(choices.begin(), choices.end(), node.text) != choices.end())
        return node.text;
    std::string list;
    for (std::string_view choice : choices)
        list += (list.empty() ? "" : ", ") + std::string(choice);
    std::string hint = node.is_scalar() ? did_you_mean(node.text, choices) : "";
    out.add(node.pos, expected(path, "one of " + list, node) + hint);
    return std::nullopt;
}

std::string over_limit(const std::string& path, std::uint64_t count, const std::string& what,
                       std::uint64_t limit) {
    return path + ": " + std::to_string(count) + " " + what + " exceed the limit of " +
           std::to_string(limit);
}

const std::vector<Node>* read_list(const Node& node, const std::string& path, std::size_t max_items,
                                   const std::string& what, Diagnostics& out) {
    if (!node.is_sequence()) {
        out.add(node.pos, expected(path, "a list", node));
        return nullptr;
    }
    if (node.items.size() > max_items) {
        out.add(node.pos, over_limit(path, node.items.size(), what, max_items));
        return nullptr;
    }
    return &node.items;
}

const std::vector<MapEntry>* read_id_map(const Node& node, const std::string& path,
                                         std::size_t max_entries, const std::string& what,
                                         Diagnostics& out) {
    if (!node.is_map()) {
        out.add(node.pos, path + ": expected a map of " + what + " by id, got " + describe(node));
        return nullptr;
    }
    if (node.entries.size() > max_entries) {
        out.add(node.pos, over_limit(path, node.entries.size(), what, max_entries));
        return nullptr;
    }
    return &node.entries;
}

bool is_valid_id(std::string_view id) {
    return !id.empty() && id.size() <= 64 && id[0] >= 'a' && id[0] <= 'z' &&
           std::all_of(id.begin(), id.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

bool check_id(const MapEntry& entry, const std::string& path, Diagnostics& out) {
    const std::string& id = entry.key;
    const bool valid = is_valid_id(id);
    if (!valid)
        out.add(entry.key_pos, path + ": " + quote_text(id) +
                                   " is not a valid id (use lower-case letters, digits and _, "
                                   "starting with a letter; at most 64 characters)");
    return valid;
}

MapReader::MapReader(const Node* map, std::string path, std::vector<std::string_view> known_keys,
                     Diagnostics& out)
    : path_(std::move(path)), out_(out) {
    if (map == nullptr) return;
    if (!map->is_map()) {
        out_.add(map->pos, expected(path_, "a map", *map));
        return;
    }
    map_ = map;
    auto check_key = [&](const MapEntry& entry) {
        if (std::find(known_keys.begin(), known_keys.end(), entry.key) != known_keys.end())
            return;
        const std::string where = path_.empty() ? " at top level" : " in " + path_;
        const std::string match = out_.full() ? "" : closest_match(entry.key, known_keys);
        const std::string hint = match.empty() ? "" : " (did you mean '" + match + "'?)";
        out_.add(entry.key_pos, "unknown key " + quote_text(entry.key) + where + hint);
        if (!match.empty()) suggested_.push_back(match);
    };
    for (const MapEntry& entry : map->entries)
        check_key(entry);
    // Keys written with no value are absent, but a misspelt one is still a typo.
    for (const MapEntry& entry : map->dropped_entries)
        check_key(entry);
}

const Node* MapReader::get(std::string_view key) const {
    return map_ ? map_->find(key) : nullptr;
}

const Node* MapReader::require(std::string_view key) const {
    const Node* node = get(key);
    if (!node && map_) missing_required_ = true;
    const bool misspelt = std::find(suggested_.begin(), suggested_.end(), key) != suggested_.end();
    if (!node && map_ && !misspelt)
        out_.add(map_->pos, "missing required key '" + std::string(key) + "'" +
                                (path_.empty() ? "" : " in " + path_));
    return node;
}

std::optional<std::string> MapReader::string(std::string_view key) const {
    const Node* node = get(key);
    return node ? read_string(*node, path_of(key), out_) : std::nullopt;
}

std::optional<double> MapReader::number(std::string_view key, const NumberRange& range) const {
    const Node* node = get(key);
    return node ? read_number(*node, path_of(key), range, out_) : std::nullopt;
}

std::optional<int> MapReader::integer(std::string_view key, const IntRange& range) const {
    const Node* node = get(key);
    if (!node) return std::nullopt;
    std::optional<std::int64_t> value = read_integer(*node, path_of(key), range, out_);
    if (!value) return std::nullopt;
    return static_cast<int>(*value);  // range.max fits an int for every field read this way
}

std::optional<bool> MapReader::boolean(std::string_view key) const {
    const Node* node = get(key);
    return node ? read_bool(*node, path_of(key), out_) : std::nullopt;
}

std::optional<Hours> MapReader::duration(std::string_view key, DurationBound bound) const {
    const Node* node = get(key);
    return node ? read_duration(*node, path_of(key), bound, out_) : std::nullopt;
}

std::optional<Date> MapReader::date(std::string_view key) const {
    const Node* node = get(key);
    return node ? read_date(*node, path_of(key), out_) : std::nullopt;
}

std::optional<std::string> MapReader::choice(std::string_view key,
                                             const std::vector<std::string_view>& choices) const {
    const Node* node = get(key);
    return node ? read_choice(*node, path_of(key), choices, out_) : std::nullopt;
}

std::optional<std::size_t> IdTable::find(const std::string& id) const {
    auto found = index_.find(id);
    if (found == index_.end()) return std::nullopt;
    return found->second;
}

std::optional<std::size_t> IdTable::lookup(const Node& node, const std::string& path,
                                           Diagnostics& out, const std::string& hint) {
    if (!node.is_scalar()) {
        out.add(node.pos, expected(path, "a " + kind_ + " id", node));
        return std::nullopt;
    }
    if (std::optional<std::size_t> index = find(node.text)) return index;
    constexpr int kSuggestedMisses = 20;
    std::string suggestion;
    if (++misses_ <= kSuggestedMisses && !out.full()) {
        std::vector<std::string_view> candidates(ids_.begin(), ids_.end());
        suggestion = did_you_mean(node.text, candidates);
    }
    out.add(node.pos, path + ": unknown " + kind_ + " " + describe(node) + suggestion +
                          (ids_.empty() ? hint : ""));
    return std::nullopt;
}

}  // namespace mmsim::detail
