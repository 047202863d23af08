// `extends`: a scenario written as changes to another. The parent is loaded
// and resolved first (it may extend a third file), then the child is merged
// over it. Values keep the position of the file they were written in, so an
// error in an inherited value points into the parent.

#include <filesystem>
#include <unordered_map>

#include "mmsim/document.hpp"
#include "kernel/text_file.hpp"

namespace mmsim {
namespace {

namespace fs = std::filesystem;

// The files being resolved, outermost first, to detect cycles and name them.
struct Chain {
    std::vector<std::string> shown;      // as the user would write them
    std::vector<std::string> canonical;  // to compare
    std::vector<SourceFile>* files = nullptr;  // every file read, for provenance
    // The limits on a document hold for the whole chain, not for each file:
    // 16 files each just under them would otherwise cost 16 times as much.
    std::uintmax_t bytes = 0;
    std::size_t values = 0;
};

std::size_t count_values(const Node& node) {
    std::size_t values = 1;
    for (const MapEntry& entry : node.entries) values += count_values(entry.value);
    for (const Node& item : node.items) values += count_values(item);
    return values;
}

std::string canonical_path(const std::string& path) {
    std::error_code error;
    fs::path canonical = fs::weakly_canonical(path, error);
    return error ? fs::path(path).lexically_normal().string() : canonical.string();
}

std::string cycle_text(const Chain& chain, std::size_t from, const std::string& again) {
    std::string text;
    for (std::size_t i = from; i < chain.shown.size(); ++i)
        text += chain.shown[i] + " -> ";
    return text + again;
}

// schema_version must agree along the chain (a parent written for another
// version would silently mean something else).
void check_same_version(const Node& child, const Node& parent, const std::string& parent_path) {
    const Node* child_version = child.find("schema_version");
    const Node* parent_version = parent.find("schema_version");
    if (!child_version || !parent_version || !child_version->is_scalar() ||
        !parent_version->is_scalar() || child_version->text == parent_version->text)
        return;
    throw ScenarioError(child_version->pos, "schema_version: " + child_version->text +
                                                " does not match schema_version " +
                                                parent_version->text + " of " + parent_path);
}

Node resolve(const std::string& path, const MapEntry* named_by, Chain& chain);

// The parent's path: `extends` is relative to the file that names it.
std::string parent_path_of(const std::string& child_path, const MapEntry& extends) {
    if (!extends.value.is_scalar() || extends.value.text.empty())
        throw ScenarioError(extends.value.pos,
                            "extends: expected a file path, got " + describe(extends.value));
    return (fs::path(child_path).parent_path() / extends.value.text).lexically_normal().string();
}

// Loads the parent named by `extends` (an entry of `child`'s top-level map).
Node load_parent(const std::string& child_path, const std::string& parent_path,
                 const MapEntry& extends, Chain& chain) {
    const std::string canonical = canonical_path(parent_path);
    for (std::size_t i = 0; i < chain.canonical.size(); ++i)
        if (chain.canonical[i] == canonical)
            throw ScenarioError(extends.key_pos,
                                "extends: cycle " + cycle_text(chain, i, parent_path));
    if (chain.shown.size() >= static_cast<std::size_t>(kMaxExtendsDepth))
        throw ScenarioError(extends.key_pos, "extends: more than " +
                                                 std::to_string(kMaxExtendsDepth) +
                                                 " files in the chain (the limit)");
    Node parent = resolve(parent_path, &extends, chain);
    if (!parent.is_map()) {
        SourcePos where = parent.pos.line > 0 ? parent.pos : SourcePos{parent_path, 1, 1};
        throw ScenarioError(where, "expected a map of scenario keys, got " + describe(parent) +
                                       " (this file is extended by " + child_path + ")");
    }
    return parent;
}

// Reads `path`; a parent that cannot be read is blamed on the `extends` entry
// that named it, and so is one that takes the chain past a document's limits.
Node read_document(const std::string& path, const MapEntry* named_by, Chain& chain) {
    std::string problem;
    std::optional<std::string> text = detail::read_text_file(path, problem, kMaxDocumentBytes);
    if (!text && !named_by) throw ScenarioError(SourcePos{path, 0, 0}, "cannot read file: " + problem);
    if (!text)
        throw ScenarioError(named_by->key_pos,
                            "extends: cannot read file '" + path + "': " + problem);
    chain.bytes += text->size();
    if (named_by && chain.bytes > kMaxDocumentBytes)
        throw ScenarioError(named_by->key_pos,
                            "extends: the files of the chain hold " + std::to_string(chain.bytes) +
                                " bytes together, more than " + std::to_string(kMaxDocumentBytes) +
                                " (the limit holds for the whole chain)");
    Node node = parse_document(*text, path);
    chain.values += count_values(node);
    if (named_by && chain.values > kMaxDocumentNodes)
        throw ScenarioError(named_by->key_pos,
                            "extends: the files of the chain hold more than " +
                                std::to_string(kMaxDocumentNodes) +
                                " values together (the limit holds for the whole chain)");
    return node;
}

Node resolve(const std::string& path, const MapEntry* named_by, Chain& chain) {
    Node node = read_document(path, named_by, chain);
    if (chain.files) chain.files->push_back({path, hash(node)});
    const MapEntry* extends = node.is_map() ? node.find_entry("extends") : nullptr;
    if (!extends) return node;
    chain.shown.push_back(path);
    chain.canonical.push_back(canonical_path(path));
    const std::string parent_path = parent_path_of(path, *extends);
    Node parent = load_parent(path, parent_path, *extends, chain);
    chain.shown.pop_back();
    chain.canonical.pop_back();
    check_same_version(node, parent, parent_path);
    Node merged = merge_documents(std::move(parent), node);
    merged.erase("extends");
    return merged;
}

}  // namespace

Node merge_documents(Node parent, const Node& child) {
    if (!parent.is_map() || !child.is_map()) return child;
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < parent.entries.size(); ++i)
        index.emplace(parent.entries[i].key, i);
    for (const MapEntry& entry : child.entries) {
        auto found = index.find(entry.key);
        if (found == index.end()) {
            index.emplace(entry.key, parent.entries.size());
            parent.entries.push_back(entry);
            continue;
        }
        // A null child value is kept (not erased) so that it also hides the
        // entry from any file further up; drop_null_entries removes it at the end.
        MapEntry& target = parent.entries[found->second];
        target.value = merge_documents(std::move(target.value), entry.value);
        target.key_pos = entry.key_pos;
        target.removes_inherited = entry.value.is_null();
    }
    parent.pos = child.pos;
    return parent;
}

void drop_null_entries(Node& node) {
    // A null that removed nothing may be a misspelt key (or the `000` of
    // `{population: 200,000}`): the scenario reader still checks its key.
    for (MapEntry& entry : node.entries)
        if (entry.value.is_null() && !entry.removes_inherited)
            node.dropped_entries.push_back(entry);
    std::erase_if(node.entries, [](const MapEntry& entry) { return entry.value.is_null(); });
    for (MapEntry& entry : node.entries)
        drop_null_entries(entry.value);
    for (Node& item : node.items)
        drop_null_entries(item);
}

Node load_resolved_document(const std::string& path, std::vector<SourceFile>* files) {
    Chain chain;
    chain.files = files;
    Node root = resolve(path, nullptr, chain);
    drop_null_entries(root);
    return root;
}

}  // namespace mmsim
