#pragma once
// A YAML document as a tree that remembers where every value was written, so
// that each problem found later can be reported as `file:line:col: message`.
//
// The tree is built from yaml-cpp's event stream (not its Node API) so that we
// keep positions, expand aliases ourselves under a budget, and refuse hostile
// input (huge files, deep nesting, alias bombs) before it costs time or memory.
// Scalars stay text: the scenario loader decides what a value means.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mmsim/error.hpp"

namespace mmsim {

/// Largest file read (bytes); larger files are refused before being read.
/// yaml-cpp parses about 3 MB a second, so this bounds a load to a few seconds.
inline constexpr std::uintmax_t kMaxDocumentBytes = 8u << 20;
/// Deepest nesting of maps and lists (the top-level map is level 1).
inline constexpr int kMaxDocumentDepth = 64;
/// Most nodes (scalars, maps, lists, keys) a document may hold after aliases
/// are expanded.
inline constexpr std::size_t kMaxDocumentNodes = 1'000'000;
/// Most nodes all aliases together may add: "billion laughs" alias bombs stop
/// here, after a few milliseconds of copying.
inline constexpr std::size_t kMaxAliasNodes = 100'000;
/// Longest single scalar (bytes).
inline constexpr std::size_t kMaxScalarBytes = 1u << 20;
/// Most scalar bytes a document may hold after aliases are expanded.
inline constexpr std::size_t kMaxDocumentScalarBytes = 64u << 20;
/// Longest `extends` chain (a file, its parent, the parent's parent, ...).
inline constexpr int kMaxExtendsDepth = 16;

struct MapEntry;

/// One value of the document: nothing (null), a scalar, a map or a list.
struct Node {
    enum class Kind { null, scalar, map, sequence };

    Kind kind = Kind::null;
    std::string text;               ///< the scalar's text (kind scalar only)
    std::vector<MapEntry> entries;  ///< map entries in document order (kind map only)
    /// Entries written with a null value that drop_null_entries took out of
    /// `entries`, except those that removed an inherited entry: kept so that
    /// a misspelt key written with no value is still reported as unknown.
    std::vector<MapEntry> dropped_entries;
    std::vector<Node> items;        ///< list items (kind sequence only)
    SourcePos pos;                  ///< where the value starts (columns count bytes)

    bool is_null() const { return kind == Kind::null; }
    bool is_scalar() const { return kind == Kind::scalar; }
    bool is_map() const { return kind == Kind::map; }
    bool is_sequence() const { return kind == Kind::sequence; }

    /// The entry with this key, or nullptr (also when this is not a map).
    const MapEntry* find_entry(std::string_view key) const;
    MapEntry* find_entry(std::string_view key);
    /// The value under this key, or nullptr (also when this is not a map).
    const Node* find(std::string_view key) const;
    Node* find(std::string_view key);
    /// Removes the entry with this key, if any.
    void erase(std::string_view key);
};

/// A key of a map with its value. Keys are always scalars.
struct MapEntry {
    std::string key;
    SourcePos key_pos;  ///< where the key was written
    Node value;
    bool removes_inherited = false;  ///< a null value that removed a parent's entry (`extends`)
};

/// Parses YAML text; `file` names it in positions and messages. Empty text
/// (or only comments) gives a null node. Throws ScenarioError on syntax errors,
/// duplicate keys, non-scalar keys, several documents, undefined or recursive
/// aliases, and on exceeding any of the limits above.
Node parse_document(std::string_view text, const std::string& file);

/// Reads and parses one file (no `extends` resolution). Throws ScenarioError
/// when the file is missing, unreadable, a directory, too large, not UTF-8
/// text, or not valid YAML.
Node load_document(const std::string& path);

/// Merges `child` over `parent` (the `extends` rules): maps merge by key with
/// the child winning, a null child value removes the parent's entry, lists and
/// scalars replace. Entries keep their parent order; new keys follow.
Node merge_documents(Node parent, const Node& child);

/// A file a resolved document was read from, with the hash of its own tree.
struct SourceFile {
    std::string path;        ///< as the file that named it wrote it, relative to it resolved
    std::uint64_t hash = 0;  ///< hash() of this file's own tree, before merging
};

/// Loads a file and resolves its `extends` chain (paths relative to the file
/// that names them), then drops every null-valued map entry (a null means
/// "absent"). The `extends` key itself is removed. `files`, when given, gets
/// the file and then each parent, in that order. Throws ScenarioError for
/// missing parents, cycles, chains longer than kMaxExtendsDepth, and parents
/// whose `schema_version` differs from the child's.
Node load_resolved_document(const std::string& path, std::vector<SourceFile>* files = nullptr);

/// Removes map entries whose value is null, at every level (into
/// Node::dropped_entries unless they removed an inherited entry).
void drop_null_entries(Node& node);

/// Applies one `--set PATH=VALUE` argument (without the `--set`) to the tree:
/// PATH is dot-separated keys with `[i]` list indices, VALUE is YAML. Missing
/// map entries along the path are created; a null VALUE removes the entry.
/// New values are positioned in the file "--set ARGUMENT". Throws
/// ScenarioError on a malformed argument, an index past the end of a list, or
/// a path through a scalar.
void apply_override(Node& root, const std::string& argument);

/// The "file" that values from a `--set` argument are positioned in.
std::string override_source_name(const std::string& argument);

/// How a value is shown in messages: 'text' (see quote_text), "a map",
/// "a list" or "nothing".
std::string describe(const Node& node);

/// 'text' for messages: line breaks and tabs escaped (a message is one line),
/// text past 60 bytes cut short with "...".
std::string quote_text(std::string_view text);

/// A compact JSON-like text of the tree in document order, without positions:
/// equal content gives equal text whatever file it came from.
std::string canonical_text(const Node& node);

/// FNV-1a 64 of canonical_text(node).
std::uint64_t hash(const Node& node);

/// The tree as block YAML, without comments or positions; scalars are quoted
/// where YAML would read them otherwise, so parsing it back gives the same
/// canonical_text (and hash).
std::string to_yaml(const Node& node);

/// One difference between two trees: the value at `path` before and after
/// (none: absent on that side). Scalars as their text, maps and lists as
/// canonical_text.
struct DocumentChange {
    std::string path;  ///< "contingents.kenya.waves[0].officers"
    std::optional<std::string> before, after;
};

/// The differences of `after` from `before`, path by path, in `before`'s
/// order then `after`'s new entries: maps compared key by key, lists item by
/// item, anything else by its canonical text. Empty when they are equal.
std::vector<DocumentChange> diff_documents(const Node& before, const Node& after);

}  // namespace mmsim
