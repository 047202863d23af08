// `--set PATH=VALUE`: one assignment into the resolved document tree, before
// validation, so that an override is checked exactly like a value in a file.

#include <charconv>
#include <optional>

#include "mmsim/document.hpp"

namespace mmsim {
namespace {

// One step of a path: a map key or a list index.
struct Step {
    std::string key;
    std::optional<std::size_t> index;
};

bool is_key_char(char c) {
    return c != '.' && c != '[' && c != ']' && c != '=' && c != ' ';
}

// A path is at most this long, and has at most kMaxDocumentDepth steps: no
// scenario is deeper, and a hostile path (20,000 parts) costs nothing.
constexpr std::size_t kMaxPathBytes = 1024;
// The argument names every node it creates ("--set ARG:1:1"): past this it is
// shortened, so that a long value's nodes do not each copy it.
constexpr std::size_t kMaxShownArgument = 120;

// Splits "a.b[2].c" into a, b, [2], c; nullopt when malformed.
std::optional<std::vector<Step>> parse_path(std::string_view path) {
    std::vector<Step> steps;
    std::size_t i = 0;
    while (true) {
        if (steps.size() >= static_cast<std::size_t>(kMaxDocumentDepth)) return steps;
        std::size_t key_end = i;
        while (key_end < path.size() && is_key_char(path[key_end]))
            ++key_end;
        if (key_end == i) return std::nullopt;
        steps.push_back(Step{std::string(path.substr(i, key_end - i)), std::nullopt});
        i = key_end;
        while (i < path.size() && path[i] == '[') {
            std::size_t close = path.find(']', i);
            if (close == std::string_view::npos || close == i + 1) return std::nullopt;
            std::size_t index = 0;
            auto [end, error] = std::from_chars(path.data() + i + 1, path.data() + close, index);
            if (error != std::errc{} || end != path.data() + close) return std::nullopt;
            steps.push_back(Step{"", index});
            i = close + 1;
        }
        if (i == path.size()) return steps;
        if (path[i] != '.') return std::nullopt;
        ++i;
    }
}

// Walks the steps from `root`, creating missing map entries, and stores
// `value` at the end. `where` positions created keys and every error.
void assign(Node& root, const std::vector<Step>& steps, Node value, const SourcePos& where) {
    Node* node = &root;
    std::string walked;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const Step& step = steps[i];
        const bool last = i + 1 == steps.size();
        if (step.index) {
            const std::string indexed = walked + "[" + std::to_string(*step.index) + "]";
            if (!node->is_sequence())
                throw ScenarioError(
                    where, indexed + ": " + walked + " is " + describe(*node) + ", not a list");
            if (*step.index >= node->items.size())
                throw ScenarioError(where, indexed + ": index " + std::to_string(*step.index) +
                                               " is past the end of the list (it has " +
                                               std::to_string(node->items.size()) + " items)");
            walked = indexed;
            node = &node->items[*step.index];
            if (last) *node = std::move(value);
            continue;
        }
        if (node->is_null()) {  // `airport:` left empty, or an entry created just now
            node->kind = Node::Kind::map;
            node->pos = where;
        }
        const std::string keyed = walked.empty() ? step.key : walked + "." + step.key;
        if (!node->is_map())
            throw ScenarioError(where,
                                keyed + ": " + walked + " is " + describe(*node) + ", not a map");
        walked = keyed;
        MapEntry* entry = node->find_entry(step.key);
        if (last && value.is_null()) {
            node->erase(step.key);
            return;
        }
        if (!entry) {
            node->entries.push_back(MapEntry{step.key, where, Node{}});
            entry = &node->entries.back();
            entry->value.pos = where;
        }
        node = &entry->value;
        if (last) *node = std::move(value);
    }
}

}  // namespace

std::string override_source_name(const std::string& argument) {
    // Shown on a terminal: a control character is written as an escape.
    std::string shown = "--set ";
    for (std::size_t i = 0; i < argument.size() && i < kMaxShownArgument; ++i) {
        const auto byte = static_cast<unsigned char>(argument[i]);
        if (byte >= 0x20 && byte != 0x7F) {
            shown += argument[i];
            continue;
        }
        static const char* const kHex = "0123456789ABCDEF";
        shown += std::string("\\x") + kHex[byte >> 4] + kHex[byte & 0xF];
    }
    if (argument.size() > kMaxShownArgument) shown.replace(shown.size() - 3, 3, "...");
    return shown;
}

void apply_override(Node& root, const std::string& argument) {
    const SourcePos where{override_source_name(argument), 1, 1};
    const std::size_t equals = argument.find('=');
    if (equals == std::string::npos)
        throw ScenarioError(where, "expected PATH=VALUE, e.g. patrols.policy=coverage");
    const std::string_view path = std::string_view(argument).substr(0, equals);
    if (path.size() > kMaxPathBytes)
        throw ScenarioError(where, "the path is " + std::to_string(path.size()) +
                                       " bytes long (the limit is " +
                                       std::to_string(kMaxPathBytes) + ")");
    std::optional<std::vector<Step>> steps = parse_path(path);
    if (steps && steps->size() >= static_cast<std::size_t>(kMaxDocumentDepth))
        throw ScenarioError(where, "the path has more than " +
                                       std::to_string(kMaxDocumentDepth - 1) +
                                       " keys and indices (the limit: no scenario is deeper)");
    if (!steps)
        throw ScenarioError(where,
                            "'" + std::string(path) +
                                "' is not a path (write keys separated by dots and list "
                                "indices in brackets, e.g. contingents.kenya.waves[0].officers)");
    if (steps && steps->front().key == "extends")
        throw ScenarioError(where, "extends: cannot be set with --set (extends is resolved before "
                                   "any --set; write it in the scenario file)");
    Node value = parse_document(std::string_view(argument).substr(equals + 1), where.file);
    assign(root, *steps, std::move(value), where);
}

}  // namespace mmsim
